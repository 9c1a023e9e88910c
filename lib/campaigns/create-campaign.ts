// Creating a campaign: its audience is read as it streams in and written in one transaction with the campaign
// (bulk COPY), so an import cut short — a crash, a restart, a bad file — leaves no campaign at all, never half
// an audience. A campaign with no usable recipient is refused, naming why.
import type { PoolClient } from "pg";
import { requirePermission, type Actor } from "@/lib/accounts/permissions";
import { pickSender } from "@/lib/connectors/runtime";
import { jsonbParam } from "@/lib/database/jsonb";
import { inTransaction } from "@/lib/database/pool";
import { db } from "@/lib/db";
import { config } from "@/lib/env";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { copyCampaignMessages } from "@/lib/messages/lifecycle";
import { tryNormalizePhone } from "@/lib/messages/phone";
import { parseInput } from "@/lib/validation";
import { AudienceError, readAudience, type AudienceCounts, type AudienceHeader, type InvalidRow, type Recipient } from "./audience";
import { getCampaign } from "./read-campaigns";
import { campaignCreateSchema, campaignDraftFieldsSchema, campaignFieldsSchema, scheduleInstant, type CampaignFields, type CampaignView, type CountryCode } from "./schema";

/** Invalid rows kept for the download; more are counted but not kept. */
export const MAX_KEPT_INVALID_ROWS = 100_000;

export type AudienceSource =
  | { kind: "csv"; chunks: AsyncIterable<Uint8Array | string> }
  | { kind: "recipients"; recipients: Array<{ to: string; attributes?: Record<string, string | number | boolean | null> }> };

/** `POST /api/v1/campaigns` with JSON: the audience is `recipients` or `audienceCsv`. */
export async function createCampaignFromJson(actor: Actor, raw: unknown, options: { draft?: boolean } = {}): Promise<CampaignView> {
  const input = parseInput(campaignCreateSchema, raw);
  const { recipients, audienceCsv, ...fields } = input;
  const source: AudienceSource = recipients
    ? { kind: "recipients", recipients }
    : {
        kind: "csv",
        chunks: (async function* () {
          yield audienceCsv!;
        })(),
      };
  return createCampaign(actor, fields, source, options);
}

/**
 * A campaign from its fields and an audience. `draft` keeps it unsent (the form's first step, before the message is
 * written: a draft may have none yet); otherwise it is scheduled (scheduledAt) or running at once.
 */
export async function createCampaign(actor: Actor, rawFields: unknown, source: AudienceSource, options: { draft?: boolean } = {}): Promise<CampaignView> {
  requirePermission(actor, "configure");
  const fields = parseInput(options.draft ? campaignDraftFieldsSchema : campaignFieldsSchema, rawFields);
  const scheduledAt = fields.scheduledAt ? scheduleInstant(fields.scheduledAt, fields.timeZone) : null;
  if (scheduledAt && scheduledAt.getTime() <= Date.now() && !options.draft) {
    throw new ValidationError([{ field: "scheduledAt", message: "Pick a time in the future, or leave it empty to start now" }]);
  }
  const connector = await db().connector.findFirst({
    where: { id: fields.connectorId, workspaceId: actor.workspaceId },
    select: { id: true, name: true, senders: { select: { name: true, type: true, isDefault: true }, orderBy: { position: "asc" } } },
  });
  if (!connector) throw new NotFoundError("Connector");
  const sender = pickSender(connector, fields.sender);
  if (!sender) throw new ValidationError([{ field: "sender", message: `This connector has no sender named "${fields.sender}"` }]);
  const suppressed = await suppressedNumbers(actor.workspaceId);

  const id = createId();
  await inTransaction(async (client) => {
    await client.query(
      `insert into "Campaign" (id, "workspaceId", "connectorId", "connectorName", name, "senderName", "senderType", message, "dltTemplateId", status,
                               "timeZone", "scheduledAt", "defaultCountry", "phoneColumn", "createdAt", "updatedAt")
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11, $12, $13, now(), now())`,
      [id, actor.workspaceId, connector.id, connector.name, fields.name, sender.name, sender.type, fields.message, fields.dltTemplateId ?? null,
        fields.timeZone ?? "UTC", scheduledAt, fields.defaultCountry ?? null, fields.phoneColumn ?? null],
    );
    const { counts, header } = await importAudience(client, { id, workspaceId: actor.workspaceId, connectorId: connector.id, senderName: sender.name, senderType: sender.type, dltTemplateId: fields.dltTemplateId ?? null }, source, {
      phoneColumn: fields.phoneColumn,
      defaultCountry: fields.defaultCountry as CountryCode | undefined,
      isSuppressed: (e164) => suppressed.has(e164),
    });
    if (counts.valid === 0) throw noValidRecipients(counts, header.firstInvalid);
    const status = options.draft ? "draft" : scheduledAt ? "scheduled" : "running";
    await client.query(
      `update "Campaign" set status = $2::"CampaignStatus", "startedAt" = case when $2::text = 'running' then now() end, "phoneColumn" = $3, columns = $4,
              "audienceRows" = $5, "audienceValid" = $6, "audienceInvalid" = $7, "audienceDuplicates" = $8, "audienceSuppressed" = $9, "updatedAt" = now()
        where id = $1`,
      [id, status, header.phoneColumn, JSON.stringify(header.columns), counts.rows, counts.valid, counts.invalid, counts.duplicates, counts.suppressed],
    );
  });
  return getCampaign(actor, id);
}

async function suppressedNumbers(workspaceId: string): Promise<Set<string>> {
  const rows = await db().recipientHealth.findMany({ where: { workspaceId, suppressedAt: { not: null } }, select: { phone: true } });
  return new Set(rows.map((row) => row.phone));
}

interface ImportedHeader {
  phoneColumn: string | null;
  columns: string[];
  firstInvalid: InvalidRow | null;
}

async function importAudience(
  client: PoolClient,
  campaign: Parameters<typeof copyCampaignMessages>[1],
  source: AudienceSource,
  options: { phoneColumn?: string; defaultCountry?: CountryCode; isSuppressed: (e164: string) => boolean },
): Promise<{ counts: AudienceCounts; header: ImportedHeader }> {
  const writer = await copyCampaignMessages(client, campaign);
  // Invalid rows are kept aside (up to a cap) and written after the messages: one COPY at a time per connection.
  const invalid: InvalidRow[] = [];
  const header: ImportedHeader = { phoneColumn: null, columns: [], firstInvalid: null };
  const keepInvalid = (batch: InvalidRow[]) => {
    header.firstInvalid ??= batch[0] ?? null;
    for (const row of batch) if (invalid.length < MAX_KEPT_INVALID_ROWS) invalid.push(row);
  };
  let counts: AudienceCounts;
  try {
    if (source.kind === "csv") {
      counts = await readAudience(
        source.chunks,
        { phoneColumn: options.phoneColumn, defaultCountry: options.defaultCountry, maxBytes: config().campaignCsvMaxBytes, isSuppressed: options.isSuppressed },
        {
          header: (read: AudienceHeader) => {
            header.phoneColumn = read.phoneColumn;
            header.columns = read.attributeColumns;
          },
          recipients: (batch: Recipient[]) => writer.write(batch),
          invalid: keepInvalid,
        },
      );
    } else {
      counts = await readRecipientList(source.recipients, options, writer, keepInvalid);
      header.columns = [...new Set(source.recipients.flatMap((recipient) => Object.keys(recipient.attributes ?? {})))].slice(0, 200);
    }
  } catch (error) {
    // The COPY is still open: give it up so the transaction can roll back.
    await writer.abort();
    throw error;
  }
  await writer.end();
  await writeInvalidRows(client, campaign.id, invalid);
  return { counts, header };
}

/** JSON recipients, with the same rules as a CSV: E.164, duplicates dropped, suppressed skipped. */
async function readRecipientList(
  recipients: Extract<AudienceSource, { kind: "recipients" }>["recipients"],
  options: { defaultCountry?: CountryCode; isSuppressed: (e164: string) => boolean },
  writer: { write(batch: Recipient[]): Promise<void> },
  invalid: (batch: InvalidRow[]) => void,
): Promise<AudienceCounts> {
  const counts: AudienceCounts = { rows: recipients.length, valid: 0, invalid: 0, duplicates: 0, suppressed: 0 };
  const seen = new Set<string>();
  const valid: Recipient[] = [];
  recipients.forEach((recipient, index) => {
    const to = tryNormalizePhone(recipient.to, options.defaultCountry);
    if (!to) {
      counts.invalid += 1;
      invalid([{ line: index + 1, reason: `Invalid mobile number: ${recipient.to}`, raw: recipient.to }]);
    } else if (seen.has(to)) counts.duplicates += 1;
    else {
      seen.add(to);
      if (options.isSuppressed(to)) counts.suppressed += 1;
      else {
        counts.valid += 1;
        const attributes = Object.fromEntries(Object.entries(recipient.attributes ?? {}).map(([key, value]) => [key, value === null ? "" : String(value)]));
        valid.push({ line: index + 1, to, attributes });
      }
    }
  });
  for (let i = 0; i < valid.length; i += 1000) await writer.write(valid.slice(i, i + 1000));
  return counts;
}

async function writeInvalidRows(client: PoolClient, campaignId: string, rows: InvalidRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000);
    await client.query(
      `insert into "CampaignInvalidRow" ("campaignId", line, reason, raw)
       select $1, d.line, d.reason, d.raw from jsonb_to_recordset($2::jsonb) as d(line int, reason text, raw text)
       on conflict do nothing`,
      [campaignId, jsonbParam(batch)],
    );
  }
}

function noValidRecipients(counts: AudienceCounts, first: InvalidRow | null): AudienceError {
  const parts = [
    counts.invalid ? `${counts.invalid} invalid` : null,
    counts.duplicates ? `${counts.duplicates} duplicate${counts.duplicates === 1 ? "" : "s"}` : null,
    counts.suppressed ? `${counts.suppressed} suppressed` : null,
  ].filter(Boolean);
  const example = first ? ` (line ${first.line}: ${first.reason})` : "";
  return new AudienceError(`No valid recipients in ${counts.rows} row${counts.rows === 1 ? "" : "s"}${parts.length ? `: ${parts.join(", ")}` : ""}${example}`);
}

export type { CampaignFields };
