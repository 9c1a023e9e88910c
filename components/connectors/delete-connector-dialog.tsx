"use client";
import { useState } from "react";
import { deleteConnectorAction } from "@/server/actions/connectors";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export function DeleteConnectorDialog({ open, onClose, connector, onDeleted }: { open: boolean; onClose: () => void; connector: { id: string; name: string }; onDeleted: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      size="sm"
      dismissible={!pending}
      title={`Delete “${connector.name}”?`}
      description="The connector and its senders are removed for good. Providers that still call its delivery-report URL get 404."
      footer={
        <>
          <Button onClick={close} disabled={pending} autoFocus>
            Cancel
          </Button>
          <Button
            variant="destructive"
            pending={pending}
            onClick={async () => {
              setPending(true);
              setError(null);
              const result = await deleteConnectorAction(connector.id);
              setPending(false);
              if (!result.ok) return setError(result.error.message);
              onDeleted();
            }}
          >
            {pending ? "Deleting…" : "Delete connector"}
          </Button>
        </>
      }
    >
      {error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
    </Dialog>
  );
}
