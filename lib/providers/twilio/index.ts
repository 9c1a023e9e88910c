// Twilio Programmable Messaging: the preset, the form's fields and the mark, as one native provider.
import { baseUrlField, defineFields } from "../fields";
import { defineProvider } from "../types";
import { twilioPreset, type TwilioSettings } from "./preset";

export const twilioFields = defineFields<TwilioSettings>([
    { name: "accountSid", control: "text", label: "Account SID", hint: "Twilio Console → Account info. AC followed by 32 letters and digits.", placeholder: "AC…", mono: true },
    {
      name: "authMethod",
      control: "select",
      label: "Authenticate with",
      options: [
        { value: "auth_token", label: "Auth token", hint: "Basic auth with the Account SID and auth token." },
        { value: "api_key", label: "API key (recommended by Twilio)", hint: "Basic auth with an API key SID and secret; the Account SID stays in the URL. Revocable without touching the account." },
      ],
    },
    {
      name: "apiKeySid",
      control: "text",
      label: "API key SID",
      hint: "Twilio Console → Account → API keys & tokens. SK followed by 32 letters and digits.",
      placeholder: "SK…",
      mono: true,
      showWhen: { field: "authMethod", equals: "api_key" },
    },
    { name: "apiKeySecret", control: "secret", label: "API key secret", hint: "Shown once when the key is created.", showWhen: { field: "authMethod", equals: "api_key" } },
    {
      name: "authToken",
      control: "secret",
      label: "Auth token",
      hint: "Sends the messages (with the auth token method) and verifies the signature of Twilio's status callbacks. With an API key it is optional, but without it callbacks are not verified.",
      optionalWhen: { field: "authMethod", equals: "api_key" },
    },
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
