// Test fixtures: each test gets a fresh workspace and a user of the role it asks for (test.use({ role })),
// logged in through next-auth's credentials endpoint rather than the login screen.
import { test as base, expect, type APIRequestContext } from "@playwright/test";
import { closeDatabase, seedConnector, seedUser, seedWorkspace, type Role, type SeededUser, type SeededWorkspace } from "./support/database";

export { expect };
export type { Role, SeededUser, SeededWorkspace };

/** Log a request context (and so the browser context it belongs to) in with email and password. */
export async function logIn(request: APIRequestContext, email: string, password: string): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.ok(), "GET /api/auth/csrf").toBeTruthy();
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: "/settings/channel/sms" },
    maxRedirects: 0,
  });
  expect(response.status(), "credentials callback").toBeLessThan(400);
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user?.email, `logged in as ${email}`).toBe(email);
}

interface Fixtures {
  /** The role of `user`; override per file or describe with test.use({ role: "viewer" }). */
  role: Role;
  workspace: SeededWorkspace;
  /** A fresh member of `workspace`, already logged in on `page`. */
  user: SeededUser;
  seed: {
    user: (role: Role, workspace?: SeededWorkspace) => Promise<SeededUser>;
    connector: typeof seedConnector;
  };
}

export const test = base.extend<Fixtures & { failOnPageErrors: void }, { databaseCleanup: void }>({
  role: ["admin", { option: true }],
  workspace: async ({}, use) => {
    await use(await seedWorkspace());
  },
  user: async ({ page, workspace, role }, use) => {
    const user = await seedUser(workspace, role);
    await logIn(page.request, user.email, user.password);
    await use(user);
  },
  seed: async ({ workspace }, use) => {
    await use({ user: (role, target = workspace) => seedUser(target, role), connector: seedConnector });
  },
  // An uncaught exception in the browser fails the test, even when the screen still looked right.
  failOnPageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await use();
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
  databaseCleanup: [
    async ({}, use) => {
      await use();
      await closeDatabase();
    },
    { scope: "worker", auto: true },
  ],
});
