// next-auth (email + password) and the helpers pages, actions and routes use to find the current actor.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyLogin } from "@/lib/accounts/users";
import { actorForUser } from "@/lib/accounts/workspaces";
import { NotFoundError, UnauthorizedError } from "@/lib/errors";

export const WORKSPACE_COOKIE = "sb_workspace";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) Object.assign(session.user, { id: token.sub });
      return session;
    },
  },
};

/** The credentials provider's check. Every refusal is the same null: the login form cannot tell why. */
export async function authorizeCredentials(credentials: Record<"email" | "password", string> | undefined) {
  if (!credentials?.email || !credentials.password) return null;
  const result = await verifyLogin(credentials.email, credentials.password);
  return result.ok ? { id: result.user.id, email: result.user.email, name: result.user.name } : null;
}

export async function currentUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return session?.user ? ((session.user as { id?: string }).id ?? null) : null;
}

/** The signed-in user's actor in their current workspace; throws 401/404 errors for routes and actions. */
export async function currentActor() {
  const userId = await currentUserId();
  if (!userId) throw new UnauthorizedError();
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
