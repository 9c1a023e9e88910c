// next-auth (email + password) and the helpers pages, actions and routes use to find the current actor.
// A session is good while the version it was issued at is the user's current one: checked against the
// database on every request that reads the session (lib/accounts/sessions.ts).
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession, type NextAuthOptions } from "next-auth";
import { encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { endSessions, isSessionCurrent } from "@/lib/accounts/sessions";
import { verifyLogin, type SessionUser } from "@/lib/accounts/users";
import { actorForUser } from "@/lib/accounts/workspaces";
import { config } from "@/lib/env";
import { NotFoundError, UnauthorizedError } from "@/lib/errors";
import { logger } from "@/lib/logger";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sessionVersion?: number;
  }
}

export const WORKSPACE_COOKIE = "sb_workspace";
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
/** next-auth's names for the session cookie: the first on https, the second on http. */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** Thrown inside next-auth when a token's session has ended: next-auth then treats the request as signed out. */
class SessionEndedError extends Error {
  constructor() {
    super("The session has ended (password changed or signed out)");
  }
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) return { ...token, sub: user.id, sessionVersion: user.sessionVersion };
      if (!(await isSessionCurrent(token.sub, token.sessionVersion))) throw new SessionEndedError();
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) Object.assign(session.user, { id: token.sub });
      return session;
    },
  },
  events: {
    // Signing out ends the session for good: a copy of its cookie replayed later is refused.
    async signOut({ token }) {
      if (token?.sub && typeof token.sessionVersion === "number") await endSessions(token.sub, token.sessionVersion);
    },
  },
  logger: {
    error(code, metadata) {
      if (metadata instanceof SessionEndedError) return logger.debug({ code }, "request with an ended session");
      logger.error({ code, err: metadata }, "next-auth error");
    },
    warn(code) {
      logger.warn({ code }, "next-auth warning");
    },
  },
};

/** The credentials provider's check. Every refusal is the same null: the login form cannot tell why. */
export async function authorizeCredentials(credentials: Record<"email" | "password", string> | undefined) {
  if (!credentials?.email || !credentials.password) return null;
  const result = await verifyLogin(credentials.email, credentials.password);
  return result.ok ? { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion } : null;
}

/**
 * Re-issues this browser's session at the user's new session version (server actions and route handlers
 * only): after changing their own password the device they used stays signed in, every other one is not.
 */
export async function continueSession(user: SessionUser): Promise<void> {
  const { nextAuthSecret: secret, nextAuthUrl } = config();
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: start Switchboard through `npm run dev` / `npm start`, which provide it");
  const jar = await cookies();
  const name = SESSION_COOKIES.find((cookie) => jar.has(cookie)) ?? (nextAuthUrl?.startsWith("https://") ? SESSION_COOKIES[0] : SESSION_COOKIES[1]);
  const token = await encode({
    token: { sub: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion },
    secret,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  // The options next-auth gives its own session cookie.
  jar.set(name, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
  });
}

export async function currentUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return session?.user ? ((session.user as { id?: string }).id ?? null) : null;
}

/** The signed-in user's actor in their current workspace; throws 401/404 errors for routes and actions. */
export async function currentActor() {
  const userId = await currentUserId();
  if (!userId) throw new UnauthorizedError("Not signed in, or the session has ended: log in again");
  const slug = (await cookies()).get(WORKSPACE_COOKIE)?.value;
  try {
    return await actorForUser(userId, slug);
  } catch (error) {
    // A stale workspace cookie (left the workspace, or it was deleted): fall back to the first membership.
    if (error instanceof NotFoundError && slug) return actorForUser(userId);
    throw error;
  }
}

/** For pages: the actor, or a redirect to the login page. */
export async function requirePageActor() {
  try {
    return await currentActor();
  } catch (error) {
    if (error instanceof UnauthorizedError || error instanceof NotFoundError) redirect("/login");
    throw error;
  }
}
