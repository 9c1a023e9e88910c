"use client";
// Asks before unsaved form changes are lost, whatever the way out: any same-origin link on the page (caught
// at the document, so the top bar, tabs and lists need no special link component), browser Back (a
// duplicate history entry on top while something is unsaved), and reload or closing the tab (the browser's
// own beforeunload prompt). Forms report their state with useGuardDirty; buttons that leave call confirmLeave.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

interface LeaveGuard {
  /** Mark one form (by key) as having unsaved changes or not; `label` names it in the question. */
  setDirty: (key: string, dirty: boolean, label: string) => void;
  /** Run `proceed` now if nothing is unsaved, else after the user agrees to discard the changes. */
  confirmLeave: (proceed: () => void) => void;
  /**
   * Run `then` once the guard's own history entry is gone (right away when there is none). A navigation
   * right after a save goes through here, so it lands on top of the page's real entry.
   */
  whenSettled: (then: () => void) => void;
}

const Context = createContext<LeaveGuard | null>(null);

interface Entry {
  dirty: boolean;
  label: string;
}

export function LeaveGuardProvider({ children }: { children: ReactNode }) {
  const forms = useRef(new Map<string, Entry>());
  /** The URL of the duplicate history entry the guard pushed, while it is the current entry. */
  const sentinel = useRef<string | null>(null);
  /** Back moves the guard made itself, still to arrive as popstate. */
  const ownPops = useRef(0);
  const settled = useRef<Array<() => void>>([]);
  const proceedRef = useRef<(() => void) | null>(null);
  const [asking, setAsking] = useState<string[] | null>(null);

  const dirtyLabels = () => [...forms.current.values()].filter((entry) => entry.dirty).map((entry) => entry.label);

  const runSettled = () => {
    const queue = settled.current;
    settled.current = [];
    for (const then of queue) then();
  };

  const update = useCallback(() => {
    const dirty = dirtyLabels().length > 0;
    if (dirty && sentinel.current === null) {
      // A duplicate of this entry (same URL): Back lands on the page's own entry, and popstate says someone is leaving.
      window.history.pushState({ switchboardUnsaved: true }, "");
      sentinel.current = window.location.href;
    } else if (!dirty && sentinel.current !== null) {
      // Take the duplicate away again, unless a navigation already moved on from it.
      const onIt = sentinel.current === window.location.href;
      sentinel.current = null;
      if (onIt) {
        ownPops.current += 1;
        window.history.back();
        // Should the browser drop that Back (another history change in between), do not wait for it forever.
        setTimeout(() => {
          if (ownPops.current === 0) return;
          ownPops.current = 0;
          runSettled();
        }, 2000);
      }
    }
    if (dirty) window.addEventListener("beforeunload", warnBeforeUnload);
    else window.removeEventListener("beforeunload", warnBeforeUnload);
  }, []);

  const setDirty = useCallback(
    (key: string, dirty: boolean, label: string) => {
      const before = forms.current.get(key);
      if (before?.dirty === dirty) return;
      forms.current.set(key, { dirty, label });
      update();
    },
    [update],
  );

  const discardAll = useCallback(() => {
    for (const entry of forms.current.values()) entry.dirty = false;
    update();
  }, [update]);

  const whenSettled = useCallback((then: () => void) => {
    if (ownPops.current > 0) settled.current.push(then);
    else then();
  }, []);

  const ask = useCallback((proceed: () => void) => {
    proceedRef.current = proceed;
    setAsking(dirtyLabels());
  }, []);

  const confirmLeave = useCallback(
    (proceed: () => void) => {
      if (dirtyLabels().length === 0) return whenSettled(proceed);
      ask(proceed);
    },
    [ask, whenSettled],
  );

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (dirtyLabels().length === 0 || event.defaultPrevented || event.button !== 0) return;
      // A new tab or window leaves this page as it is.
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("download")) return;
      if (anchor.target && anchor.target !== "_self") return;
      const url = new URL(anchor.href, window.location.href);
      // Another site: the browser's own beforeunload prompt asks.
      if (url.origin !== window.location.origin) return;
      // A jump within this page (#delivery-tracking) loses nothing.
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      // Capture phase on the document: runs before React's handlers, so next/link never sees this click.
      event.preventDefault();
      event.stopPropagation();
      ask(() => {
        if (anchor.isConnected) anchor.click();
        else window.location.assign(url.href);
      });
    };

    const onPopState = () => {
      if (ownPops.current > 0) {
        ownPops.current -= 1;
        // A task later: Next's router handles the same popstate (restoring this very page), and a navigation
        // started inside this handler would be lost under that restore.
        if (ownPops.current === 0) setTimeout(runSettled);
        return;
      }
      if (sentinel.current === null) return;
      // Back from the duplicate entry: the page is still the same. Ask; staying puts the entry back.
      sentinel.current = null;
      if (dirtyLabels().length === 0) return;
      ask(() => window.history.back());
    };

    document.addEventListener("click", onClick, true);
    window.addEventListener("popstate", onPopState);
    return () => {
      document.removeEventListener("click", onClick, true);
      window.removeEventListener("popstate", onPopState);
      window.removeEventListener("beforeunload", warnBeforeUnload);
    };
  }, [ask]);

  const stay = () => {
    proceedRef.current = null;
    setAsking(null);
    // After Back was refused the duplicate entry is gone: put it back, so the next Back asks again.
    update();
  };
  const leave = () => {
    const proceed = proceedRef.current;
    proceedRef.current = null;
    setAsking(null);
    discardAll();
    if (proceed) whenSettled(proceed);
  };

  const value = useMemo(() => ({ setDirty, confirmLeave, whenSettled }), [setDirty, confirmLeave, whenSettled]);

  return (
    <Context.Provider value={value}>
      {children}
      <Dialog
        open={asking !== null}
        onClose={stay}
        size="sm"
        title="Discard unsaved changes?"
        description={`${sentenceCase(joinLabels(asking ?? []))} ${asking && asking.length > 1 ? "have" : "has"} changes that are not saved. If you leave now, they are lost.`}
        footer={
          <>
            <Button onClick={stay} autoFocus>
              Keep editing
            </Button>
            <Button variant="destructive" onClick={leave}>
              Discard changes
            </Button>
          </>
        }
      />
    </Context.Provider>
  );
}

function warnBeforeUnload(event: BeforeUnloadEvent) {
  event.preventDefault();
  event.returnValue = ""; // older browsers need it set to show the prompt
}

function joinLabels(labels: string[]): string {
  if (labels.length === 0) return "this form";
  return labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function useLeaveGuard(): LeaveGuard {
  const value = useContext(Context);
  if (!value) throw new Error("useLeaveGuard needs a <LeaveGuardProvider>");
  return value;
}

/** Report a form's unsaved state to the guard; the form counts as saved again when it unmounts. */
export function useGuardDirty(key: string, dirty: boolean, label: string) {
  const { setDirty } = useLeaveGuard();
  useEffect(() => {
    setDirty(key, dirty, label);
  }, [key, dirty, label, setDirty]);
  useEffect(() => () => setDirty(key, false, label), [key, label, setDirty]);
}
