import { requestFingerprint } from "@/lib/api/idempotency";
import { AudienceError } from "@/lib/campaigns/audience";
import { createCampaign, createCampaignFromJson } from "@/lib/campaigns/create-campaign";
import { campaignsQuerySchema, listCampaigns } from "@/lib/campaigns/read-campaigns";
import { config } from "@/lib/env";
import { pageQuerySchema, parseListQuery } from "@/lib/paging";
import { apiRoute, idempotent, idempotentBy, otherMethods, readJson } from "@/server/api";
import { readMultipart } from "@/server/multipart";

/** JSON bodies (recipients or audienceCsv) up to this size; larger audiences come as a multipart file. */
const MAX_JSON_CAMPAIGN_BYTES = 20 * 1024 * 1024;

/** Campaigns, newest first (paged; `?status=`). */
export const GET = apiRoute("read", async ({ actor, request }) => {
  const query = parseListQuery(pageQuerySchema.extend(campaignsQuerySchema.shape), request.nextUrl.searchParams);
  return { body: await listCampaigns(actor, query) };
});

/**
 * Create a campaign: JSON with `recipients` or `audienceCsv`, or multipart/form-data with the fields first and the CSV
 * as `file`. `?draft=true` keeps it unsent (the new-campaign form's first step). 201 with the campaign.
 */
export const POST = apiRoute("configure", async ({ actor, request }) => {
  const draft = request.nextUrl.searchParams.get("draft") === "true";
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    // One byte over the limit reaches the reader, so the answer is its 422 naming the limit.
    const upload = await readMultipart(request, { fileField: "file", maxFileBytes: config().campaignCsvMaxBytes + 1 });
    const fingerprint = requestFingerprint("POST", `${request.nextUrl.pathname}?draft=${draft}`, {
      fields: upload.fields,
      file: upload.file?.name ?? null,
      size: request.headers.get("content-length"),
    });
    return idempotentBy(
      { actor, request },
      fingerprint,
      async () => {
        if (!upload.file) throw new AudienceError("Attach the audience CSV as the field named file, after the other fields", "file");
        return { status: 201, body: await createCampaign(actor, upload.fields, { kind: "csv", chunks: upload.file.chunks }, { draft }) };
      },
      upload.discard,
    );
  }
  const body = await readJson(request, { maxBytes: MAX_JSON_CAMPAIGN_BYTES });
  return idempotent({ actor, request }, body, async () => ({ status: 201, body: await createCampaignFromJson(actor, body, { draft }) }));
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
