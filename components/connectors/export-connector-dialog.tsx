"use client";
// Shows a connector's JSON (secret values left out) to copy or download, e.g. to import it elsewhere. It is
// read from GET /api/v1/connectors/{id}/export, the same export API users get.
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { connectorKeys } from "./query-keys";

function fileName(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "connector"}.json`;
}

export function ExportConnectorDialog({ open, onClose, connector }: { open: boolean; onClose: () => void; connector: { id: string; name: string; updatedAt: string } }) {
  const query = useQuery({
    queryKey: connectorKeys.export(connector.id, connector.updatedAt),
    queryFn: async () => JSON.stringify(await apiGet<unknown>(`/api/v1/connectors/${encodeURIComponent(connector.id)}/export`), null, 2),
    enabled: open,
    staleTime: 0,
  });
  const json = query.data ?? "";

  const download = () => {
    const url = URL.createObjectURL(new Blob([json + "\n"], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName(connector.name);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={`Export “${connector.name}”`}
      description="The connector's configuration as JSON. Secret values are left out: fill them in after importing."
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <CopyButton text={json} label="Copy JSON" disabled={!query.data} />
          <Button variant="primary" onClick={download} disabled={!query.data}>
            Download .json
          </Button>
        </>
      }
    >
      {query.isPending && (
        <p className="flex items-center gap-2 py-8 text-sm text-slate-500">
          <Spinner /> Preparing the export…
        </p>
      )}
      {query.isError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{query.error.message}</p>}
      {query.data && (
        <>
          <label htmlFor="export-json" className="sr-only">
            Connector JSON
          </label>
          <Textarea id="export-json" readOnly value={json} rows={18} spellCheck={false} className="font-mono text-xs leading-relaxed" />
        </>
      )}
    </Dialog>
  );
}
