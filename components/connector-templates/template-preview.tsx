// What a connector template will create, field by field, with the fields it assumes marked: the request, where the
// provider's id sits in its reply, how its delivery reports are read, and the limits. Values the user gives appear
// as ‹their label›.
import type { ReactNode } from "react";
import type { ConnectorTemplate } from "@/lib/connectors/templates/template-schema";
import { Card, FormSection } from "@/components/ui/card";
import { Badge } from "@/components/ui/field";

interface Row {
  key: string;
  value?: string;
  secret?: boolean;
  valueType?: string;
}

interface TemplateConnector {
  request: { method: string; url: string; params?: Row[]; headers?: Row[]; body?: { type: string; fields?: Row[]; contentType?: string; content?: string } };
  response: { sentId: { from: string; path?: string; name?: string; pattern?: string } | null; accepted: { path?: string; values?: string[]; pattern?: string } | null };
  deliveryTracking: {
    matchBy?: string;
    messageIdField: string;
    messageIdPattern?: string;
    statusField: string;
    statusPattern?: string;
    successValues: string[];
    pendingValues?: string[];
    failureReasonField?: string;
    failureReasonPattern?: string;
    caseInsensitive?: boolean;
    reasonCodes?: Array<{ code: string; text: string }>;
  };
  timeoutMs?: number;
  throughputPerSecond?: number;
  maxSegments?: number;
}

export function TemplatePreview({ template }: { template: ConnectorTemplate }) {
  const connector = template.connector as unknown as TemplateConnector;
  const labels = Object.fromEntries(template.inputs.map((input) => [input.key, input.label]));
  const shown = (text: string) => text.replace(/<<basic:(\w+):(\w+)>>/g, (_all, user: string, password: string) => `‹base64 of ${labels[user]}:${labels[password]}›`).replace(/<<(\w+)>>/g, (_all, key: string) => `‹${labels[key] ?? key}›`);
  const assumed = (path: string) => template.assumptions.find((assumption) => assumption.field === path);
  const { request, response, deliveryTracking: tracking } = connector;
  const body = request.body;
  const rows = (section: string, list: Row[] | undefined) =>
    (list ?? []).map((row) => <Item key={`${section}.${row.key}`} label={row.key} value={shown(row.value ?? "")} secret={row.secret} assumption={assumed(`${section}.${row.key}`)?.note} />);

  return (
    <Card aria-labelledby="template-preview-heading">
      <div className="border-b border-slate-100 px-6 pt-5 pb-4">
        <h2 id="template-preview-heading" className="text-base font-semibold text-slate-900">
          What it sets up
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">
          Everything can be changed on the connector&apos;s screen afterwards. <Badge tone="amber">Assumed</Badge> marks what the provider&apos;s documentation does not settle.
        </p>
      </div>
      <FormSection title="Request" id="template-request">
        <dl className="space-y-1.5 text-sm">
          <Item label="Method and URL" value={`${request.method} ${shown(request.url)}`} assumption={assumed("request.url")?.note} />
          {rows("request.params", request.params)}
          {rows("request.headers", request.headers)}
          {body?.type === "form" || body?.type === "json" ? (
            <>
              <Item label="Body" value={body.type === "json" ? "JSON" : "Form"} />
              {rows("request.body.fields", body.fields)}
            </>
          ) : null}
        </dl>
      </FormSection>
      <FormSection title="Send response" id="template-response">
        <dl className="space-y-1.5 text-sm">
          <Item
            label="Provider's message id"
            value={
              response.sentId === null
                ? "None: the reply carries no id"
                : response.sentId.from === "json"
                  ? `JSON path ${response.sentId.path}`
                  : response.sentId.from === "header"
                    ? `Header ${response.sentId.name}`
                    : `Pattern ${response.sentId.pattern}`
            }
          />
          <Item label="Accepted when" value={response.accepted === null ? "HTTP 2xx" : response.accepted.pattern ? `HTTP 2xx and the reply matches ${response.accepted.pattern}` : `HTTP 2xx and ${response.accepted.path} is ${response.accepted.values?.join(" or ")}`} />
        </dl>
      </FormSection>
      <FormSection title="Delivery reports" id="template-delivery">
        <dl className="space-y-1.5 text-sm">
          <Item label="Matched by" value={tracking.matchBy === "message-id" ? "Switchboard's message id, sent as {{message_id}} and echoed back" : "The provider's message id from the send response"} />
          <Item label="Transaction / msg ID" value={withPattern(tracking.messageIdField, tracking.messageIdPattern)} assumption={assumed("deliveryTracking.messageIdField")?.note} />
          <Item label="Delivery status" value={withPattern(tracking.statusField, tracking.statusPattern)} assumption={assumed("deliveryTracking.statusField")?.note} />
          <Item label="Success values" value={tracking.successValues.join(", ")} assumption={assumed("deliveryTracking.successValues")?.note} />
          <Item label="Pending values" value={(tracking.pendingValues ?? []).join(", ") || "—"} assumption={assumed("deliveryTracking.pendingValues")?.note} />
          <Item
            label="Failure reason"
            value={tracking.failureReasonField ? withPattern(tracking.failureReasonField, tracking.failureReasonPattern) : "The status"}
            assumption={(assumed("deliveryTracking.failureReasonField") ?? assumed("deliveryTracking.failureReasonPattern"))?.note}
          />
          <Item
            label="Reason codes"
            value={(tracking.reasonCodes ?? []).length ? (tracking.reasonCodes ?? []).map((row) => `${row.code} ${row.text}`).join(" · ") : "None yet"}
            assumption={assumed("deliveryTracking.reasonCodes")?.note}
          />
        </dl>
      </FormSection>
      <FormSection title="Limits" id="template-limits">
        <dl className="space-y-1.5 text-sm">
          <Item label="Timeout" value={`${connector.timeoutMs ?? 5000} ms`} />
          <Item label="Throughput" value={`${connector.throughputPerSecond ?? 50} per second`} assumption={assumed("throughputPerSecond")?.note} />
          <Item label="Maximum segments" value={String(connector.maxSegments ?? 10)} />
        </dl>
      </FormSection>
      {(template.notes.length > 0 || template.assumptions.length > 0) && (
        <FormSection title="Good to know" id="template-notes">
          <ul className="list-disc space-y-1.5 pl-5 text-sm text-slate-700">
            {template.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
            {template.assumptions.map((assumption) => (
              <li key={assumption.field + assumption.note} data-testid="template-assumption">
                <Badge tone="amber">Assumed</Badge> {assumption.note}
              </li>
            ))}
          </ul>
        </FormSection>
      )}
      <FormSection title="A delivery report, as documented" id="template-example">
        <pre className="overflow-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere] text-slate-800">
          {template.examples.report.method} {template.examples.report.query ? `?${template.examples.report.query}` : ""}
          {template.examples.report.body ? `\n${template.examples.report.body}` : ""}
        </pre>
      </FormSection>
    </Card>
  );
}

function withPattern(field: string, pattern: string | undefined): string {
  return pattern ? `${field}, read with ${pattern}` : field;
}

function Item({ label, value, secret, assumption }: { label: string; value: ReactNode; secret?: boolean; assumption?: string }) {
  return (
    <div className="grid gap-x-3 sm:grid-cols-[12rem_minmax(0,1fr)]">
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="flex flex-wrap items-center gap-1.5 font-mono text-[13px] break-all text-slate-900">
        <span>{value}</span>
        {secret && <Badge>secret</Badge>}
        {assumption && (
          <span title={assumption}>
            <Badge tone="amber">Assumed</Badge>
          </span>
        )}
      </dd>
    </div>
  );
}
