// Structured logs (pino). Never log secret values or full request bodies from providers at info level.
import pino from "pino";
import { config } from "./env";

export const logger = pino({
  level: config().logLevel,
  base: { service: "switchboard" },
  redact: { paths: ["*.password", "*.authorization", "*.apiKey", "*.secret", "headers.authorization"], censor: "[redacted]" },
});
