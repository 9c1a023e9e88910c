// The process-wide outbound guard, configured by SWITCHBOARD_OUTBOUND_ALLOW.
import { config } from "@/lib/env";
import { createOutboundGuard, parseOutboundAllowList, type OutboundGuard } from "./ssrf";

let guard: OutboundGuard | undefined;

export function outboundGuard(): OutboundGuard {
  guard ??= createOutboundGuard(parseOutboundAllowList(config().outboundAllow));
  return guard;
}
