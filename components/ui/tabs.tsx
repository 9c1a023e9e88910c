import Link from "next/link";
import { cx } from "./cx";

/** Page-level tabs as links: each tab is its own URL, so it survives reloads and can be shared. */
export function TabLinks({ label, tabs }: { label: string; tabs: Array<{ href: string; label: string; current: boolean }> }) {
  return (
    <nav aria-label={label} className="border-b border-slate-200">
      <ul className="-mb-px flex gap-6">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.current ? "page" : undefined}
              className={cx(
                "inline-block border-b-2 px-0.5 pb-2.5 text-sm font-medium transition-colors",
                tab.current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
