// npm run rotate-key -- [--new-key <key>]
// Re-seals every stored secret with a new encryption key. Stop the app and workers first; afterwards start them
// with the new SWITCHBOARD_ENCRYPTION_KEY (in embedded mode this script updates <data dir>/encryption.key).
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { config } from "@/lib/env";
import { rotateEncryptionKey } from "@/lib/security/rotate-key";
import { generateEncryptionKey, parseEncryptionKey } from "@/lib/security/secrets";

const { values } = parseArgs({ options: { "new-key": { type: "string" } } });

async function main() {
  const current = parseEncryptionKey(config().encryptionKey);
  const next = values["new-key"] ?? generateEncryptionKey();
  const result = await rotateEncryptionKey(current, parseEncryptionKey(next));
  console.log(`Re-sealed ${result.secrets} secrets in ${result.connectors} connectors with the new key.`);
  const keyFile = path.join(config().dataDir, "encryption.key");
  const generated = existsSync(keyFile) && (await readFile(keyFile, "utf8")).trim() === config().encryptionKey;
  if (generated) {
    await writeFile(keyFile, `${next}\n`, { mode: 0o600 });
    console.log(`Wrote the new key to ${keyFile}. Start Switchboard again.`);
  } else {
    console.log("Set SWITCHBOARD_ENCRYPTION_KEY to the new key below on every machine, then start Switchboard again:");
    console.log(next);
  }
}

main()
  .catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
