/** The providers Switchboard ships native connectors for (DESIGN: Twilio, Sinch, Gupshup, Kaleyra, ICS Mobile). */
export const NATIVE_CONNECTORS = [
  { id: "twilio", name: "Twilio" },
  { id: "sinch", name: "Sinch" },
  { id: "gupshup", name: "Gupshup" },
  { id: "kaleyra", name: "Kaleyra" },
  { id: "ics-mobile", name: "ICS Mobile" },
] as const;
