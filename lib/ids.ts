// Ids made in the application: `c` + time (base 36) + a per-process counter + randomness. Unique, and in order of
// creation like Prisma's cuid, so rows made together sit together in an index (bulk imports append).
import { randomBytes } from "node:crypto";

let counter = 0;

export function createId(): string {
  counter = (counter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${randomBytes(8).readBigUInt64BE().toString(36).padStart(12, "0").slice(-12)}`;
}
