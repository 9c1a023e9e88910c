import { describe, expect, it } from "vitest";
import { isDatabaseGoingAway } from "./going-away";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("database errors of the background loops", () => {
  it("are expected while PostgreSQL shuts down or restarts", () => {
    expect(isDatabaseGoingAway(withCode("terminating connection due to administrator command", "57P01"))).toBe(true);
    expect(isDatabaseGoingAway(withCode("terminating connection because of crash of another server process", "57P02"))).toBe(true);
    expect(isDatabaseGoingAway(withCode("the database system is shutting down", "57P03"))).toBe(true);
    // Prisma's errors carry PostgreSQL's code in meta: through the driver adapter, or (older) as meta.code.
    const adapterError = { driverAdapterError: { cause: { kind: "postgres", code: "57P01", originalCode: "57P01" } } };
    expect(isDatabaseGoingAway(Object.assign(new Error("Raw query failed. Code: `57P01`"), { code: "P2010", meta: adapterError }))).toBe(true);
    expect(isDatabaseGoingAway(Object.assign(new Error("Raw query failed. Code: `57P03`"), { code: "P2010", meta: { code: "57P03" } }))).toBe(true);
  });

  it("are errors otherwise", () => {
    expect(isDatabaseGoingAway(withCode('relation "Message" does not exist', "42P01"))).toBe(false);
    expect(isDatabaseGoingAway(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBe(false);
    expect(isDatabaseGoingAway(Object.assign(new Error("Unique constraint failed"), { code: "P2002", meta: { target: ["name"] } }))).toBe(false);
    expect(isDatabaseGoingAway({ code: "57P01" })).toBe(false);
    expect(isDatabaseGoingAway(null)).toBe(false);
  });
});
