// Rotating the encryption key re-seals every stored secret; a wrong current key changes nothing.
import { describe, expect, it } from "vitest";
import { createConnector } from "@/lib/connectors/save-connector";
import { readStoredConfig } from "@/lib/connectors/stored-config";
import { db } from "@/lib/db";
import { rotateEncryptionKey } from "@/lib/security/rotate-key";
import { decryptSecret, encryptionKey, generateEncryptionKey, parseEncryptionKey } from "@/lib/security/secrets";
import { connectorBody, createTestWorkspace } from "./fixtures";

describe("rotating the encryption key", () => {
  it("re-seals connector secrets so the new key opens them and the old one does not", async () => {
    const ws = await createTestWorkspace();
    const connector = await createConnector({ workspaceId: ws.id, role: "admin" }, connectorBody());
    const sealedBefore = readStoredConfig((await db().connector.findUniqueOrThrow({ where: { id: connector.id } })).config).request.params[0].value;
    expect(decryptSecret(sealedBefore, encryptionKey())).toBe("super-secret-key");

    const wrong = parseEncryptionKey(generateEncryptionKey());
    await expect(rotateEncryptionKey(wrong, parseEncryptionKey(generateEncryptionKey()))).rejects.toThrow(/could not be decrypted/);
    const unchanged = readStoredConfig((await db().connector.findUniqueOrThrow({ where: { id: connector.id } })).config).request.params[0].value;
    expect(unchanged).toBe(sealedBefore);

    const next = parseEncryptionKey(generateEncryptionKey());
    const result = await rotateEncryptionKey(encryptionKey(), next);
    expect(result.secrets).toBeGreaterThanOrEqual(1);
    const sealedAfter = readStoredConfig((await db().connector.findUniqueOrThrow({ where: { id: connector.id } })).config).request.params[0].value;
    expect(decryptSecret(sealedAfter, next)).toBe("super-secret-key");
    expect(() => decryptSecret(sealedAfter, encryptionKey())).toThrow();
    // Put the suite's key back for the tests that follow in this database.
    await rotateEncryptionKey(next, encryptionKey());
  });
});
