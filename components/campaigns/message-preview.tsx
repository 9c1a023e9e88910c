"use client";
// The message as one recipient of the audience gets it — chosen among the first recipients — with its characters,
// segments and encoding, and what the whole audience takes in segments ("≈" when worked out from a sample).
import type { MessagePreview } from "@/lib/campaigns/preview";
import type { AudiencePreview } from "@/lib/campaigns/read-campaigns";
import { cx } from "@/components/ui/cx";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useAudience, useMessagePreview } from "./queries";

const number = (n: number) => n.toLocaleString("en-GB");

/** How a recipient reads in the "Preview for" list: the number and the first column with a value. */
function recipientLabel(recipient: AudiencePreview["recipients"][number], columns: string[]): string {
  const first = columns.map((column) => recipient.attributes[column]).find((value) => value?.trim());
  return first ? `${recipient.to} · ${first}` : recipient.to;
}

export function MessagePreviewPanel({
  campaignId,
  columns,
  message,
  recipientId,
  onRecipientChange,
}: {
  campaignId: string;
  columns: string[];
  /** The text being typed (debounced by the caller). */
  message: string;
  recipientId: string | null;
  onRecipientChange: (id: string | null) => void;
}) {
  const audience = useAudience(campaignId);
  const preview = useMessagePreview(campaignId, message, recipientId);
  const data: MessagePreview | undefined = preview.data;
  return (
    <section aria-labelledby="preview-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h3 id="preview-heading" className="text-sm font-semibold text-slate-900">
          Preview
        </h3>
        {preview.isFetching && <Spinner className="size-3.5 text-slate-400" />}
      </div>
      <div>
        <label htmlFor="preview-recipient" className="mb-1.5 block text-xs font-medium text-slate-600">
          Preview for
        </label>
        <Select id="preview-recipient" value={recipientId ?? ""} onChange={(event) => onRecipientChange(event.target.value || null)} disabled={!audience.data}>
          <option value="">{audience.data?.recipients[0] ? `${recipientLabel(audience.data.recipients[0], columns)} (first)` : "The first recipient"}</option>
          {audience.data?.recipients.slice(1).map((recipient) => (
            <option key={recipient.messageId} value={recipient.messageId}>
              {recipientLabel(recipient, columns)}
            </option>
          ))}
        </Select>
      </div>

      {preview.isError && !data ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          Could not preview the message: {preview.error.message}
        </p>
      ) : !data ? (
        <p className="flex items-center gap-2 text-sm text-slate-500">
          <Spinner /> Loading preview…
        </p>
      ) : (
        <div className={cx("space-y-3 transition-opacity", preview.isPlaceholderData && "opacity-70")} aria-live="polite">
          {data.error ? (
            <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="preview-error">
              This recipient cannot get the message: {data.error}
            </p>
          ) : (
            <div
              data-testid="message-preview"
              className="min-h-12 rounded-2xl rounded-bl-sm bg-slate-100 px-4 py-3 text-sm [overflow-wrap:anywhere] whitespace-pre-wrap text-slate-900"
            >
              {data.text || <span className="text-slate-400">The message is empty.</span>}
            </div>
          )}
          <p className="text-xs text-slate-600" data-testid="message-stats">
            {number(data.characters)} character{data.characters === 1 ? "" : "s"} · {data.segments} segment{data.segments === 1 ? "" : "s"} · {data.encoding}
          </p>
          {data.encoding === "UCS-2" && (
            <p className="text-xs text-amber-700">A character outside the GSM alphabet (an emoji, a curly quote …) makes every segment hold 70 characters instead of 160.</p>
          )}
          <div className="rounded-md border border-slate-200 px-3 py-2 text-sm">
            <p className="text-slate-600">Whole audience</p>
            <p className="font-medium text-slate-900" data-testid="audience-segments">
              {data.audience.estimated ? "≈ " : ""}
              {number(data.audience.totalSegments)} segment{data.audience.totalSegments === 1 ? "" : "s"} for {number(data.audience.recipients)} recipient
              {data.audience.recipients === 1 ? "" : "s"}
            </p>
            {data.audience.estimated && <p className="text-xs text-slate-500">Estimated from the first 1,000 recipients.</p>}
            {data.audience.failing > 0 && (
              <p className="mt-1 text-xs text-red-700" data-testid="failing-recipients">
                {number(data.audience.failing)} recipient{data.audience.failing === 1 ? "" : "s"}
                {data.audience.estimated ? " of the first 1,000" : ""} cannot get it: a column the message uses is empty for them. Give it a default:{" "}
                <code>{'{{user.city | default: "there"}}'}</code>.
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
