"use client";
// The connector screen's unsaved-changes state: the leave guard (components/forms/leave-guard.tsx) for the
// connector form and the delivery mapping, and the unsaved new connector's name for the list.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { LeaveGuardProvider, useLeaveGuard } from "@/components/forms/leave-guard";

interface DraftName {
  /** The unsaved new connector's current name, shown in the list while it is being edited. */
  draftName: string | null;
  setDraftName: (name: string | null) => void;
}

const DraftContext = createContext<DraftName | null>(null);

export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const [draftName, setDraftName] = useState<string | null>(null);
  const value = useMemo(() => ({ draftName, setDraftName }), [draftName]);
  return (
    <LeaveGuardProvider>
      <DraftContext.Provider value={value}>{children}</DraftContext.Provider>
    </LeaveGuardProvider>
  );
}

const CONNECTOR_FORM = { key: "connector", label: "this connector's configuration" };

export function useUnsavedChanges() {
  const draft = useContext(DraftContext);
  if (!draft) throw new Error("useUnsavedChanges needs an <UnsavedChangesProvider>");
  const guard = useLeaveGuard();
  const { setDirty: setFormDirty } = guard;
  /** The connector form's own state; the delivery mapping reports its own with useGuardDirty. */
  const setDirty = useCallback((dirty: boolean) => setFormDirty(CONNECTOR_FORM.key, dirty, CONNECTOR_FORM.label), [setFormDirty]);
  return { ...draft, setDirty, confirmLeave: guard.confirmLeave, whenSettled: guard.whenSettled };
}
