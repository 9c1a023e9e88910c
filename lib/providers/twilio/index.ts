// Twilio Programmable Messaging: the preset, the form's fields and the mark, as one native provider.
import { baseUrlField, defineFields } from "../fields";
import { defineProvider } from "../types";
import { twilioPreset, type TwilioSettings } from "./preset";

export const twilioFields = defineFields<TwilioSettings>([
    { name: "accountSid", control: "text", label: "Account SID", hint: "Twilio Console → Account info. AC followed by 32 letters and digits.", placeholder: "AC…", mono: true },
    { name: "authToken", control: "secret", label: "Auth token", hint: "Sends the messages and verifies the signature of Twilio's status callbacks." },
    { name: "senderType", control: "select", label: "Sender type" },
    {
      name: "messagingServiceSid",
      control: "text",
      label: "Messaging Service SID",
      hint: "Twilio Console → Messaging → Services. Twilio picks the sending number from the service.",
      placeholder: "MG…",
      mono: true,
      showWhen: { field: "senderType", equals: "messaging_service" },
    },
    baseUrlField<TwilioSettings>("Leave as https://api.twilio.com unless you send through a proxy or a test double.", "https://api.twilio.com"),
]);

export const twilio = defineProvider({
  preset: twilioPreset,
  fields: twilioFields,
  mark: { text: "Tw", background: "#F22F46", foreground: "#ffffff" },
  emulation: () => import("./emulation"),
});
