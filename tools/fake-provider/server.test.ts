// The server around the sends: waiting on and bounding the history, listeners, and closing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeProvider, type FakeProvider } from "./index";
import { postJson } from "./test-support";

let fake: FakeProvider;

beforeAll(async () => {
  fake = await createFakeProvider();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

describe("waiting and recording", () => {
  it("waitFor resolves for a request already recorded and for one still to come", async () => {
    await postJson(`${fake.url}/json/send`, { to: "+15550000001" });
    const earlier = await fake.waitFor((request) => request.to === "+15550000001", 100);

    const later = fake.waitFor((request) => request.to === "+15550000002", 2_000);
    await postJson(`${fake.url}/json/send`, { to: "+15550000002" });

    expect(earlier.seq).toBeLessThan((await later).seq);
  });

  it("waitFor rejects after its timeout, naming what did arrive", async () => {
    await postJson(`${fake.url}/json/send`, { to: "+15551234567" });

    await expect(fake.waitFor((request) => request.path === "/never", 50)).rejects.toThrow(/No matching request within 50 ms \(1 recorded; latest: POST \/json\/send → 201\)/);
  });

  it("keeps only the newest maxRecorded requests", async () => {
    const small = await createFakeProvider({ maxRecorded: 3 });
    try {
      for (let i = 1; i <= 5; i++) await postJson(`${small.url}/json/send`, { to: `+1555000000${i}` });

      expect(small.received.map((request) => request.to)).toEqual(["+15550000003", "+15550000004", "+15550000005"]);
      expect(small.received.map((request) => request.seq)).toEqual([3, 4, 5]);
    } finally {
      await small.close();
    }
  });

  it("record: false keeps no history but waitFor still sees arrivals", async () => {
    const bench = await createFakeProvider({ record: false });
    try {
      const arrival = bench.waitFor((request) => request.to === "+15551234567", 2_000);
      const response = await postJson(`${bench.url}/json/send`, { to: "+15551234567" });

      expect(response.status).toBe(201);
      expect((await arrival).messageId).not.toBeNull();
      expect(bench.received).toHaveLength(0);
    } finally {
      await bench.close();
    }
  });

  it("calls onRequest for every request", async () => {
    const seen: string[] = [];
    const logged = await createFakeProvider({ onRequest: (request) => seen.push(`${request.method} ${request.path} ${request.status}`) });
    try {
      await postJson(`${logged.url}/json/send?behavior=unavailable`, { to: "+15551234567" });
      expect(seen).toEqual(["POST /json/send 503"]);
    } finally {
      await logged.close();
    }
  });
});

describe("close", () => {
  it("rejects pending waits, drops a slow reply and stops listening", async () => {
    const doomed = await createFakeProvider();
    const waiting = doomed.waitFor(() => false, 10_000);
    const slowReply = postJson(`${doomed.url}/json/send?behavior=slow&delay_ms=10000`, { to: "+15551234567" });
    await doomed.waitFor((request) => request.behavior === "slow");

    await doomed.close();

    await expect(waiting).rejects.toThrow("Fake provider closed");
    await expect(slowReply).rejects.toThrow();
    await expect(fetch(`${doomed.url}/__admin/health`)).rejects.toThrow();
  });
});
