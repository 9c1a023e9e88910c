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
  auth: { type: "none" },
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

describe("the authentication block's secrets", () => {
  const oauth: ConnectorRequest = {
    ...request,
    auth: { type: "oauth2", tokenUrl: "https://auth.acme.example/oauth/token", clientId: "client-1", clientSecret: "cs-secret", placement: "header" },
  };
  const sealed = sealRequest(oauth, null, key);

  it("seals the OAuth client secret and the Basic password, and opens them again", () => {
    expect(JSON.stringify(sealed)).not.toContain("cs-secret");
    expect(unsealRequest(sealed, key)).toEqual(oauth);
    const basic = sealRequest({ ...request, auth: { type: "basic", username: "u", password: "pw-1" } }, null, key);
    expect(JSON.stringify(basic)).not.toContain("pw-1");
    expect(unsealRequest(basic, key).auth).toEqual({ type: "basic", username: "u", password: "pw-1" });
  });

  it("masks them on the way out and strips them for export", () => {
    expect(maskRequest(sealed).auth).toMatchObject({ clientId: "client-1", clientSecret: SECRET_MASK });
    expect(stripSecrets(sealed).auth).toMatchObject({ clientSecret: "" });
    expect(maskRequest({ ...request, auth: { type: "basic", username: "u", password: "" } }).auth).toMatchObject({ password: "" });
  });

  it("keeps the stored secret when the mask comes back with the same kind of authentication and token host", () => {
    const back = sealRequest({ ...maskRequest(sealed), auth: { ...(maskRequest(sealed).auth as object), scope: "sms" } as ConnectorRequest["auth"] }, sealed, key);
    expect(unsealRequest(back, key).auth).toMatchObject({ clientSecret: "cs-secret", scope: "sms" });
  });

  it("asks for the secret again when the token URL moves to another host, or the kind of authentication changes", () => {
    const moved = { ...maskRequest(sealed), auth: { ...(maskRequest(sealed).auth as object), tokenUrl: "https://evil.example/token" } as ConnectorRequest["auth"] };
    expect(() => sealRequest(moved, sealed, key)).toThrow(expect.objectContaining({ details: [{ field: "request.auth.clientSecret", message: "Enter the client secret" }] }));
    const switched = { ...request, auth: { type: "basic" as const, username: "u", password: SECRET_MASK } };
    expect(() => sealRequest(switched, sealed, key)).toThrow(expect.objectContaining({ details: [{ field: "request.auth.password", message: "Enter the password" }] }));
  });

  it("reads a stored request from before authentication existed as none", () => {
    const { auth: _none, ...old } = request;
    expect(unsealRequest(sealRequest(old as ConnectorRequest, null, key), key).auth).toEqual({ type: "none" });
  });
});
