// Ids made in the application: `c` + time (base 36) + a per-process counter + randomness. Unique, and in order of
// creation like Prisma's cuid, so rows made together sit together in an index (bulk imports append).
import { randomBytes } from "node:crypto";

let counter = 0;
// Randomness drawn 4 KB at a time: an import makes a million ids, and one system call each would be a tenth of it.
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let offset = 0;

export function createId(): string {
  counter = (counter + 1) % 36 ** 4;
  if (offset + 8 > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const random = pool.readBigUInt64BE(offset);
  offset += 8;
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${random.toString(36).padStart(12, "0").slice(-12)}`;
}
