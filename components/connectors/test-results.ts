"use client";
// The last Send Test SMS result of each connector screen, kept for the browser tab's lifetime rather than in the
// panel's state: saving a new connector replaces its screen (the draft becomes the saved connector), and the
// test that was just run must still be there afterwards.
import { useCallback, useState } from "react";
import type { TestSendResult } from "@/lib/connectors/test-send";

export interface ShownTestResult {
  data: TestSendResult;
  at: Date;
}

const results = new Map<string, ShownTestResult>();

/** The screen a result belongs to: the saved connector's id, or the draft's ("new", "new-twilio"). */
export function testResultKey(connectorId: string | null, draft: string): string {
  return connectorId ?? draft;
}

export function useTestResult(key: string): [ShownTestResult | null, (result: ShownTestResult) => void] {
  const [result, setResult] = useState<ShownTestResult | null>(() => results.get(key) ?? null);
  const remember = useCallback(
    (next: ShownTestResult) => {
      results.set(key, next);
      setResult(next);
    },
    [key],
  );
  return [result, remember];
}

/** A draft was saved as `connectorId`: its last test result goes with it. */
export function carryTestResult(draft: string, connectorId: string): void {
  const result = results.get(draft);
  results.delete(draft);
  if (result) results.set(connectorId, result);
}
