// Secret key/value rows: sealed before they are stored, masked whenever they leave the server,
// and kept unchanged when a client sends the mask back instead of retyping the value.
import { ValidationError, type FieldIssue } from "@/lib/errors";
import { decryptSecret, encryptSecret, encryptionKey } from "@/lib/security/secrets";
import { SECRET_MASK, type ConnectorRequest, type DeliveryTracking } from "./schema";

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
  if (issues.length) throw new ValidationError(issues);
  return sealed;
}

/** The stored request with secret values replaced by the mask (empty secrets stay empty, so the UI can say "not set"). */
export function maskRequest(stored: ConnectorRequest): ConnectorRequest {
  return mapRows(stored, (row) => (row.secret && row.value !== "" ? { ...row, value: SECRET_MASK } : row));
}

/** The stored request with secrets removed entirely, for export. */
export function stripSecrets(stored: ConnectorRequest): ConnectorRequest {
  return mapRows(stored, (row) => (row.secret ? { ...row, value: "" } : row));
}

/** The stored request with secrets decrypted, for building the real outbound request. Never send this to a client. */
export function unsealRequest(stored: ConnectorRequest, key = encryptionKey()): ConnectorRequest {
  return mapRows(stored, (row) => (row.secret && row.value !== "" ? { ...row, value: decryptSecret(row.value, key) } : row));
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
