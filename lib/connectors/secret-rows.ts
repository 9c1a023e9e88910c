// Secret key/value rows and the authentication block's secrets: sealed before they are stored, masked whenever
// they leave the server, and kept unchanged when a client sends the mask back instead of retyping the value.
import { ValidationError, type FieldIssue } from "@/lib/errors";
import { decryptSecret, encryptSecret, encryptionKey } from "@/lib/security/secrets";
import { SECRET_MASK, type ConnectorRequest, type DeliveryTracking, type RequestAuth } from "./schema";

interface Row {
  key: string;
  value: string;
  secret: boolean;
}

type RowSection = "params" | "headers" | "body.fields";

function sections(request: ConnectorRequest): Array<[RowSection, Row[]]> {
  const list: Array<[RowSection, Row[]]> = [
    ["params", request.params],
    ["headers", request.headers],
  ];
  if (request.body.type === "form" || request.body.type === "json") list.push(["body.fields", request.body.fields]);
  return list;
}

/** The authentication block's one secret (Basic password, OAuth client secret), by name. */
type AuthSecretField = "password" | "clientSecret";

function authSecretField(auth: RequestAuth | undefined): AuthSecretField | null {
  if (auth?.type === "basic") return "password";
  if (auth?.type === "oauth2") return "clientSecret";
  return null;
}

function authSecretOf(auth: RequestAuth): string | null {
  if (auth.type === "basic") return auth.password ?? "";
  if (auth.type === "oauth2") return auth.clientSecret ?? "";
  return null;
}

/** The request with its auth secret (if any) replaced by `map(value)`; old stored requests without `auth` read as none. */
function mapAuthSecret(request: ConnectorRequest, map: (value: string, field: AuthSecretField) => string): ConnectorRequest {
  const auth = request.auth ?? { type: "none" };
  const field = authSecretField(auth);
  if (!field) return { ...request, auth };
  return { ...request, auth: { ...auth, [field]: map(authSecretOf(auth) ?? "", field) } as RequestAuth };
}

function mapRows(request: ConnectorRequest, map: (row: Row, section: RowSection, index: number) => Row): ConnectorRequest {
  const mapSection = <T extends Row>(rows: T[], section: RowSection): T[] => rows.map((row, index) => ({ ...row, ...map(row, section, index) }));
  const body =
    request.body.type === "form" || request.body.type === "json"
      ? { ...request.body, fields: mapSection(request.body.fields, "body.fields") }
      : request.body;
  return {
    ...request,
    params: mapSection(request.params, "params"),
    headers: mapSection(request.headers, "headers"),
    body: body as ConnectorRequest["body"],
  };
}

/**
 * Seal secret values for storage. A secret row whose value is the mask keeps the stored value of the
 * row with the same key in the same section; if there is none, the user must type the value.
 */
export function sealRequest(incoming: ConnectorRequest, stored: ConnectorRequest | null, key = encryptionKey()): ConnectorRequest {
  const storedSecrets = new Map<string, string>();
  if (stored) {
    for (const [section, rows] of sections(stored)) {
      for (const row of rows) if (row.secret) storedSecrets.set(`${section}\u0000${row.key}`, row.value);
    }
  }
  const issues: FieldIssue[] = [];
  const sealed = mapRows(incoming, (row, section, index) => {
    if (!row.secret) return row;
    if (row.value === SECRET_MASK) {
      const kept = storedSecrets.get(`${section}\u0000${row.key}`);
      if (kept === undefined) {
        issues.push({ field: `request.${section}.${index}.value`, message: `Enter the secret value for "${row.key}"` });
        return row;
      }
      return { ...row, value: kept };
    }
    return { ...row, value: row.value === "" ? "" : encryptSecret(row.value, key) };
  });
  const withAuth = mapAuthSecret(sealed, (value, field) => {
    if (value !== SECRET_MASK) return value === "" ? "" : encryptSecret(value, key);
    const kept = keptAuthSecret(incoming.auth, stored?.auth);
    if (kept === null) {
      issues.push({ field: `request.auth.${field}`, message: field === "password" ? "Enter the password" : "Enter the client secret" });
      return value;
    }
    return kept;
  });
  if (issues.length) throw new ValidationError(issues);
  return withAuth;
}

/**
 * The stored (sealed) secret a masked one stands for: only of the same kind of authentication, and for OAuth only
 * while the token URL stays on the same host — otherwise changing the URL would send the saved secret elsewhere.
 */
function keptAuthSecret(incoming: RequestAuth | undefined, stored: RequestAuth | undefined): string | null {
  if (!incoming || !stored || incoming.type !== stored.type) return null;
  if (incoming.type === "oauth2" && stored.type === "oauth2" && hostOf(incoming.tokenUrl) !== hostOf(stored.tokenUrl)) return null;
  const value = authSecretOf(stored);
  return value ? value : null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/** The stored request with secret values replaced by the mask (empty secrets stay empty, so the UI can say "not set"). */
export function maskRequest(stored: ConnectorRequest): ConnectorRequest {
  const masked = mapRows(stored, (row) => (row.secret && row.value !== "" ? { ...row, value: SECRET_MASK } : row));
  return mapAuthSecret(masked, (value) => (value === "" ? "" : SECRET_MASK));
}

/** The stored request with secrets removed entirely, for export. */
export function stripSecrets(stored: ConnectorRequest): ConnectorRequest {
  return mapAuthSecret(
    mapRows(stored, (row) => (row.secret ? { ...row, value: "" } : row)),
    () => "",
  );
}

/** The stored request with secrets decrypted, for building the real outbound request. Never send this to a client. */
export function unsealRequest(stored: ConnectorRequest, key = encryptionKey()): ConnectorRequest {
  const plain = mapRows(stored, (row) => (row.secret && row.value !== "" ? { ...row, value: decryptSecret(row.value, key) } : row));
  return mapAuthSecret(plain, (value) => (value === "" ? "" : decryptSecret(value, key)));
}

/** The callback-authentication secret follows the same rules as secret rows. */
export function sealTracking(incoming: DeliveryTracking, stored: DeliveryTracking | null, key = encryptionKey()): DeliveryTracking {
  const auth = incoming.authentication;
  if (auth.type === "none") return incoming;
  const field = auth.type === "hmac" ? "secret" : "password";
  const value = auth.type === "hmac" ? auth.secret : auth.password;
  let sealed: string;
  if (value === SECRET_MASK) {
    const previous = stored?.authentication;
    const kept = previous?.type === auth.type ? (previous.type === "hmac" ? previous.secret : previous.type === "basic" ? previous.password : undefined) : undefined;
    if (!kept) throw new ValidationError([{ field: `deliveryTracking.authentication.${field}`, message: "Enter the secret" }]);
    sealed = kept;
  } else {
    sealed = encryptSecret(value, key);
  }
  return { ...incoming, authentication: auth.type === "hmac" ? { ...auth, secret: sealed } : { ...auth, password: sealed } };
}

export function maskTracking(stored: DeliveryTracking): DeliveryTracking {
  const auth = stored.authentication;
  if (auth.type === "hmac") return { ...stored, authentication: { ...auth, secret: SECRET_MASK } };
  if (auth.type === "basic") return { ...stored, authentication: { ...auth, password: SECRET_MASK } };
  return stored;
}

export function stripTrackingSecrets(stored: DeliveryTracking): DeliveryTracking {
  const auth = stored.authentication;
  if (auth.type === "hmac") return { ...stored, authentication: { ...auth, secret: "" } };
  if (auth.type === "basic") return { ...stored, authentication: { ...auth, password: "" } };
  return stored;
}

export function unsealTracking(stored: DeliveryTracking, key = encryptionKey()): DeliveryTracking {
  const auth = stored.authentication;
  if (auth.type === "hmac") return { ...stored, authentication: { ...auth, secret: decryptSecret(auth.secret, key) } };
  if (auth.type === "basic") return { ...stored, authentication: { ...auth, password: decryptSecret(auth.password, key) } };
  return stored;
}
