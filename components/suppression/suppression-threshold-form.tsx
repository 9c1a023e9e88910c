"use client";
// Settings tab, admins only: how many consecutive delivery failures suppress a number.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useForm } from "react-hook-form";
import { suppressionThresholdInputSchema, type SuppressionThreshold, type SuppressionThresholdInput } from "@/lib/suppression/threshold-input";
import { setSuppressionThresholdAction } from "@/server/actions/suppression";
import { Button } from "@/components/ui/button";
import { describedBy, FieldError } from "@/components/ui/field";
import { InputWithSuffix } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerErrors } from "@/components/forms/server-errors";

export function SuppressionThresholdForm({ threshold }: { threshold: number }) {
  const toast = useToast();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const form = useForm<SuppressionThresholdInput, unknown, SuppressionThreshold>({
    resolver: zodResolver(suppressionThresholdInputSchema),
    defaultValues: { suppressionThreshold: threshold },
  });
  const { register, handleSubmit, reset, formState } = form;
  const error = formState.errors.suppressionThreshold?.message;

  const onSubmit = handleSubmit(async (values) => {
    const result = await setSuppressionThresholdAction(values);
    if (!result.ok) {
      applyServerErrors(form, result.error, { fields: ["suppressionThreshold"], fallback: "suppressionThreshold" });
      return;
    }
    reset({ suppressionThreshold: result.data });
    toast(`Suppression threshold set to ${result.data}`);
    startTransition(() => router.refresh());
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Change the suppression threshold" className="flex flex-wrap items-start gap-2">
      <div>
        <label htmlFor="suppression-threshold" className="sr-only">
          Suppression threshold
        </label>
        <InputWithSuffix
          id="suppression-threshold"
          suffix="consecutive failures"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          step={1}
          {...register("suppressionThreshold")}
          aria-invalid={!!error || undefined}
          aria-describedby={describedBy("suppression-threshold", { error })}
          className="w-56"
        />
        <FieldError id="suppression-threshold-error" message={error} />
      </div>
      <Button type="submit" variant="primary" pending={formState.isSubmitting} disabled={!formState.isDirty}>
        {formState.isSubmitting ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
