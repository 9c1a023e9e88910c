import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { generateEncryptionKey, parseEncryptionKey } from "@/lib/security/secrets";
import { SECRET_MASK, type ConnectorRequest } from "./schema";
import { maskRequest, sealRequest, stripSecrets, unsealRequest } from "./secret-rows";

const key = parseEncryptionKey(generateEncryptionKey());
const request: ConnectorRequest = {
  method: "POST",
  url: "https://acme.example/send",
  params: [{ key: "api_key", value: "k-123", secret: true }, { key: "format", value: "json", secret: false }],
  headers: [{ key: "Authorization", value: "Bearer t-456", secret: true }],
  body: { type: "json", fields: [{ key: "password", value: "p-789", secret: true, valueType: "string" }] },
};

describe("secret rows", () => {
  const sealed = sealRequest(request, null, key);

  it("seals every secret row and leaves the others readable", () => {
    const text = JSON.stringify(sealed);
    for (const secret of ["k-123", "t-456", "p-789"]) expect(text).not.toContain(secret);
    expect(sealed.params[1].value).toBe("json");
    expect(unsealRequest(sealed, key)).toEqual(request);
  });

  it("masks secrets for clients and strips them for export", () => {
    const masked = maskRequest(sealed);
    expect(masked.params[0].value).toBe(SECRET_MASK);
    expect(masked.headers[0].value).toBe(SECRET_MASK);
    expect(masked.body).toMatchObject({ fields: [{ value: SECRET_MASK }] });
    expect(stripSecrets(sealed).params[0].value).toBe("");
  });

  it("keeps the stored value when the mask comes back, even after rows were reordered", () => {
    const resubmitted = maskRequest(sealed);
    const reordered = { ...resubmitted, params: [...resubmitted.params].reverse() };
    const resealed = sealRequest(reordered, sealed, key);
    expect(unsealRequest(resealed, key).params).toEqual([...request.params].reverse());
    expect(unsealRequest(resealed, key).headers[0].value).toBe("Bearer t-456");
  });

  it("asks for a value when a masked secret has nothing stored behind it", () => {
    const renamed = { ...maskRequest(sealed), headers: [{ key: "X-Token", value: SECRET_MASK, secret: true }] };
    expect(() => sealRequest(renamed, sealed, key)).toThrow(ValidationError);
  });
});
