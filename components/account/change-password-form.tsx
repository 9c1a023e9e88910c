"use client";
// Change your own password: current, new and confirmation.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { changeOwnPasswordAction } from "@/server/actions/account";
import { changePasswordInputSchema, type ChangePasswordInput } from "@/lib/accounts/change-password-input";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerErrors } from "@/components/forms/server-errors";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;

export function ChangePasswordForm() {
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordInputSchema),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const { register, handleSubmit, reset, formState } = form;
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await changeOwnPasswordAction(values);
    if (!result.ok) {
      const { placed } = applyServerErrors(form, result.error, { fields: FIELDS });
      if (placed.length === 0) setFormError(result.error.message);
      return;
    }
    reset();
    toast("Password changed. You stay logged in here; your other sessions have ended.");
  });

  const password = (name: (typeof FIELDS)[number], id: string, label: string, autoComplete: string, hint?: string) => (
    <Field id={id} label={label} hint={hint} error={errors[name]?.message}>
      <Input
        id={id}
        type="password"
        autoComplete={autoComplete}
        {...register(name)}
        aria-invalid={!!errors[name] || undefined}
        aria-describedby={describedBy(id, { error: errors[name], hint })}
      />
    </Field>
  );

  return (
    <Card className="max-w-2xl">
      <form onSubmit={onSubmit} noValidate aria-label="Change password" className="px-6 py-5">
        <h2 className="text-base font-semibold text-slate-900">Change password</h2>
        <p className="mt-0.5 text-sm text-slate-500">Five wrong current passwords in a row lock your account for 15 minutes, as at login.</p>
        <div className="mt-4 max-w-sm space-y-4">
          {password("currentPassword", "current-password", "Current password", "current-password")}
          {password("newPassword", "new-password", "New password", "new-password", "At least 10 characters")}
          {password("confirmPassword", "confirm-password", "Confirm new password", "new-password")}
        </div>
        {formError && <p className="mt-4 max-w-sm rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{formError}</p>}
        <div className="mt-5">
          <Button type="submit" variant="primary" pending={formState.isSubmitting}>
            {formState.isSubmitting ? "Changing…" : "Change password"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
