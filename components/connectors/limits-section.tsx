"use client";
// The "Limits" part of a connector form: request timeout, throughput limit and (custom connectors) the longest message.
import type { UseFormRegisterReturn } from "react-hook-form";
import { FormSection } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { InputWithSuffix } from "@/components/ui/input";

export function LimitsSection(props: {
  timeout: UseFormRegisterReturn;
  throughput: UseFormRegisterReturn;
  timeoutError?: string;
  throughputError?: string;
  throughputHint: string;
  /** A longer message fails before it is sent (custom connectors). */
  maxSegments?: UseFormRegisterReturn;
  maxSegmentsError?: string;
}) {
  const { timeout, throughput, timeoutError, throughputError, throughputHint, maxSegments, maxSegmentsError } = props;
  return (
    <FormSection title="Limits" id="limits">
      <div className="grid max-w-xl gap-4 sm:grid-cols-2">
        <Field id="timeout-ms" label="Timeout" error={timeoutError} hint="Default 5000 ms. A timed-out send is not retried.">
          <InputWithSuffix
            suffix="ms"
            id="timeout-ms"
            type="number"
            inputMode="numeric"
            min={100}
            max={60000}
            step={100}
            {...timeout}
            aria-invalid={!!timeoutError || undefined}
            aria-describedby={describedBy("timeout-ms", { error: timeoutError, hint: true })}
          />
        </Field>
        <Field id="throughput" label="Throughput limit" error={throughputError} hint={throughputHint}>
          <InputWithSuffix
            suffix="per second"
            id="throughput"
            type="number"
            inputMode="numeric"
            min={1}
            max={10000}
            {...throughput}
            aria-invalid={!!throughputError || undefined}
            aria-describedby={describedBy("throughput", { error: throughputError, hint: true })}
          />
        </Field>
        {maxSegments && (
          <Field id="max-segments" label="Maximum segments" error={maxSegmentsError} hint="Default 10. A longer message fails instead of being cut short by the provider.">
            <InputWithSuffix
              suffix="parts"
              id="max-segments"
              type="number"
              inputMode="numeric"
              min={1}
              max={255}
              {...maxSegments}
              aria-invalid={!!maxSegmentsError || undefined}
              aria-describedby={describedBy("max-segments", { error: maxSegmentsError, hint: true })}
            />
          </Field>
        )}
      </div>
    </FormSection>
  );
}
