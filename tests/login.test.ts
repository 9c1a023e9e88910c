// Logging in under attack: a burst of parallel guesses, and what a refusal gives away about the account.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser, MAX_FAILED_LOGINS, verifyLogin } from "@/lib/accounts/users";
import { db } from "@/lib/db";
import { authorizeCredentials } from "@/server/auth";

const PASSWORD = "right-password-1";
const email = () => `login-${randomBytes(4).toString("hex")}@example.test`;

async function account() {
  const address = email();
  await createUser({ email: address, password: PASSWORD });
  return address;
}

async function lockOut(address: string) {
  for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyLogin(address, `guess-${i}`);
  const row = await db().user.findUniqueOrThrow({ where: { email: address }, select: { lockedUntil: true } });
  expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function durationMs(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

describe("a burst of parallel guesses", () => {
  it(`counts exactly ${MAX_FAILED_LOGINS} before the lock and refuses the right password inside the burst`, { timeout: 120_000 }, async () => {
    const address = await account();
    // The right password last: the guesses before it use up the attempts, so it arrives at a locked account.
    const passwords = [...Array.from({ length: 39 }, (_, i) => `guess-${i}`), PASSWORD];
    const results = await Promise.all(passwords.map((password) => verifyLogin(address, password)));

    expect(results.filter((result) => result.ok)).toEqual([]);
    const row = await db().user.findUniqueOrThrow({ where: { email: address }, select: { failedLoginCount: true, lockedUntil: true } });
    expect(row.failedLoginCount).toBe(MAX_FAILED_LOGINS);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await verifyLogin(address, PASSWORD)).toEqual({ ok: false });
  });
});

describe("what a refusal gives away", () => {
  it("answers an unknown email, a wrong password and a locked account with the same public result", async () => {
    const wrong = await account();
    const locked = await account();
    await lockOut(locked);

    const answers = [
      await authorizeCredentials({ email: email(), password: PASSWORD }),
      await authorizeCredentials({ email: wrong, password: "not-the-password" }),
      await authorizeCredentials({ email: locked, password: "not-the-password" }),
      await authorizeCredentials({ email: locked, password: PASSWORD }),
    ];
    expect(answers).toEqual([null, null, null, null]);
    expect(await authorizeCredentials({ email: wrong, password: PASSWORD })).toMatchObject({ email: wrong });
  });

  it("takes about as long for a locked account or an unknown email as for a wrong password", { timeout: 120_000 }, async () => {
    // Two accounts for the wrong passwords, so neither reaches the lock-out while being measured.
    const wrong = [await account(), await account()];
    const locked = await account();
    await lockOut(locked);

    // Interleaved rounds and medians: load from elsewhere on a busy machine falls on all three cases alike.
    const times = { wrong: [] as number[], locked: [] as number[], unknown: [] as number[] };
    for (let round = 0; round < 5; round++) {
      times.wrong.push(await durationMs(() => verifyLogin(wrong[round % 2], "not-the-password")));
      times.locked.push(await durationMs(() => verifyLogin(locked, PASSWORD)));
      times.unknown.push(await durationMs(() => verifyLogin(email(), PASSWORD)));
    }
    // Tolerant on purpose: the same work takes about the same time, where a shortcut took about 1% of it.
    expect(median(times.locked)).toBeGreaterThan(median(times.wrong) / 2);
    expect(median(times.unknown)).toBeGreaterThan(median(times.wrong) / 2);
  });
});
