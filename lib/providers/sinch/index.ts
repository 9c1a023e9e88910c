// Sinch SMS (XMS REST API): the preset, the form's fields and the mark, as one native provider.
import { baseUrlField, defineFields } from "../fields";
import { defineProvider } from "../types";
import { sinchPreset, type SinchSettings } from "./preset";

export const sinchFields = defineFields<SinchSettings>([
    {
      name: "region",
      control: "select",
      label: "Region",
      hint: "Where your service plan lives (Sinch dashboard → SMS → APIs).",
      options: [
        { value: "us", label: "United States (us)" },
        { value: "eu", label: "Europe (eu)" },
        { value: "au", label: "Australia (au)" },
        { value: "br", label: "Brazil (br)" },
        { value: "ca", label: "Canada (ca)" },
      ],
    },
    { name: "servicePlanId", control: "text", label: "Service plan ID", hint: "Sinch dashboard → SMS → APIs.", mono: true },
    { name: "apiToken", control: "secret", label: "API token", hint: "Sent as a Bearer token." },
    baseUrlField<SinchSettings>("Empty: the region's URL, https://<region>.sms.api.sinch.com.", "https://<region>.sms.api.sinch.com"),
]);

export const sinch = defineProvider({
  preset: sinchPreset,
  fields: sinchFields,
  mark: { text: "Si", background: "#FFBE3C", foreground: "#0f172a" },
  emulation: () => import("./emulation"),
});
