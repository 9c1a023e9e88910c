import type { ReactNode } from "react";
import { MAIN_ID } from "@/components/layout/skip-link";

// Screens for people who are not logged in: no top bar, one centred column.
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id={MAIN_ID} tabIndex={-1} className="flex min-h-screen flex-col items-center justify-center gap-6 p-4 outline-none sm:p-6">
      <img src="/logo.svg" alt="" width={40} height={40} className="size-10" />
      {children}
    </main>
  );
}
