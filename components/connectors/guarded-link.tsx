"use client";
// A link away from the connector screen that asks first when the form has unsaved changes.
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";
import { useUnsavedChanges } from "./unsaved-changes";

export function GuardedLink({ href, onClick, ...props }: Omit<ComponentProps<typeof Link>, "href"> & { href: string }) {
  const router = useRouter();
  const { dirty, confirmLeave } = useUnsavedChanges();
  return (
    <Link
      href={href}
      onClick={(event) => {
        onClick?.(event);
        // A new tab (ctrl/cmd/shift/middle click) leaves this page as it is.
        if (!dirty || event.defaultPrevented || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        confirmLeave(() => router.push(href));
      }}
      {...props}
    />
  );
}
