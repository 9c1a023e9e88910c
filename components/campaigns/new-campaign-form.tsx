"use client";
// The new-campaign form's first step: a name, the connector and sender, the default country for national numbers,
// and the audience CSV (dropped or chosen). Uploading it creates a draft and opens its second step, where the
// message is written. The file goes to the REST API with upload progress (see upload-audience.ts); a refused file
// says why, and when the server finds no phone column the form offers the file's own columns to pick from.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { campaignFieldsSchema } from "@/lib/campaigns/schema";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Card, FormSection } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { describedBy, Field, FieldError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import type { CountryOption } from "./countries";
import { readFileHeader } from "./csv-header";
import { campaignHref } from "./routes";
import { uploadAudience } from "./upload-audience";

export interface ConnectorChoice {
  id: string;
  name: string;
  senders: Array<{ name: string; default: boolean }>;
}

const stepOneSchema = campaignFieldsSchema.pick({ name: true, connectorId: true, sender: true, defaultCountry: true, phoneColumn: true });
type StepOneInput = z.input<typeof stepOneSchema>;
type StepOneValues = z.output<typeof stepOneSchema>;
const FIELDS = ["name", "connectorId", "sender", "defaultCountry", "phoneColumn"] as const;

type Upload = { phase: "idle" } | { phase: "uploading"; loaded: number; total: number } | { phase: "reading" };

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, "KB"] : [bytes / (1024 * 1024), "MB"];
  return `${value.toFixed(1).replace(/\.0$/, "")} ${unit}`;
}

export function NewCampaignForm({ connectors, countries, maxFileBytes }: { connectors: ConnectorChoice[]; countries: CountryOption[]; maxFileBytes: number }) {
  const router = useRouter();
  const toast = useToast();
  const form = useForm<StepOneInput, unknown, StepOneValues>({
    resolver: zodResolver(stepOneSchema),
    defaultValues: { name: "", connectorId: connectors.length === 1 ? connectors[0].id : "", sender: "", defaultCountry: "", phoneColumn: "" },
  });
  const { register, handleSubmit, formState, setValue, getValues, setFocus } = form;
  const connectorId = useWatch({ control: form.control, name: "connectorId" });
  const connector = connectors.find((c) => c.id === connectorId);

  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<string[] | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [upload, setUpload] = useState<Upload>({ phase: "idle" });
  const [banner, setBanner] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const aborter = useRef<AbortController | null>(null);
  const busy = upload.phase !== "idle";

  // Fields are disabled while uploading: what needs the focus after a refusal gets it once they are enabled again.
  const [focusAfter, setFocusAfter] = useState<(typeof FIELDS)[number] | "file" | null>(null);
  useEffect(() => {
    if (upload.phase !== "idle" || !focusAfter) return;
    if (focusAfter === "file") fileInput.current?.focus();
    else setFocus(focusAfter);
    setFocusAfter(null);
  }, [upload.phase, focusAfter, setFocus]);

  // A different connector has different senders: back to its default.
  useEffect(() => setValue("sender", ""), [connectorId, setValue]);

  async function choose(chosen: File | undefined | null) {
    setFileError(null);
    setBanner(null);
    if (!chosen) return;
    if (!/\.(csv|txt)$/i.test(chosen.name) && !/csv|text\/plain/.test(chosen.type)) {
      setFileError(`${chosen.name} is not a CSV file: save the audience as "CSV UTF-8" and choose it again`);
      return;
    }
    if (chosen.size > maxFileBytes) {
      setFileError(`${chosen.name} is ${formatSize(chosen.size)}: the largest audience file is ${formatSize(maxFileBytes)}`);
      return;
    }
    setFile(chosen);
    setValue("phoneColumn", "");
    form.clearErrors("phoneColumn");
    setColumns(await readFileHeader(chosen));
    if (!getValues("name").trim()) setValue("name", chosen.name.replace(/\.(csv|txt)$/i, "").replace(/[_-]+/g, " ").trim().slice(0, 120));
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (!busy) void choose(event.dataTransfer.files[0]);
  }

  async function send(values: StepOneValues) {
    setBanner(null);
    if (!file) {
      setFileError("Choose the CSV file of your audience");
      fileInput.current?.focus();
      return;
    }
    aborter.current = new AbortController();
    setUpload({ phase: "uploading", loaded: 0, total: file.size });
    try {
      const result = await uploadAudience({ ...values, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }, file, {
        signal: aborter.current.signal,
        onProgress: (loaded, total) => setUpload({ phase: "uploading", loaded, total }),
        onUploaded: () => setUpload({ phase: "reading" }),
      });
      if (result.ok) {
        toast(`Audience uploaded: ${result.campaign.audience.valid.toLocaleString("en-GB")} recipients`);
        router.push(campaignHref(result.campaign.id));
        return;
      }
      setUpload({ phase: "idle" });
      const { placed, unplaced } = applyServerErrors(form, result.error, { fields: (field) => FIELDS.find((name) => name === field) ?? null });
      const placedOnPhone = result.error.details?.some((issue) => issue.field === "phoneColumn");
      if (placedOnPhone && !columns) {
        // The file's header could not be read here: the server's words (they name the columns) go under the file.
        setFileError(result.error.message);
      } else if (unplaced.length || !result.error.details?.length) {
        const message = unplaced.length ? unplaced.map((issue) => issue.message).join(" · ") : result.error.message;
        if (result.status === 422 || result.status === 413) setFileError(`The file was refused: ${message}`);
        else setBanner(message);
      }
      const first = placed.find((field) => field !== "phoneColumn" || columns);
      setFocusAfter((first as (typeof FIELDS)[number] | undefined) ?? "file");
    } catch {
      // Cancelled by the user.
      setUpload({ phase: "idle" });
    }
  }

  const onSubmit = handleSubmit(send, () => {
    // The fields' own mistakes show under them; a missing file is said at the same time.
    if (!file) setFileError("Choose the CSV file of your audience");
  });

  const nameError = formState.errors.name?.message;
  const connectorError = formState.errors.connectorId?.message;
  const phoneError = formState.errors.phoneColumn?.message;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="New campaign">
      <Card>
        <FormSection id="campaign-basics" title="Campaign" description="What the campaign is called and how it sends.">
          <div className="grid gap-5 md:grid-cols-2">
            <Field id="campaign-name" label="Campaign name" error={nameError} className="md:col-span-2">
              <Input id="campaign-name" {...register("name")} disabled={busy} aria-invalid={!!nameError || undefined} aria-describedby={describedBy("campaign-name", { error: nameError })} />
            </Field>
            <Field id="campaign-connector" label="Connector" error={connectorError}>
              <Select
                id="campaign-connector"
                {...register("connectorId")}
                disabled={busy}
                aria-invalid={!!connectorError || undefined}
                aria-describedby={describedBy("campaign-connector", { error: connectorError })}
              >
                <option value="">Choose a connector…</option>
                {connectors.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="campaign-sender" label="Sender" hint="Can be changed with the message, in the next step." error={formState.errors.sender?.message}>
              <Select id="campaign-sender" {...register("sender")} disabled={busy || !connector} aria-describedby={describedBy("campaign-sender", { hint: true, error: formState.errors.sender?.message })}>
                {!connector && <option value="">Choose a connector first</option>}
                {connector?.senders.map((sender) => (
                  <option key={sender.name} value={sender.default ? "" : sender.name}>
                    {sender.name}
                    {sender.default ? " (default)" : ""}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              id="campaign-country"
              label="Default country"
              optional
              hint="Numbers written without a country code (070 123 45 67) are read as this country's. Without it, every number needs its +code."
              error={formState.errors.defaultCountry?.message}
              className="md:col-span-2"
            >
              <Select id="campaign-country" {...register("defaultCountry")} disabled={busy} aria-describedby={describedBy("campaign-country", { hint: true, error: formState.errors.defaultCountry?.message })} className="md:w-1/2">
                <option value="">None: every number has its country code</option>
                {countries.map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.label}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        </FormSection>

        <FormSection
          id="campaign-audience"
          title="Audience"
          description="A CSV file (UTF-8, comma or semicolon separated) with a header row: one column of phone numbers, and any other columns you want to use in the message, such as first_name."
        >
          <div>
            <label htmlFor="audience-file" className="mb-1.5 block text-sm font-medium text-slate-800">
              Audience CSV
            </label>
            <div
              onDragOver={(event) => {
                event.preventDefault();
                if (!busy) setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
              onClick={(event) => {
                if (!busy && event.target === event.currentTarget) fileInput.current?.click();
              }}
              data-testid="audience-drop-zone"
              className={cx(
                "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center text-sm transition-colors",
                "has-[input:focus-visible]:border-indigo-500 has-[input:focus-visible]:ring-2 has-[input:focus-visible]:ring-indigo-500/20",
                dragging ? "border-indigo-500 bg-indigo-50" : fileError ? "border-red-300 bg-red-50/40" : "border-slate-300 bg-slate-50/60",
                !busy && "cursor-pointer",
              )}
            >
              <input
                ref={fileInput}
                id="audience-file"
                type="file"
                accept=".csv,text/csv,text/plain"
                className="sr-only"
                disabled={busy}
                aria-invalid={!!fileError || undefined}
                aria-describedby={fileError ? "audience-file-error" : "audience-file-hint"}
                onChange={(event) => {
                  void choose(event.target.files?.[0]);
                  event.target.value = "";
                }}
              />
              <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" className="pointer-events-none size-8 text-slate-400">
                <path strokeLinecap="round" strokeLinejoin="round" d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
              </svg>
              {file ? (
                <p className="pointer-events-none text-slate-800" data-testid="chosen-file">
                  <span className="font-medium">{file.name}</span> <span className="text-slate-500">· {formatSize(file.size)}</span>
                </p>
              ) : (
                <p className="pointer-events-none text-slate-700">Drop the CSV file here</p>
              )}
              <Button size="sm" disabled={busy} onClick={() => fileInput.current?.click()} tabIndex={-1} aria-hidden="true">
                {file ? "Choose another file" : "Choose a file"}
              </Button>
              <p id="audience-file-hint" className="pointer-events-none text-xs text-slate-500">
                Up to {formatSize(maxFileBytes)}. Invalid rows, duplicates and suppressed numbers are counted and left out.
              </p>
            </div>
            <FieldError id="audience-file-error" message={fileError} />
          </div>

          {columns && (
            <Field
              id="campaign-phone-column"
              label="Phone column"
              optional
              hint="Left on automatic, the column named phone, mobile, msisdn or to (or similar) is used. Every other column can go into the message."
              error={phoneError}
              className="mt-5 md:w-1/2"
            >
              <Select
                id="campaign-phone-column"
                {...register("phoneColumn")}
                disabled={busy}
                aria-invalid={!!phoneError || undefined}
                aria-describedby={describedBy("campaign-phone-column", { hint: true, error: phoneError })}
              >
                <option value="">Automatic: detect it from the column names</option>
                {columns.map((column) => (
                  <option key={column} value={column}>
                    {column}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </FormSection>

        {upload.phase !== "idle" && (
          <div className="border-t border-slate-100 px-6 py-4">
            {/* Announced once per phase; the percentage is read from the progress element when asked, not on every tick. */}
            <p role="status" className="sr-only">
              {upload.phase === "uploading" ? `Uploading ${file?.name ?? "the file"}` : "Upload complete. Reading the audience."}
            </p>
            {upload.phase === "uploading" ? (
              <>
                <div className="mb-1.5 flex items-center justify-between gap-3 text-sm text-slate-700">
                  <span aria-hidden="true">
                    Uploading {file?.name} — {Math.round((upload.loaded / Math.max(upload.total, 1)) * 100)}%
                  </span>
                  <span aria-hidden="true" className="text-xs text-slate-500 tabular-nums">
                    {formatSize(upload.loaded)} of {formatSize(upload.total)}
                  </span>
                </div>
                <progress className="sr-only" value={upload.loaded} max={upload.total} aria-label="Upload progress" aria-valuetext={`${formatSize(upload.loaded)} of ${formatSize(upload.total)}`} />
                <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-slate-100">
                  <div className="h-full rounded-full bg-indigo-500 transition-[width]" style={{ width: `${(upload.loaded / Math.max(upload.total, 1)) * 100}%` }} />
                </div>
              </>
            ) : (
              <p aria-hidden="true" className="flex items-center gap-2 text-sm text-slate-700">
                <Spinner className="text-indigo-600" /> Reading the audience: checking every number, duplicates and suppressed recipients…
              </p>
            )}
          </div>
        )}

        {banner && (
          <p role="alert" className="border-t border-red-100 bg-red-50 px-6 py-2.5 text-sm text-red-700">
            {banner}
          </p>
        )}

        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 bg-slate-50/60 px-6 py-3">
          {upload.phase === "uploading" && <Button onClick={() => aborter.current?.abort()}>Cancel upload</Button>}
          <Button type="submit" variant="primary" pending={busy}>
            {busy ? "Uploading…" : "Upload audience and continue"}
          </Button>
        </div>
      </Card>
    </form>
  );
}
