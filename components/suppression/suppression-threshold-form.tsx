"use client";
// Settings tab, admins only: how many consecutive delivery failures suppress a number.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { setSuppressionThresholdAction } from "@/app/(app)/settings/channel/sms/actions";
import { Button } from "@/components/ui/button";
import { describedBy, FieldError } from "@/components/ui/field";
import { InputWithSuffix } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

const thresholdSchema = z.object({
  threshold: z.coerce.number({ message: "Enter a number" }).int("Use a whole number from 1 to 100").min(1, "Use a whole number from 1 to 100").max(100, "Use a whole number from 1 to 100"),
});
type ThresholdInput = z.input<typeof thresholdSchema>;
type Threshold = z.output<typeof thresholdSchema>;

export function SuppressionThresholdForm({ threshold }: { threshold: number }) {
  const toast = useToast();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const { register, handleSubmit, reset, setError, formState } = useForm<ThresholdInput, unknown, Threshold>({
    resolver: zodResolver(thresholdSchema),
    defaultValues: { threshold },
  });
  const error = formState.errors.threshold?.message;

  const onSubmit = handleSubmit(async ({ threshold: value }) => {
    const result = await setSuppressionThresholdAction(value);
    if (!result.ok) {
      setError("threshold", { type: "server", message: result.error.details?.[0]?.message ?? result.error.message });
      return;
    }
    reset({ threshold: result.data });
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
          {...register("threshold")}
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
