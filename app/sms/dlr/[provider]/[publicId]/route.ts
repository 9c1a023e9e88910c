// Delivery reports for native connectors (/sms/dlr/twilio/…, /sms/dlr/sinch/…): the provider's own formats,
// and its own signature where it has one (Twilio's X-Twilio-Signature).
import type { NextRequest } from "next/server";
import { isNativeKind } from "@/lib/providers/registry";
import { handleDeliveryCallback } from "@/server/delivery-route";

type Segment = { params: Promise<{ provider: string; publicId: string }> };

async function handle(request: NextRequest, { params }: Segment) {
  const { provider, publicId } = await params;
  if (!isNativeKind(provider)) return Response.json({ error: { code: "not_found", message: "Unknown delivery-report URL" } }, { status: 404 });
  return handleDeliveryCallback(request, provider, publicId);
}

export { handle as GET, handle as POST, handle as PUT };
