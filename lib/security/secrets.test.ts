import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, generateEncryptionKey, isSealed, parseEncryptionKey, SecretKeyError } from "./secrets";

const key = parseEncryptionKey(generateEncryptionKey());

describe("secrets at rest", () => {
  it("round-trips unicode and never stores the plain text", () => {
    const plain = "tok_ünïcødé 😀 \"quoted\"";
    const sealed = encryptSecret(plain, key);
    expect(sealed).not.toContain("tok_");
    expect(isSealed(sealed)).toBe(true);
    expect(decryptSecret(sealed, key)).toBe(plain);
  });

  it("uses a fresh IV every time, so equal secrets do not look equal", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses a tampered value", () => {
    const sealed = encryptSecret("api-key-123", key);
    const [v, iv, tag, body] = sealed.split(":");
    const flipped = Buffer.from(body, "base64");
    flipped[0] ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64")].join(":"), key)).toThrow(SecretKeyError);
  });

  it("says clearly when the key differs from the one the value was saved with", () => {
    const sealed = encryptSecret("api-key-123", key);
    const otherKey = parseEncryptionKey(generateEncryptionKey());
    expect(() => decryptSecret(sealed, otherKey)).toThrow(/SWITCHBOARD_ENCRYPTION_KEY differs/);
  });

  it("accepts base64 and hex keys and stretches a passphrase deterministically", () => {
    expect(parseEncryptionKey("ab".repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(parseEncryptionKey(Buffer.alloc(32, 7).toString("base64"))).toEqual(Buffer.alloc(32, 7));
    const a = parseEncryptionKey("correct horse battery staple");
    expect(a).toHaveLength(32);
    expect(parseEncryptionKey("correct horse battery staple")).toEqual(a);
    expect(() => parseEncryptionKey(undefined)).toThrow(/not set/);
  });
});
