// ICS Mobile: the preset, the form's fields and the mark, as one native provider.
import { baseUrlField, defineFields, deliveryReportField } from "../fields";
import { defineProvider } from "../types";
import { icsMobilePreset, type IcsMobileSettings } from "./preset";

export const icsMobileFields = defineFields<IcsMobileSettings>([
    baseUrlField<IcsMobileSettings>("Ask ICS Mobile for it: there is no public default.", undefined, false),
    { name: "token", control: "secret", label: "Bearer token", hint: "Sent as Authorization: Bearer …" },
    { name: "username", control: "text", label: "Username", mono: true },
    { name: "password", control: "secret", label: "Password" },
    { name: "type", control: "select", label: "Type" },
    { name: "path", control: "text", label: "Endpoint path", hint: "Appended to the base URL.", placeholder: "/ics/v1/messages", mono: true },
    {
      name: "numberFormat",
      control: "select",
      label: "Recipient format",
      options: [
        { value: "e164", label: "E.164 with + (+15551234567)" },
        { value: "digits", label: "Digits only (15551234567)" },
      ],
    },
    {
      name: "fields",
      control: "group",
      label: "Request field names",
      hint: "The JSON body's field names; a path such as message.text builds a nested object.",
      fields: [
        { name: "fields.username", control: "text", label: "Username field", mono: true },
        { name: "fields.password", control: "text", label: "Password field", mono: true },
        { name: "fields.type", control: "text", label: "Type field", mono: true },
        { name: "fields.sender", control: "text", label: "Sender field", mono: true },
        { name: "fields.to", control: "text", label: "Recipient field", mono: true },
        { name: "fields.message", control: "text", label: "Message field", mono: true },
        { name: "fields.callbackUrl", control: "text", label: "Callback URL field", mono: true },
      ],
    },
    { name: "idPath", control: "text", label: "Message id path", hint: "Where the send reply carries the message id.", mono: true },
    { name: "acceptedPath", control: "text", label: "Accepted status path", hint: "Empty: any 2xx reply counts as accepted.", optional: true, mono: true },
    { name: "acceptedValues", control: "list", label: "Accepted values", noun: "accepted value", placeholder: "Add a value", hint: "Values at the accepted status path that mean the send was accepted." },
    deliveryReportField<IcsMobileSettings>(),
]);

export const icsMobile = defineProvider({
  preset: icsMobilePreset,
  fields: icsMobileFields,
  mark: { text: "IC", background: "#0E7490", foreground: "#ffffff" },
  emulation: () => import("./emulation"),
});
