import Link from "next/link";
import { MAIN_ID } from "@/components/layout/skip-link";

// Any unknown address: a page with the same landmark and skip target as every other.
export default function NotFound() {
  return (
    <main id={MAIN_ID} tabIndex={-1} className="flex min-h-screen flex-col items-center justify-center gap-4 p-6 text-center outline-none">
      <img src="/logo.svg" alt="" width={40} height={40} className="size-10" />
      <h1 className="text-xl font-semibold text-slate-900">Page not found</h1>
      <p className="text-sm text-slate-600">There is nothing at this address.</p>
      <Link href="/" className="text-sm font-medium text-indigo-700 hover:text-indigo-800">
        Go to Switchboard
      </Link>
    </main>
  );
}
