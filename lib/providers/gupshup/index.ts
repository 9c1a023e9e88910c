// Gupshup Enterprise SMS: the preset, the form's fields and the mark, as one native provider.
import { baseUrlField, defineFields } from "../fields";
import { defineProvider } from "../types";
import { gupshupPreset, type GupshupSettings } from "./preset";

export const gupshupFields = defineFields<GupshupSettings>([
    { name: "userId", control: "text", label: "User ID", hint: "Your Gupshup Enterprise account's user id.", mono: true },
    { name: "password", control: "secret", label: "Password", hint: "The account's API password." },
    {
      name: "messageType",
      control: "select",
      label: "Message type (msg_type)",
      options: [
        { value: "auto", label: "Follow the text (TEXT or Unicode_Text)", hint: "Unicode_Text when the message needs UCS-2 (emoji, most non-Latin scripts), TEXT otherwise." },
        { value: "TEXT", label: "Always TEXT" },
        { value: "Unicode_Text", label: "Always Unicode_Text" },
      ],
    },
    { name: "dltTemplateId", control: "text", label: "DLT template ID", hint: "India: the registered template. A campaign's own template ID wins.", optional: true, mono: true },
    { name: "principalEntityId", control: "text", label: "Principal entity ID", hint: "India: your DLT entity ID.", optional: true, mono: true },
    {
      name: "method",
      control: "select",
      label: "Request method",
      hint: "POST sends the fields, password included, as a form body; GET puts them in the URL, where proxies and logs keep them.",
      options: [
        { value: "POST", label: "POST (form body)" },
        { value: "GET", label: "GET (URL parameters)" },
      ],
    },
    {
      name: "unknownStatus",
      control: "select",
      label: "UNKNOWN status counts as",
      hint: "Gupshup reports UNKNOWN when the operator never confirmed the message.",
      options: [
        { value: "failure", label: "Not delivered" },
        { value: "pending", label: "Pending (leave the message as sent)" },
      ],
    },
    baseUrlField<GupshupSettings>("Leave as https://enterprise.smsgupshup.com unless you send through a proxy or a test double.", "https://enterprise.smsgupshup.com"),
]);

export const gupshup = defineProvider({
  preset: gupshupPreset,
  fields: gupshupFields,
  mark: { text: "Gu", background: "#2C9F45", foreground: "#ffffff" },
  emulation: () => import("./emulation"),
});
