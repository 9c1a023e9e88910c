// Structured logs (pino). Never log secret values or full request bodies from providers at info level.
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "switchboard" },
  redact: { paths: ["*.password", "*.authorization", "*.apiKey", "*.secret", "headers.authorization"], censor: "[redacted]" },
});
