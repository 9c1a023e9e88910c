// npm run api-key -- --workspace <slug> --name <name> [--role admin|manager|viewer]
// Prints a new API key; the key alone is the last line.
import { parseArgs } from "node:util";
import { createApiKey } from "@/lib/accounts/api-keys";
import { ROLES, type Role } from "@/lib/accounts/permissions";
import { db, disconnectDb } from "@/lib/db";

const { values } = parseArgs({
  options: { workspace: { type: "string", default: "default" }, name: { type: "string" }, role: { type: "string", default: "manager" } },
});

async function main() {
  if (!values.name) throw new Error("Give the key a name: --name <name>");
  if (!ROLES.includes(values.role as Role)) throw new Error(`--role must be one of ${ROLES.join(", ")}`);
  const workspace = await db().workspace.findUnique({ where: { slug: values.workspace }, select: { id: true, slug: true } });
  if (!workspace) throw new Error(`No workspace with slug "${values.workspace}"`);
  const key = await createApiKey({ workspaceId: workspace.id, role: "admin" }, { name: values.name, role: values.role as Role });
  console.log(`Created API key "${key.name}" (${key.role}) for workspace ${workspace.slug}. Store it now: it is not shown again.`);
  console.log(key.key);
}

main()
  .catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
