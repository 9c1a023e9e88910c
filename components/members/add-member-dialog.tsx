"use client";
// Add a member by email; a new account's temporary password is shown here once and never again.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { addMemberAction } from "@/server/actions/members";
import { addMemberInputSchema, type AddMemberInput } from "@/lib/accounts/member-input";
import { ROLES, type Role } from "@/lib/accounts/permissions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { applyServerErrors } from "@/components/forms/server-errors";
import type { MemberRow } from "@/lib/accounts/member-row";
import { ROLE_HINT } from "./role-hints";
import { TemporaryPassword } from "./temporary-password";

const FORM_ID = "add-member-form";
const FIELDS = ["email", "name", "role"] as const;

export function AddMemberDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const [added, setAdded] = useState<{ email: string; role: Role; temporaryPassword: string | null } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AddMemberInput>({
    resolver: zodResolver(addMemberInputSchema),
    defaultValues: { email: "", name: "", role: "viewer" },
  });
  const { register, handleSubmit, reset, formState, control } = form;
  const role = useWatch({ control, name: "role" });
  const errors = formState.errors;

  const close = () => {
    setAdded(null);
    setFormError(null);
    reset();
    onClose();
  };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await addMemberAction(values);
    if (!result.ok) {
      const { placed } = applyServerErrors(form, result.error, { fields: FIELDS });
      if (placed.length === 0) setFormError(result.error.message);
      return;
    }
    setAdded(result.data);
    onAdded();
  });

  if (added) {
    const { email, role: addedRole, temporaryPassword } = added;
    return (
      <Dialog
        open={open}
        onClose={close}
        // The password exists nowhere else: only the explicit button closes the dialog.
        dismissible={!temporaryPassword}
        title={`${email} added as ${addedRole}`}
        description={
          temporaryPassword
            ? "A new account was created. Give them this temporary password and ask them to change it under Account after logging in."
            : "Added. If this person already has an account, they log in with their own password."
        }
        footer={
          <Button variant="primary" onClick={close}>
            {temporaryPassword ? "I have copied the password" : "Done"}
          </Button>
        }
      >
        {temporaryPassword && <TemporaryPassword password={temporaryPassword} />}
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!formState.isSubmitting}
      title="Add a member"
      description="Someone without an account gets one with a temporary password; someone who already has one keeps their own."
      footer={
        <>
          <Button onClick={close} disabled={formState.isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} variant="primary" pending={formState.isSubmitting}>
            {formState.isSubmitting ? "Adding…" : "Add member"}
          </Button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={onSubmit} noValidate aria-label="Add member" className="space-y-4">
        <Field id="member-email" label="Email" error={errors.email?.message}>
          <Input
            id="member-email"
            type="email"
            {...register("email")}
            placeholder="name@example.com"
            autoComplete="off"
            autoFocus
            aria-invalid={!!errors.email || undefined}
            aria-describedby={describedBy("member-email", { error: errors.email })}
          />
        </Field>
        <Field id="member-name" label="Name" optional error={errors.name?.message}>
          <Input
            id="member-name"
            {...register("name")}
            autoComplete="off"
            aria-invalid={!!errors.name || undefined}
            aria-describedby={describedBy("member-name", { error: errors.name })}
          />
        </Field>
        <Field id="member-role" label="Role" error={errors.role?.message} hint={ROLE_HINT[role]} className="w-56">
          <Select id="member-role" {...register("role")} aria-describedby={describedBy("member-role", { error: errors.role, hint: true })}>
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {option[0].toUpperCase() + option.slice(1)}
              </option>
            ))}
          </Select>
        </Field>
        {formError && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{formError}</p>}
      </form>
    </Dialog>
  );
}
