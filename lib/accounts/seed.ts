// First start: the `default` workspace and an admin, so a fresh install can be logged into at once.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { createUser } from "./users";
import { addMember, createWorkspace } from "./workspaces";

export interface SeedResult {
  created: boolean;
  email: string;
  password?: string;
}

export async function ensureSeed(options: { email?: string; password?: string } = {}): Promise<SeedResult> {
  const email = (options.email ?? "admin@switchboard.local").toLowerCase();
  if ((await db().user.count()) > 0) return { created: false, email };
  const password = options.password ?? randomBytes(9).toString("base64url");
  const workspace =
    (await db().workspace.findUnique({ where: { slug: "default" }, select: { id: true } })) ??
    (await createWorkspace({ slug: "default", name: "Default workspace" }));
  const user = await createUser({ email, password, name: "Admin" });
  await addMember(workspace.id, user.id, "admin");
  return { created: true, email, password };
}
