// Secrets at rest: AES-256-GCM with a random IV per value and the key from SWITCHBOARD_ENCRYPTION_KEY.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { config } from "@/lib/env";

const VERSION = "v1";

export class SecretKeyError extends Error {}

export function parseEncryptionKey(raw: string | undefined): Buffer {
  if (!raw) throw new SecretKeyError("SWITCHBOARD_ENCRYPTION_KEY is not set");
  const trimmed = raw.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, "hex");
  const decoded = Buffer.from(trimmed, "base64");
  if (decoded.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(trimmed)) return decoded;
  // A passphrase: stretch it to a key deterministically so the same passphrase always decrypts.
  return createHash("sha256").update(`switchboard:${trimmed}`).digest();
}

export function generateEncryptionKey(): string {
  return randomBytes(32).toString("base64");
}

export function encryptSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
}

export function decryptSecret(sealed: string, key: Buffer): string {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SecretKeyError("Not an encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError("A stored secret could not be decrypted: SWITCHBOARD_ENCRYPTION_KEY differs from the key it was saved with");
  }
}

export function isSealed(value: string): boolean {
  return /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/.test(value);
}

let activeKey: Buffer | undefined;

/** The process-wide key, read from the environment on first use. */
export function encryptionKey(): Buffer {
  activeKey ??= parseEncryptionKey(config().encryptionKey);
  return activeKey;
}
