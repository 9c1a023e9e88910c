"use client";
// The `@` placeholder picker: a text input or textarea in which typing `@` offers the built-in variables, the
// recipient attributes seen in recent sends and audiences, and campaign values, and inserts the chosen one with a
// fallback (`{{user.city | default: ""}}`). Reusable wherever a template is typed:
//
//   const options = usePlaceholderOptions();                       // or usePlaceholderOptions(MESSAGE_BUILT_INS)
//   <PlaceholderInput value={v} onValueChange={setV} options={options} aria-label="Body" />
//   <PlaceholderTextarea … />
//
// or, for a field of your own, usePlaceholderPicker() + <PlaceholderListbox picker={…} /> inside a `relative` box.
import { useMemo, type ComponentProps } from "react";
import { cx } from "@/components/ui/cx";
import { Input, Textarea } from "@/components/ui/input";
import { CAMPAIGN_OPTIONS, CONNECTOR_BUILT_INS, userAttributeOptions, type PlaceholderGroup, type PlaceholderOption } from "./placeholder-options";
import { useUserAttributes } from "./queries";
import { usePlaceholderPicker, type PlaceholderPicker } from "./use-placeholder-picker";

export { CONNECTOR_BUILT_INS, MESSAGE_BUILT_INS, CAMPAIGN_OPTIONS, type PlaceholderOption } from "./placeholder-options";
export { usePlaceholderPicker, type PlaceholderPicker } from "./use-placeholder-picker";

/** Built-ins (connector values by default), the workspace's recent recipient attributes, and campaign values. */
export function usePlaceholderOptions(builtIns: readonly PlaceholderOption[] = CONNECTOR_BUILT_INS): PlaceholderOption[] {
  const attributes = useUserAttributes();
  return useMemo(() => [...builtIns, ...userAttributeOptions(attributes.data ?? []), ...CAMPAIGN_OPTIONS], [builtIns, attributes.data]);
}

const GROUP_ORDER: PlaceholderGroup[] = ["Built-in", "User attributes", "Campaign"];

/** The list under a field; render it in the same `relative` box as the field. */
export function PlaceholderListbox({ picker, className }: { picker: PlaceholderPicker; className?: string }) {
  if (!picker.open) return null;
  const indexed = picker.matches.map((option, index) => ({ option, index }));
  return (
    <div
      id={picker.listboxId}
      role="listbox"
      aria-label="Placeholders"
      className={cx("absolute top-full left-0 z-30 mt-1 max-h-72 w-80 max-w-[90vw] overflow-auto rounded-lg border border-slate-200 bg-white py-1 text-sm shadow-lg", className)}
    >
      {GROUP_ORDER.map((group) => {
        const entries = indexed.filter(({ option }) => option.group === group);
        if (entries.length === 0) return null;
        const headingId = `${picker.listboxId}-${group.replace(/\W/g, "")}`;
        return (
          <div key={group} role="group" aria-labelledby={headingId}>
            <div id={headingId} role="presentation" className="px-3 pt-1.5 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
              {group}
            </div>
            {entries.map(({ option, index }) => (
              <div
                key={option.id}
                id={picker.optionId(index)}
                role="option"
                aria-selected={index === picker.active}
                // Keeps the focus (and the caret) in the field while clicking.
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => index !== picker.active && picker.setActive(index)}
                onClick={() => picker.choose(option)}
                className={cx("flex cursor-pointer flex-col px-3 py-1.5", index === picker.active ? "bg-indigo-50" : "hover:bg-slate-50")}
              >
                <code className="font-mono text-[13px] text-indigo-700">{option.label}</code>
                <span className="text-xs text-slate-500">{option.description}</span>
              </div>
            ))}
          </div>
        );
      })}
      <p aria-hidden="true" className="border-t border-slate-100 px-3 pt-1.5 pb-1 text-[11px] text-slate-400">
        ↑ ↓ choose · Enter insert · Esc close
      </p>
    </div>
  );
}

type PickerFieldProps<T> = Omit<T, "value" | "onChange" | "ref" | "role"> & {
  value: string;
  onValueChange: (value: string) => void;
  options: readonly PlaceholderOption[];
  /** The field's ref callback, e.g. react-hook-form's `field.ref`. */
  fieldRef?: (element: HTMLInputElement | HTMLTextAreaElement | null) => void;
  /** Classes of the `relative` box around the field and its list. */
  wrapperClassName?: string;
};

export function PlaceholderInput({ value, onValueChange, options, fieldRef, wrapperClassName, onBlur, onKeyDown, ...props }: PickerFieldProps<ComponentProps<"input">>) {
  const picker = usePlaceholderPicker({ value, onChange: onValueChange, options, ref: fieldRef, disabled: props.disabled || props.readOnly });
  return (
    <div className={cx("relative", wrapperClassName)}>
      <Input
        {...props}
        {...picker.fieldProps}
        ref={picker.fieldProps.ref}
        onKeyDown={(event) => {
          picker.fieldProps.onKeyDown(event);
          onKeyDown?.(event);
        }}
        onBlur={(event) => {
          picker.fieldProps.onBlur();
          onBlur?.(event);
        }}
      />
      <PlaceholderListbox picker={picker} />
    </div>
  );
}

export function PlaceholderTextarea({ value, onValueChange, options, fieldRef, wrapperClassName, onBlur, onKeyDown, ...props }: PickerFieldProps<ComponentProps<"textarea">>) {
  const picker = usePlaceholderPicker({ value, onChange: onValueChange, options, ref: fieldRef, disabled: props.disabled || props.readOnly });
  return (
    <div className={cx("relative", wrapperClassName)}>
      <Textarea
        {...props}
        {...picker.fieldProps}
        ref={picker.fieldProps.ref}
        onKeyDown={(event) => {
          picker.fieldProps.onKeyDown(event);
          onKeyDown?.(event);
        }}
        onBlur={(event) => {
          picker.fieldProps.onBlur();
          onBlur?.(event);
        }}
      />
      <PlaceholderListbox picker={picker} />
    </div>
  );
}
