"use client";
// The `@` placeholder picker's behaviour on one text input or textarea, as the ARIA combobox pattern: typing `@`
// opens a listbox of placeholders filtered by what follows; ↑/↓ move, Enter (or a click) inserts, Escape and Tab
// close. The field stays a plain controlled input: the hook hands back props to spread on it, and the listbox's
// state for <PlaceholderListbox>.
import { useCallback, useId, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent, type SyntheticEvent } from "react";
import { filterOptions, findTrigger, insertPlaceholder, type PlaceholderOption, type Trigger } from "./placeholder-options";

type TextElement = HTMLInputElement | HTMLTextAreaElement;

export interface PlaceholderPickerConfig {
  value: string;
  onChange: (value: string) => void;
  options: readonly PlaceholderOption[];
  /** The field's own ref callback (react-hook-form focuses fields with errors through it). */
  ref?: (element: TextElement | null) => void;
  disabled?: boolean;
}

export interface PlaceholderPicker {
  /** Spread on the input or textarea, after its own props (onChange here calls the config's). */
  fieldProps: {
    ref: (element: TextElement | null) => void;
    value: string;
    onChange: (event: ChangeEvent<TextElement>) => void;
    onKeyDown: (event: KeyboardEvent<TextElement>) => void;
    onSelect: (event: SyntheticEvent<TextElement>) => void;
    onBlur: () => void;
    role: "combobox";
    "aria-autocomplete": "list";
    "aria-expanded": boolean;
    "aria-controls": string | undefined;
    "aria-activedescendant": string | undefined;
  };
  open: boolean;
  listboxId: string;
  matches: PlaceholderOption[];
  active: number;
  setActive: (index: number) => void;
  optionId: (index: number) => string;
  choose: (option: PlaceholderOption) => void;
}

export function usePlaceholderPicker({ value, onChange, options, ref, disabled }: PlaceholderPickerConfig): PlaceholderPicker {
  const listboxId = useId();
  const element = useRef<TextElement | null>(null);
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  const [active, setActive] = useState(0);
  // The `@` whose list Escape closed: it stays closed until another `@` is typed.
  const dismissed = useRef<number | null>(null);

  const matches = useMemo(() => (trigger ? filterOptions(options, trigger.query) : []), [trigger, options]);
  const open = !disabled && trigger !== null && matches.length > 0;
  const optionId = useCallback((index: number) => `${listboxId}-option-${index}`, [listboxId]);

  const follow = (field: TextElement) => {
    const caret = field.selectionStart ?? field.value.length;
    const found = field.selectionStart === field.selectionEnd ? findTrigger(field.value, caret) : null;
    // Another `@` (or none): the dismissal is over.
    if (found?.start !== dismissed.current) dismissed.current = null;
    const next = found && found.start === dismissed.current ? null : found;
    if (next?.start !== trigger?.start || next?.query !== trigger?.query) setActive(0);
    setTrigger(next);
  };

  const choose = (option: PlaceholderOption) => {
    const field = element.current;
    if (!field || !trigger) return;
    const caret = field.selectionStart ?? field.value.length;
    const inserted = insertPlaceholder(field.value, trigger, caret, option.insert);
    onChange(inserted.value);
    setTrigger(null);
    // After React has written the new value: the caret goes right after the placeholder.
    requestAnimationFrame(() => {
      field.focus();
      field.setSelectionRange(inserted.caret, inserted.caret);
    });
  };

  const setRefs = useCallback(
    (node: TextElement | null) => {
      element.current = node;
      ref?.(node);
    },
    [ref],
  );

  return {
    fieldProps: {
      ref: setRefs,
      value,
      onChange: (event) => {
        onChange(event.target.value);
        follow(event.target);
      },
      onKeyDown: (event) => {
        if (!open) return;
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          const step = event.key === "ArrowDown" ? 1 : -1;
          setActive((current) => (current + step + matches.length) % matches.length);
        } else if (event.key === "Enter") {
          // Never submits the form while the list is open: Enter picks.
          event.preventDefault();
          choose(matches[Math.min(active, matches.length - 1)]);
        } else if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          dismissed.current = trigger?.start ?? null;
          setTrigger(null);
        } else if (event.key === "Tab") {
          setTrigger(null);
        }
      },
      // Caret moves (arrows, clicks) open or close the list for the @query the caret is now in.
      onSelect: (event) => follow(event.currentTarget),
      onBlur: () => setTrigger(null),
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": open,
      "aria-controls": open ? listboxId : undefined,
      "aria-activedescendant": open ? optionId(Math.min(active, matches.length - 1)) : undefined,
    },
    open,
    listboxId,
    matches,
    active: Math.min(active, Math.max(matches.length - 1, 0)),
    setActive,
    optionId,
    choose,
  };
}
