// Kaleyra SMS: the preset, the form's fields and the mark, as one native provider.
import { baseUrlField, defineFields, deliveryReportField } from "../fields";
import { defineProvider } from "../types";
import { kaleyraPreset, type KaleyraSettings } from "./preset";

export const kaleyraFields = defineFields<KaleyraSettings>([
    {
      name: "region",
      control: "select",
      label: "Region",
      options: [
        { value: "default", label: "Global (api.kaleyra.io)" },
        { value: "in", label: "India (api.in.kaleyra.io)" },
        { value: "eu", label: "Europe (api.eu.kaleyra.io)" },
      ],
    },
    { name: "sid", control: "text", label: "SID", hint: "Kaleyra console → Developers → API keys.", mono: true },
    { name: "apiKey", control: "secret", label: "API key", hint: "Sent in the api-key header." },
    {
      name: "messageType",
      control: "select",
      label: "Message type",
      options: [
        { value: "DEFAULT", label: "Default (DEFAULT)" },
        { value: "MKT", label: "Promotional (MKT)" },
        { value: "TXN", label: "Transactional (TXN)" },
        { value: "OTP", label: "One-time password (OTP)" },
      ],
    },
    { name: "templateId", control: "text", label: "Template ID", hint: "DLT template (India). A campaign's own template ID wins.", optional: true, mono: true },
    {
      name: "bodyFormat",
      control: "select",
      label: "Request body",
      options: [
        { value: "form", label: "Form-encoded, callback as a JSON string", hint: "As in Kaleyra's documentation samples." },
        { value: "json", label: "JSON, callback as an object" },
      ],
    },
    baseUrlField<KaleyraSettings>("Empty: the region's URL.", "https://api.kaleyra.io"),
    { name: "idPath", control: "text", label: "Message id path", hint: "Where the send reply carries the message id (some accounts answer data[0].id).", mono: true },
    deliveryReportField<KaleyraSettings>(),
]);

export const kaleyra = defineProvider({
  preset: kaleyraPreset,
  fields: kaleyraFields,
  mark: { text: "Ka", background: "#5B2BE0", foreground: "#ffffff" },
  emulation: () => import("./emulation"),
});
