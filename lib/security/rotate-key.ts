// Rotating the encryption key: every sealed value stored anywhere in a connector's configuration is opened with
// the current key and sealed again with the new one, in one transaction. Nothing is changed unless every value
// opens, so a wrong "current" key leaves the database as it was.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decryptSecret, encryptSecret, isSealed } from "./secrets";

export interface RotationResult {
  connectors: number;
  secrets: number;
}

export async function rotateEncryptionKey(currentKey: Buffer, newKey: Buffer): Promise<RotationResult> {
  return db().$transaction(
    async (tx) => {
      // Lock the rows: a connector saved during the rotation would otherwise be sealed with the old key.
      const rows = await tx.$queryRaw<Array<{ id: string; config: Prisma.JsonValue }>>`select id, config from "Connector" order by id for update`;
      let secrets = 0;
      const updates = rows.map((row) => {
        const resealed = reseal(row.config, (sealed) => {
          secrets += 1;
          return encryptSecret(decryptSecret(sealed, currentKey), newKey);
        });
        return { id: row.id, config: resealed };
      });
      for (const update of updates) {
        await tx.connector.update({ where: { id: update.id }, data: { config: update.config as Prisma.InputJsonValue }, select: { id: true } });
      }
      return { connectors: rows.length, secrets };
    },
    { timeout: 120_000 },
  );
}

function reseal(value: Prisma.JsonValue, seal: (sealed: string) => string): Prisma.JsonValue {
  if (typeof value === "string") return isSealed(value) ? seal(value) : value;
  if (Array.isArray(value)) return value.map((item) => reseal(item, seal));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reseal(item as Prisma.JsonValue, seal)]));
  return value;
}
