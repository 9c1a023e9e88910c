// The process-wide outbound guard, configured by SWITCHBOARD_OUTBOUND_ALLOW.
import { createOutboundGuard, parseOutboundAllowList, type OutboundGuard } from "./ssrf";

let guard: OutboundGuard | undefined;

export function outboundGuard(): OutboundGuard {
  guard ??= createOutboundGuard(parseOutboundAllowList(process.env.SWITCHBOARD_OUTBOUND_ALLOW));
  return guard;
}
