"use client";
// Send Test SMS: one real send with the connector form's current values (saved or not), then the request
// inspector of what went out and what the provider answered. The last result stays until the next send.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { testResultKey, useTestResult } from "./test-results";
import { useForm, useFormContext, useFormState, useWatch } from "react-hook-form";
import { testSendAction } from "@/server/actions/connectors";
import { countSegments } from "@/lib/messages/segments";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { Badge, describedBy, Field } from "@/components/ui/field";
import { ChevronRightIcon } from "@/components/ui/icons";
import { Input, Select, Textarea } from "@/components/ui/input";
import { RequestInspector, SendOutcome } from "@/components/messages/request-inspector";
import { deliveryKeys } from "@/components/delivery/query-keys";
import { messageKeys } from "@/components/messages/query-keys";
import { messageHref } from "@/components/messages/routes";
import type { PublicError } from "@/server/errors";
import { errorMessage } from "@/components/forms/field-error";
import { applyServerErrors, issueText, type FormBanner } from "@/components/forms/server-errors";
import { connectorErrorPath, type ConnectorFormValues } from "./form-values";
import { ConnectorWarnings } from "./connector-warnings";
import Link from "next/link";

interface TestFields {
  countryCode: string;
  to: string;
  message: string;
  sender: string;
}
const TEST_FIELDS: ReadonlyArray<keyof TestFields> = ["countryCode", "to", "message", "sender"];

export function TestSmsPanel({
  connectorId,
  draftKey = "new",
  connectorValues,
  applyConnectorError,
}: {
  connectorId: string | null;
  /** Which unsaved screen this is ("new", "new-twilio"), so its last result follows it when it is saved. */
  draftKey?: string;
  /** What to send as the connector's values; default: the surrounding form's values (a custom connector's). */
  connectorValues?: () => unknown;
  /** Places the connector's own field errors on the surrounding form; returns what it could not place. */
  applyConnectorError?: (error: PublicError) => { unplaced: string[] };
}) {
  const queryClient = useQueryClient();
  const connectorForm = useFormContext<ConnectorFormValues>();
  const { isDirty: connectorDirty } = useFormState({ control: connectorForm.control });
  const senders = (useWatch({ control: connectorForm.control, name: "senders" }) ?? []).filter((s) => s?.name?.trim());
  const defaultSender = senders.find((s) => s.default) ?? senders[0];

  const testForm = useForm<TestFields>({
    defaultValues: { countryCode: "", to: "", message: "Hello from Switchboard! This is a test message.", sender: "" },
  });
  const { register, handleSubmit, clearErrors, control, formState } = testForm;
  const { errors, isSubmitting } = formState;
  const message = useWatch({ control, name: "message" }) ?? "";
  const [result, setResult] = useTestResult(testResultKey(connectorId, draftKey));
  const [problem, setProblem] = useState<FormBanner | null>(null);

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    clearErrors();
    const response = await testSendAction(connectorId, {
      to: values.to,
      countryCode: values.countryCode,
      message: values.message,
      sender: values.sender || undefined,
      connector: connectorValues ? connectorValues() : connectorForm.getValues(),
    });
    if (response.ok) {
      setResult({ data: response.data, at: new Date() });
      if (connectorId && response.data.messageId) {
        // A recorded test send shows in the log and the delivery-tracking state at once.
        void queryClient.invalidateQueries({ queryKey: messageKeys.log(connectorId) });
        void queryClient.invalidateQueries({ queryKey: deliveryKeys.connector(connectorId) });
      }
      return;
    }
    const own = applyServerErrors(testForm, response.error, { fields: TEST_FIELDS });
    if (own.unplaced.length > 0) {
      // The connector's own values are wrong: show that under the form's fields, where they are fixed.
      const rejected = { ...response.error, details: own.unplaced };
      const { unplaced } = applyConnectorError
        ? applyConnectorError(rejected)
        : { unplaced: applyServerErrors(connectorForm, rejected, { fields: connectorErrorPath }).unplaced.map(issueText) };
      setProblem({ message: "The connector's configuration is not valid yet. Fix the highlighted fields above, then send again.", items: unplaced });
    } else if (own.placed.length === 0) {
      setProblem({ message: response.error.message, items: [] });
    }
  });

  const countryError = errorMessage(errors.countryCode);
  const toError = errorMessage(errors.to);
  const messageError = errorMessage(errors.message);
  const senderError = errorMessage(errors.sender);
  const { segments, encoding } = countSegments(message);
  const characters = Array.from(message).length;

  return (
    <Card aria-labelledby="test-sms-heading">
      <div className="border-b border-slate-100 px-6 pt-5 pb-4">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="test-sms-heading" className="text-base font-semibold text-slate-900">
            Send Test SMS
          </h2>
          {!connectorId ? (
            <Badge tone="amber">Uses the unsaved form</Badge>
          ) : connectorDirty ? (
            <Badge tone="amber">Includes unsaved changes</Badge>
          ) : null}
        </div>
        <p className="mt-0.5 text-sm text-slate-500">
          One real message through your provider, with the configuration above as it is now. See exactly what went out and what came back.
        </p>
      </div>

      <form onSubmit={onSubmit} noValidate aria-label="Send test SMS" className="px-6 py-5">
        <div className="grid gap-4 sm:grid-cols-[7rem_minmax(0,1fr)_minmax(0,14rem)]">
          <Field id="test-country-code" label="Country code" error={countryError} hint="Optional">
            <Input
              id="test-country-code"
              {...register("countryCode")}
              placeholder="+1"
              inputMode="tel"
              autoComplete="off"
              aria-invalid={!!countryError || undefined}
              aria-describedby={describedBy("test-country-code", { error: countryError, hint: true })}
              className="font-mono text-[13px]"
            />
          </Field>
          <Field id="test-to" label="Mobile number" error={toError} hint="With the country code above, or in full: +15555550100">
            <Input
              id="test-to"
              type="tel"
              {...register("to", { validate: (value) => !!value.trim() || "Enter a mobile number" })}
              placeholder="5555550100"
              autoComplete="off"
              aria-invalid={!!toError || undefined}
              aria-describedby={describedBy("test-to", { error: toError, hint: true })}
              className="font-mono text-[13px]"
            />
          </Field>
          <Field id="test-sender" label="Sender" error={senderError}>
            <Select id="test-sender" {...register("sender")} aria-invalid={!!senderError || undefined} aria-describedby={describedBy("test-sender", { error: senderError })}>
              <option value="">{defaultSender ? `Default (${defaultSender.name})` : "Default sender"}</option>
              {senders.map((sender, index) => (
                <option key={`${sender.name}-${index}`} value={sender.name}>
                  {sender.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field
          id="test-message"
          label="Message"
          error={messageError}
          className="mt-4"
          hint={
            <span className="tabular-nums">
              {characters} character{characters === 1 ? "" : "s"} · {segments} segment{segments === 1 ? "" : "s"} · {encoding}
            </span>
          }
        >
          <Textarea
            id="test-message"
            rows={3}
            {...register("message", { validate: (value) => value.length > 0 || "Enter a message" })}
            aria-invalid={!!messageError || undefined}
            aria-describedby={describedBy("test-message", { error: messageError, hint: true })}
          />
        </Field>

        <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2">
          <Button type="submit" variant="primary" pending={isSubmitting}>
            Send test SMS
          </Button>
          <p className="text-xs text-slate-500">
            {connectorId
              ? "Secrets you have not retyped use their saved values. The send is recorded in the message log as a test."
              : "The connector is not saved yet, so this send is not recorded in the message log."}
          </p>
        </div>
        {problem && (
          <div role="alert" data-testid="test-send-error" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            <p className="font-medium">{problem.message}</p>
            {problem.items.length > 0 && (
              <ul className="mt-1 list-disc pl-5 text-xs">
                {problem.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>

      <div aria-live="polite" aria-busy={isSubmitting || undefined}>
        {result && (
          <section
            aria-label="Test result"
            data-testid="test-result"
            className={cx("space-y-4 border-t border-slate-100 px-6 py-5 transition-opacity", isSubmitting && "opacity-50")}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-900">
                Last result{" "}
                <time dateTime={result.at.toISOString()} className="font-normal text-slate-500">
                  · {result.at.toLocaleTimeString("en-GB")}
                </time>
              </h3>
              {connectorId && result.data.messageId && (
                <Link href={messageHref(connectorId, result.data.messageId)} className="inline-flex items-center gap-0.5 text-sm font-medium text-indigo-700 hover:text-indigo-900">
                  View in message log
                  <ChevronRightIcon className="size-4" />
                </Link>
              )}
            </div>
            <ConnectorWarnings warnings={result.data.warnings ?? []} testId="test-warnings" />
            <SendOutcome sentId={result.data.sentId} error={result.data.error} note={result.data.note} durationMs={result.data.durationMs} />
            {(result.data.tokenExchanges ?? []).map((exchange, index) => (
              <section key={index} aria-label="OAuth token request" data-testid="token-exchange" className="space-y-2">
                <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  OAuth token request{(result.data.tokenExchanges?.length ?? 0) > 1 ? ` ${index + 1}` : ""}
                  {exchange.error ? <span className="ml-2 font-normal text-red-700 normal-case">failed</span> : <span className="ml-2 font-normal text-emerald-700 normal-case">token received</span>}
                </h4>
                <RequestInspector
                  request={exchange.request}
                  response={exchange.response}
                  durationMs={exchange.durationMs}
                  labels={{ request: "Token request sent", response: "Token endpoint response" }}
                  missingResponse="No response from the token endpoint."
                />
              </section>
            ))}
            <RequestInspector request={result.data.request} response={result.data.response} durationMs={result.data.durationMs} />
          </section>
        )}
      </div>
    </Card>
  );
}
