"use client";
// Creates a connector from pasted (or chosen) JSON, as exported by the Export dialog or written by hand.
import { useState } from "react";
import { importConnectorAction } from "@/server/actions/connectors";
import type { ConnectorView } from "@/lib/connectors/schema";
import type { PublicError } from "@/server/errors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/input";

export function ImportConnectorDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (connector: ConnectorView) => void }) {
  const [json, setJson] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<PublicError | null>(null);

  const close = () => {
    setJson("");
    setError(null);
    onClose();
  };

  const submit = async () => {
    setError(null);
    if (!json.trim()) return setError({ code: "bad_request", message: "Paste the connector JSON first" });
    try {
      JSON.parse(json);
    } catch (parseError) {
      return setError({ code: "bad_request", message: `The pasted text is not valid JSON: ${(parseError as Error).message}` });
    }
    setPending(true);
    const result = await importConnectorAction(json);
    setPending(false);
    if (!result.ok) return setError(result.error);
    setJson("");
    onImported(result.data);
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      size="lg"
      dismissible={!pending}
      title="Import a connector"
      description="Paste a connector's JSON, as the Export button produces it. A new connector is created from it; fill in its secret values afterwards."
      footer={
        <>
          <Button onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" pending={pending} onClick={submit}>
            {pending ? "Importing…" : "Import connector"}
          </Button>
        </>
      }
    >
      <div className="space-y-3">
        <div>
          <div className="mb-1.5 flex items-center justify-between">
            <label htmlFor="import-json" className="text-sm font-medium text-slate-800">
              Connector JSON
            </label>
            <label className="cursor-pointer text-xs font-medium text-indigo-700 hover:text-indigo-800">
              Choose a .json file…
              <input
                type="file"
                accept="application/json,.json"
                className="sr-only"
                onChange={async (event) => {
                  const file = event.target.files?.[0];
                  if (file) setJson(await file.text());
                  event.target.value = "";
                }}
              />
            </label>
          </div>
          <Textarea
            id="import-json"
            autoFocus
            value={json}
            onChange={(event) => setJson(event.target.value)}
            rows={14}
            spellCheck={false}
            placeholder={'{\n  "name": "Acme SMS",\n  "senders": [{ "name": "ACME", "type": "transactional", "default": true }],\n  "request": { "method": "POST", "url": "https://api.acme.example/v2/send", … }\n}'}
            aria-invalid={!!error || undefined}
            aria-describedby={error ? "import-error" : undefined}
            className="font-mono text-xs leading-relaxed"
          />
        </div>
        {error && (
          <div id="import-error" data-testid="import-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <p className="font-medium">{error.details?.length ? "The connector could not be imported:" : error.message}</p>
            {!!error.details?.length && (
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {error.details.map((detail, index) => (
                  <li key={index}>
                    {detail.field && <code className="font-mono text-xs">{detail.field}</code>}
                    {detail.field && ": "}
                    {detail.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}
