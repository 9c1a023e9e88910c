"use client";
// A searchable select of IANA time zones, as the ARIA combobox pattern: type part of a name ("new york", "kolkata"),
// ↑/↓ to move, Enter to choose, Escape to go back to the chosen zone. Each zone shows its offset from UTC today.
import { useId, useMemo, useRef, useState } from "react";
import { cx } from "@/components/ui/cx";
import { Input } from "@/components/ui/input";
import { allTimeZones, searchTimeZones, utcOffset } from "./time-zones";

/** Drawn at once; typing narrows the list further. */
const MAX_SHOWN = 80;

export function TimeZoneSelect({
  id,
  value,
  onChange,
  disabled,
  invalid,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
}) {
  const listboxId = useId();
  const zones = useMemo(() => allTimeZones([value]), [value]);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const open = query !== null;
  const matches = useMemo(() => (open ? searchTimeZones(zones, query).slice(0, MAX_SHOWN) : []), [open, zones, query]);
  const optionId = (index: number) => `${listboxId}-${index}`;
  // Offsets are asked for on every keystroke: work each out once.
  const offsets = useRef(new Map<string, string>());
  const offsetOf = (zone: string) => {
    if (!offsets.current.has(zone)) offsets.current.set(zone, utcOffset(zone));
    return offsets.current.get(zone)!;
  };

  function close(choice?: string) {
    if (choice) onChange(choice);
    setQuery(null);
  }

  function move(to: number) {
    const next = Math.max(0, Math.min(matches.length - 1, to));
    setActive(next);
    list.current?.querySelector(`#${CSS.escape(optionId(next))}`)?.scrollIntoView({ block: "nearest" });
  }

  return (
    <div className="relative">
      <Input
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open && matches.length > 0}
        aria-controls={open ? listboxId : undefined}
        aria-activedescendant={open && matches.length > 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        value={open ? query : value}
        placeholder="Search time zones"
        onFocus={(event) => {
          setQuery("");
          setActive(0);
          event.currentTarget.select();
        }}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            if (!open) setQuery("");
            else move(active + 1);
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            move(active - 1);
          } else if (event.key === "Enter" && open) {
            event.preventDefault();
            close(matches[active]);
          } else if (event.key === "Escape" && open) {
            event.preventDefault();
            close();
          }
        }}
        onBlur={() => {
          // A zone typed in full counts as chosen; anything else leaves the chosen zone as it was.
          const typed = query?.trim().toLowerCase();
          close(typed ? zones.find((zone) => zone.toLowerCase() === typed) : undefined);
        }}
        className="pr-24"
      />
      <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-xs text-slate-500">
        {!open && offsetOf(value)}
      </span>
      {open && (
        <ul
          ref={list}
          id={listboxId}
          role="listbox"
          aria-label="Time zones"
          className="absolute top-full left-0 z-30 mt-1 max-h-64 w-full overflow-auto rounded-lg border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {matches.length === 0 ? (
            <li role="presentation" className="px-3 py-2 text-slate-500">
              No time zone matches “{query}”
            </li>
          ) : (
            matches.map((zone, index) => (
              <li
                key={zone}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                // Keeps the focus in the field while clicking.
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => index !== active && setActive(index)}
                onClick={() => close(zone)}
                className={cx("flex cursor-pointer items-center justify-between gap-3 px-3 py-1.5", index === active ? "bg-indigo-50" : "hover:bg-slate-50", zone === value && "font-medium")}
              >
                <span className="truncate">{zone}</span>
                <span className="shrink-0 text-xs text-slate-500">{offsetOf(zone)}</span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
