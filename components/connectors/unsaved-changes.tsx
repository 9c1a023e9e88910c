"use client";
// Guards unsaved connector edits: the browser's own prompt on reload/close, and our dialog when the user
// picks another connector in the list.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

interface UnsavedChanges {
  dirty: boolean;
  setDirty: (dirty: boolean) => void;
  /** The unsaved new connector's current name, shown in the list while it is being edited. */
  draftName: string | null;
  setDraftName: (name: string | null) => void;
  /** Run `proceed` now if nothing is unsaved, else after the user agrees to discard the changes. */
  confirmLeave: (proceed: () => void) => void;
}

const Context = createContext<UnsavedChanges | null>(null);

export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const [dirty, setDirty] = useState(false);
  const [draftName, setDraftName] = useState<string | null>(null);
  const pending = useRef<(() => void) | null>(null);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set to show the prompt
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const confirmLeave = useCallback(
    (proceed: () => void) => {
      if (!dirty) return proceed();
      pending.current = proceed;
      setAsking(true);
    },
    [dirty],
  );

  const value = useMemo(() => ({ dirty, setDirty, draftName, setDraftName, confirmLeave }), [dirty, draftName, confirmLeave]);
  const close = () => {
    pending.current = null;
    setAsking(false);
  };

  return (
    <Context.Provider value={value}>
      {children}
      <Dialog
        open={asking}
        onClose={close}
        size="sm"
        title="Discard unsaved changes?"
        description="This connector has changes that are not saved. If you leave now, they are lost."
        footer={
          <>
            <Button onClick={close} autoFocus>
              Keep editing
            </Button>
            <Button
              variant="destructive"
              onClick={() => {
                const proceed = pending.current;
                close();
                setDirty(false);
                proceed?.();
              }}
            >
              Discard changes
            </Button>
          </>
        }
      />
    </Context.Provider>
  );
}

export function useUnsavedChanges(): UnsavedChanges {
  const value = useContext(Context);
  if (!value) throw new Error("useUnsavedChanges needs an <UnsavedChangesProvider>");
  return value;
}
