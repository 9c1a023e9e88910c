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

/** The median of a few runs: one slow run on a busy machine must not decide the comparison. */
async function medianMs(run: () => Promise<unknown>, times = 3): Promise<number> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b)[Math.floor(times / 2)];
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
    const wrong = await account();
    const locked = await account();
    await lockOut(locked);

    // Three wrong passwords in all: fewer than the lock-out needs, so this account stays unlocked throughout.
    const wrongMs = await medianMs(() => verifyLogin(wrong, "not-the-password"), 3);
    const lockedMs = await medianMs(() => verifyLogin(locked, PASSWORD));
    const unknownMs = await medianMs(() => verifyLogin(email(), PASSWORD));
    // Tolerant on purpose (2 busy cores): a shortcut costs a few milliseconds against a bcrypt compare's hundreds.
    expect(lockedMs).toBeGreaterThan(wrongMs / 2);
    expect(unknownMs).toBeGreaterThan(wrongMs / 2);
  });
});
