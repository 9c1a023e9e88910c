"use client";
// Whether the connector form is shown read-only (viewers): row editing controls are then left out.
import { createContext, useContext } from "react";

export const ReadOnlyContext = createContext(false);

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}
