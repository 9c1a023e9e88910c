// Field paths of a delivery report: list them for the mapping screen, read one back, guess the mapping.
//
// Path syntax (what flattenFields writes and getPath reads):
//   data.messages[0].id    object keys joined by ".", array elements as [n]
//   [0].id                 a leading index when the value itself is an array
//   DLR.status.@_code      XML attributes keep the parser's "@_" prefix; element text with attributes is "#text"
//   ["data.id"].x          a key that holds ".", "[" or "]", is empty, or has surrounding spaces is
//                          written as a JSON string in brackets, so every path reads back to one field
// getPath also accepts a leading "$." (JSONPath habit) and, when nothing is found, a top-level key that
// equals the whole path (a form key typed by hand, e.g. "data.id").

export interface FieldSample {
  path: string;
  sample: string;
}

/** Containers nested deeper than this are listed as one field with the sample "{…}" or "[…]". */
export const MAX_FIELD_DEPTH = 32;
/** The field list stops here; a report's useful fields come first in practice. */
export const MAX_FIELDS = 500;
/** Only the first elements of each array are listed, so a huge array does not hide the fields after it. */
export const MAX_ARRAY_ITEMS = 20;
export const MAX_SAMPLE_LENGTH = 100;
/** Same limit as the mapping fields in `deliveryTrackingSchema`: a longer path could not be saved. */
export const MAX_PATH_LENGTH = 300;

export type PathSegment = string | number;

const PLAIN_KEY = /^[^.[\]]+$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let path = "";
  segments.forEach((segment, index) => {
    if (typeof segment === "number") {
      path += `[${segment}]`;
    } else if (isPlainKey(segment, index === 0)) {
      path += index === 0 ? segment : `.${segment}`;
    } else {
      path += `[${JSON.stringify(segment)}]`;
    }
  });
  return path;
}

function isPlainKey(key: string, first: boolean): boolean {
  if (!PLAIN_KEY.test(key) || key.trim() !== key) return false;
  // A first key "$" would read back as the JSONPath root.
  return !(first && key === "$");
}

/** The segments of a path, or null when it is not a valid path. */
export function parsePath(path: string): PathSegment[] | null {
  let rest = path;
  if (rest.startsWith("$.")) rest = rest.slice(2);
  else if (rest.startsWith("$[")) rest = rest.slice(1);
  if (rest === "") return null;

  const segments: PathSegment[] = [];
  let i = 0;
  while (i < rest.length) {
    const char = rest[i];
    if (char === "[") {
      const close = readBracket(rest, i);
      if (!close) return null;
      segments.push(close.segment);
      i = close.end;
    } else {
      if (char === ".") {
        if (segments.length === 0) return null;
        i++;
      } else if (segments.length > 0) {
        return null;
      }
      let end = i;
      while (end < rest.length && rest[end] !== "." && rest[end] !== "[") {
        if (rest[end] === "]") return null;
        end++;
      }
      if (end === i) return null;
      segments.push(rest.slice(i, end));
      i = end;
    }
  }
  return segments;
}

function readBracket(path: string, open: number): { segment: PathSegment; end: number } | null {
  const start = open + 1;
  if (path[start] === '"') {
    let i = start + 1;
    while (i < path.length && path[i] !== '"') i += path[i] === "\\" ? 2 : 1;
    if (path[i + 1] !== "]") return null;
    try {
      return { segment: JSON.parse(path.slice(start, i + 1)) as string, end: i + 2 };
    } catch {
      return null;
    }
  }
  const close = path.indexOf("]", start);
  const digits = close === -1 ? "" : path.slice(start, close);
  if (!/^\d{1,9}$/.test(digits)) return null;
  return { segment: Number(digits), end: close + 1 };
}

/** The value at a path, or undefined when the path is invalid or leads nowhere. Reads own data only. */
export function getPath(value: unknown, path: string): unknown {
  const segments = parsePath(path);
  const found = segments ? walk(value, segments) : undefined;
  if (found !== undefined) return found;
  return path !== "" && isRecord(value) && Object.hasOwn(value, path) ? value[path] : undefined;
}

function walk(value: unknown, segments: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      const index = typeof segment === "number" ? segment : /^\d{1,9}$/.test(segment) ? Number(segment) : -1;
      if (index < 0 || index >= current.length) return undefined;
      current = current[index];
    } else if (isRecord(current)) {
      const key = String(segment);
      if (!Object.hasOwn(current, key)) return undefined;
      current = current[key];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Every leaf of a report with a sample value, in document order (bounded: see the limits above). */
export function flattenFields(report: unknown): FieldSample[] {
  const fields: FieldSample[] = [];

  const add = (segments: PathSegment[], sample: string) => {
    const path = formatPath(segments);
    if (path.length <= MAX_PATH_LENGTH) fields.push({ path, sample: truncate(sample, MAX_SAMPLE_LENGTH) });
  };

  const visit = (value: unknown, segments: PathSegment[]) => {
    if (fields.length >= MAX_FIELDS) return;
    if (Array.isArray(value)) {
      if (value.length === 0) return add(segments, "[]");
      if (segments.length >= MAX_FIELD_DEPTH) return add(segments, "[…]");
      const count = Math.min(value.length, MAX_ARRAY_ITEMS);
      for (let index = 0; index < count; index++) visit(value[index], [...segments, index]);
    } else if (isRecord(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0) return add(segments, "{}");
      if (segments.length >= MAX_FIELD_DEPTH) return add(segments, "{…}");
      for (const key of keys) visit(value[key], [...segments, key]);
    } else {
      add(segments, sampleOf(value));
    }
  };

  if (Array.isArray(report) || isRecord(report)) {
    // The root itself is not a field: an empty report has no fields.
    if (Array.isArray(report) ? report.length > 0 : Object.keys(report).length > 0) visit(report, []);
  }
  return fields;
}

function sampleOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return "";
}

/** Cuts on code points so an emoji is never split in half; the ellipsis counts towards the limit. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join("")}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ── Suggested mapping ────────────────────────────────────────────────────────────────────────────────

export interface FieldCandidate {
  path: string;
  sample: string;
  /** 0–100; higher is more likely. */
  score: number;
}

export interface MappingSuggestion {
  /** The best candidate of each role, never the same path twice; null when nothing looks right. */
  messageIdField: string | null;
  statusField: string | null;
  failureReasonField: string | null;
  /** Every candidate of each role, best first, for the dropdowns to show on top. */
  candidates: {
    messageId: FieldCandidate[];
    status: FieldCandidate[];
    failureReason: FieldCandidate[];
  };
}

// Names are compared lower-cased with everything but letters and digits removed, so
// message_id, messageId and MessageID are one name. Specific names score above generic ones.
const MESSAGE_ID_NAMES: Record<string, number> = {
  messageid: 100,
  msgid: 100,
  messagesid: 100,
  externalid: 100,
  providermessageid: 100,
  messageuuid: 95,
  smsid: 90,
  smssid: 90,
  transactionid: 85,
  txnid: 85,
  batchid: 80,
  sid: 70,
  uuid: 65,
  id: 60,
  messagereference: 40,
  reference: 30,
  ref: 30,
  // Usually our own id echoed back, not the provider's: last resort.
  clientreference: 20,
  customerreference: 20,
};

const STATUS_NAMES: Record<string, number> = {
  messagestatus: 100,
  deliverystatus: 100,
  dlrstatus: 100,
  reportstatus: 95,
  smsstatus: 90,
  status: 90,
  eventtype: 80,
  stat: 80,
  state: 70,
  event: 60,
  // Kannel's DLR type (%d): 1 delivered, 2 failed, 4 buffered, 8 submitted, 16 rejected. Generic, so last.
  type: 30,
};

const FAILURE_REASON_NAMES: Record<string, number> = {
  failurereason: 100,
  errormessage: 100,
  errordescription: 100,
  errortext: 100,
  errmsg: 95,
  reason: 95,
  cause: 95,
  error: 90,
  description: 85,
  statusdescription: 85,
  errorcode: 80,
  errcode: 80,
  err: 80,
  detail: 70,
  details: 70,
  code: 50,
  statuscode: 40,
  // Kannel's SMSC answer (%A), an SMPP receipt that carries `err:…` (read it with a pattern).
  answer: 30,
};

const ERROR_PARENTS = new Set(["error", "errors", "err", "failure"]);
const ERROR_TEXT_NAMES = new Set(["message", "msg", "description", "reason", "detail", "text"]);
const MESSAGE_PARENTS = new Set(["message", "msg", "sms"]);

interface NamedField {
  field: FieldSample;
  order: number;
  depth: number;
  name: string;
  parent: string;
}

/**
 * `pinned.messageIdField`: a message id field already known (its values are this connector's message ids); the
 * other roles are suggested around it.
 */
export function suggestMapping(fields: readonly FieldSample[], pinned: { messageIdField?: string } = {}): MappingSuggestion {
  const named = fields.flatMap((field, order): NamedField[] => {
    if (["{}", "[]", "{…}", "[…]"].includes(field.sample)) return [];
    const keys = (parsePath(field.path) ?? [field.path]).filter((s): s is string => typeof s === "string");
    // Element text beside attributes is "#text": the element's own name says what it is.
    if (keys.length > 1 && keys[keys.length - 1] === "#text") keys.pop();
    const name = normalizeName(keys[keys.length - 1] ?? "");
    const parent = normalizeName(keys[keys.length - 2] ?? "");
    return name ? [{ field, order, depth: keys.length, name, parent }] : [];
  });

  const messageId = rank(named, (f) => {
    let score = MESSAGE_ID_NAMES[f.name] ?? 0;
    if (f.name === "id" && MESSAGE_PARENTS.has(f.parent)) score = 95;
    else if (!score && /(messageid|msgid|messagesid|messageuuid)$/.test(f.name)) score = 90;
    // An empty id cannot match a message: keep it listed, below the ones that have a value.
    if (score && isBlankSample(f.field.sample)) score -= 30;
    return score;
  });
  const status = rank(named, (f) => STATUS_NAMES[f.name] ?? (/status$/.test(f.name) ? 75 : 0));
  const failureReason = rank(named, (f) => {
    if (ERROR_PARENTS.has(f.parent) && ERROR_TEXT_NAMES.has(f.name)) return 95;
    if (ERROR_PARENTS.has(f.parent) && f.name === "code") return 80;
    return FAILURE_REASON_NAMES[f.name] ?? 0;
  });

  const taken = new Set<string>();
  const pick = (candidates: FieldCandidate[]) => {
    const best = candidates.find((c) => !taken.has(c.path));
    if (!best) return null;
    taken.add(best.path);
    return best.path;
  };
  if (pinned.messageIdField) taken.add(pinned.messageIdField);
  const messageIdField = pinned.messageIdField ?? pick(messageId);
  const statusField = pick(status);
  const failureReasonField = pick(failureReason);

  return { messageIdField, statusField, failureReasonField, candidates: { messageId, status, failureReason } };
}

function rank(fields: NamedField[], score: (field: NamedField) => number): FieldCandidate[] {
  return fields
    .map((field) => ({ field, score: score(field) }))
    .filter(({ score }) => score > 0)
    // Ties: a field with a value, then the shallower one (top-level `id` over `data.items[0].id`),
    // then the earlier one.
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(isBlankSample(a.field.field.sample)) - Number(isBlankSample(b.field.field.sample)) ||
        a.field.depth - b.field.depth ||
        a.field.order - b.field.order,
    )
    .map(({ field, score }) => ({ path: field.field.path, sample: field.field.sample, score }));
}

function normalizeName(key: string): string {
  return key.replace(/^@_/, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

function isBlankSample(sample: string): boolean {
  return sample.trim() === "" || sample === "null";
}
