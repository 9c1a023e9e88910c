"use client";
// "New connector from a template": the connector's name, its sender and the template's own values (credentials,
// base URL). Creates the connector with a server action and opens its screen, where everything stays editable.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { templateConnectorInputSchema, type TemplateConnectorInput } from "@/lib/connectors/templates/template-input";
import type { ConnectorTemplate } from "@/lib/connectors/templates/template-schema";
import { SENDER_TYPES } from "@/lib/connectors/schema";
import { createConnectorFromTemplateAction } from "@/server/actions/connector-templates";
import { applyServerErrors, issueText } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Card, FormSection } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

const connectorHref = (id: string) => `/settings/channel/sms?connector=${encodeURIComponent(id)}`;

export function TemplateConnectorForm({ template, defaultName }: { template: Pick<ConnectorTemplate, "id" | "name" | "inputs">; defaultName: string }) {
  const router = useRouter();
  const toast = useToast();
  const [banner, setBanner] = useState<string[] | null>(null);
  const form = useForm<TemplateConnectorInput>({
    resolver: zodResolver(templateConnectorInputSchema),
    defaultValues: {
      name: defaultName,
      sender: { name: "", type: "transactional" },
      inputs: Object.fromEntries(template.inputs.map((input) => [input.key, input.default ?? ""])),
    },
  });
  const { register, handleSubmit, formState } = form;
  const errors = formState.errors;
  const inputKeys = new Set(template.inputs.map((input) => `inputs.${input.key}`));
  const place = (field: string): FieldPath<TemplateConnectorInput> | null =>
    field === "name" || field === "sender.name" || field === "sender.type" || inputKeys.has(field) ? (field as FieldPath<TemplateConnectorInput>) : null;

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    const result = await createConnectorFromTemplateAction(template.id, values);
    if (!result.ok) {
      const { unplaced } = applyServerErrors(form, result.error, { fields: place });
      if (unplaced.length || !result.error.details?.length) setBanner([result.error.message, ...unplaced.map(issueText)].filter((line, index, all) => all.indexOf(line) === index));
      return;
    }
    toast(`Created “${result.data.name}” from the ${template.name} template`);
    router.push(connectorHref(result.data.id));
  });

  const inputError = (key: string) => (errors.inputs as Record<string, { message?: string } | undefined> | undefined)?.[key]?.message;

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label={`New connector from the ${template.name} template`}>
        <FormSection title="Your connector" id="template-connector">
          <div className="grid max-w-3xl gap-4 sm:grid-cols-2">
            <Field id="template-name" label="Connector name" error={errors.name?.message} className="sm:col-span-2">
              <Input id="template-name" {...register("name")} autoComplete="off" aria-invalid={!!errors.name || undefined} aria-describedby={describedBy("template-name", { error: errors.name })} />
            </Field>
            <Field id="template-sender" label="Sender" hint="The sender id or number messages go out as." error={errors.sender?.name?.message}>
              <Input id="template-sender" {...register("sender.name")} autoComplete="off" aria-invalid={!!errors.sender?.name || undefined} aria-describedby={describedBy("template-sender", { hint: true, error: errors.sender?.name })} />
            </Field>
            <Field id="template-sender-type" label="Sender type" error={errors.sender?.type?.message}>
              <Select id="template-sender-type" {...register("sender.type")}>
                {SENDER_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {type === "transactional" ? "Transactional" : "Promotional"}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        </FormSection>
        <FormSection title={`Your ${template.name} account`} id="template-inputs" description="Secret values are encrypted when the connector is saved and never shown again.">
          <div className="grid max-w-3xl gap-4 sm:grid-cols-2">
            {template.inputs.map((input) => {
              const id = `template-input-${input.key}`;
              const error = inputError(input.key);
              return (
                <Field key={input.key} id={id} label={input.label} hint={input.hint} error={error} optional={input.default !== undefined}>
                  <Input
                    id={id}
                    type={input.secret ? "password" : input.kind === "url" ? "url" : "text"}
                    {...register(`inputs.${input.key}`)}
                    placeholder={input.placeholder}
                    autoComplete={input.secret ? "new-password" : "off"}
                    spellCheck={false}
                    className="font-mono text-[13px]"
                    aria-invalid={!!error || undefined}
                    aria-describedby={describedBy(id, { hint: input.hint, error })}
                  />
                </Field>
              );
            })}
          </div>
        </FormSection>
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-6 py-4">
          {banner ? (
            <div role="alert" className="text-sm text-red-700" data-testid="template-error">
              {banner.map((line) => (
                <p key={line}>{line}</p>
              ))}
            </div>
          ) : (
            <p className="text-sm text-slate-500">The delivery-report mapping comes with it: send a test SMS on the next screen.</p>
          )}
          <Button type="submit" variant="primary" pending={formState.isSubmitting}>
            Create connector
          </Button>
        </div>
      </form>
    </Card>
  );
}
