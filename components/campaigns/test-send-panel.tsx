"use client";
// "Send a test": the message as the previewed recipient gets it, to one number of your own, through the campaign's
// connector — before the whole audience gets it. It is the connector's Send Test SMS, so it shows in its message log.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { sendCampaignTestAction } from "@/server/actions/campaigns";
import { Button } from "@/components/ui/button";
import { describedBy, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { deliveryKeys } from "@/components/delivery/query-keys";
import { messageKeys } from "@/components/messages/query-keys";

type Outcome = { ok: true; text: string; to: string; sentId: string | null; note: string | null } | { ok: false; message: string };

export function TestSendPanel({
  campaignId,
  connectorId,
  connectorName,
  getMessage,
  recipientId,
  sender,
  disabled,
}: {
  campaignId: string;
  connectorId: string | null;
  connectorName: string;
  /** The message as the form has it now. */
  getMessage: () => string;
  recipientId: string | null;
  sender: string;
  disabled?: boolean;
}) {
  const queryClient = useQueryClient();
  const [to, setTo] = useState("");
  const [toError, setToError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function send() {
    setToError(null);
    setOutcome(null);
    if (!to.trim()) {
      setToError("Enter the number to send the test to");
      return;
    }
    setPending(true);
    const result = await sendCampaignTestAction(campaignId, { to, message: getMessage(), recipientId: recipientId ?? undefined, sender });
    setPending(false);
    if (!result.ok) {
      const onNumber = result.error.details?.find((issue) => issue.field === "to");
      if (onNumber) setToError(onNumber.message);
      else setOutcome({ ok: false, message: result.error.details?.[0]?.message ?? result.error.message });
      return;
    }
    if (connectorId) {
      void queryClient.invalidateQueries({ queryKey: messageKeys.log(connectorId) });
      void queryClient.invalidateQueries({ queryKey: deliveryKeys.connector(connectorId) });
    }
    setOutcome(result.data.error ? { ok: false, message: result.data.error } : { ok: true, text: result.data.text, to, sentId: result.data.sentId, note: result.data.note });
  }

  return (
    <section aria-labelledby="test-heading" className="px-6 py-5">
      <h3 id="test-heading" className="text-sm font-semibold text-slate-900">
        Send a test
      </h3>
      <p className="mt-0.5 text-sm text-slate-500">
        The message as the recipient chosen in the preview gets it, to one number of yours, through {connectorName}.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="w-full sm:w-64">
          <label htmlFor="test-number" className="mb-1.5 block text-sm font-medium text-slate-800">
            Test number
          </label>
          <Input
            id="test-number"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="+46 70 123 45 67"
            value={to}
            onChange={(event) => setTo(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                void send();
              }
            }}
            disabled={disabled || pending}
            aria-invalid={!!toError || undefined}
            aria-describedby={describedBy("test-number", { error: toError })}
          />
        </div>
        <Button onClick={() => void send()} pending={pending} disabled={disabled}>
          Send test
        </Button>
      </div>
      <FieldError id="test-number-error" message={toError} />
      <div role="status" aria-live="polite" data-testid="test-result">
        {outcome &&
          (outcome.ok ? (
            <div className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              <p className="font-medium">
                Test sent to {outcome.to}
                {outcome.sentId ? ` — the provider accepted it as ${outcome.sentId}` : " — the provider accepted it"}.
              </p>
              <p className="mt-1 [overflow-wrap:anywhere] whitespace-pre-wrap text-emerald-900">“{outcome.text}”</p>
              {outcome.note && <p className="mt-1 text-xs text-emerald-700">{outcome.note}</p>}
            </div>
          ) : (
            <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm [overflow-wrap:anywhere] text-red-700">The test was not sent: {outcome.message}</p>
          ))}
      </div>
    </section>
  );
}
