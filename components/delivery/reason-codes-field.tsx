"use client";
// The connector's words for its provider's failure codes (034 → Network error): shown with failed messages and in
// the error breakdown as "034 Network error". Part of the delivery-mapping form.
import { useFieldArray, type Control, type FieldErrors } from "react-hook-form";
import type { DeliveryTracking } from "@/lib/connectors/schema";
import { Button, IconButton } from "@/components/ui/button";
import { FormSection } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import type { MappingValues } from "./mapping-fields";

export function ReasonCodesField({ control, register, errors, readOnly }: { control: Control<MappingValues>; register: (name: `reasonCodes.${number}.code` | `reasonCodes.${number}.text`) => object; errors: FieldErrors<DeliveryTracking>["reasonCodes"]; readOnly: boolean }) {
  const { fields, append, remove } = useFieldArray({ control, name: "reasonCodes" });
  const rowErrors = (errors ?? []) as Array<{ code?: { message?: string }; text?: { message?: string } } | undefined>;
  return (
    <FormSection
      title="Reason codes"
      id="dlr-reason-codes"
      description="Optional: words for the failure codes your provider reports. A failed message whose reason is 034 then reads “034 Network error”, in its log and in the error breakdown."
    >
      {fields.length > 0 && (
        <table className="mb-3 w-full max-w-2xl text-sm" aria-label="Reason codes">
          <thead className="text-left text-xs font-medium text-slate-500">
            <tr>
              <th scope="col" className="w-40 pb-1.5 font-medium">
                Code
              </th>
              <th scope="col" className="pb-1.5 font-medium">
                Meaning
              </th>
              <th scope="col" className="w-10 pb-1.5">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((row, index) => (
              <tr key={row.id} className="align-top">
                <td className="pr-2 pb-2">
                  <Input {...register(`reasonCodes.${index}.code`)} aria-label={`Reason code ${index + 1}`} aria-invalid={!!rowErrors[index]?.code || undefined} className="font-mono text-[13px]" placeholder="034" />
                  <FieldError message={rowErrors[index]?.code?.message} />
                </td>
                <td className="pr-2 pb-2">
                  <Input {...register(`reasonCodes.${index}.text`)} aria-label={`Reason code ${index + 1} meaning`} aria-invalid={!!rowErrors[index]?.text || undefined} placeholder="Network error" />
                  <FieldError message={rowErrors[index]?.text?.message} />
                </td>
                <td className="pb-2">
                  {!readOnly && (
                    <IconButton label={`Remove reason code ${index + 1}`} danger onClick={() => remove(index)}>
                      <TrashIcon />
                    </IconButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && (
        <Button size="sm" onClick={() => append({ code: "", text: "" })}>
          <PlusIcon className="size-3.5" />
          Add reason code
        </Button>
      )}
      {readOnly && fields.length === 0 && <p className="text-sm text-slate-500">None.</p>}
    </FormSection>
  );
}
