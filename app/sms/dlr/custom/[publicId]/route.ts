// Delivery reports for custom connectors: whatever the provider sends, by GET or POST.
import type { NextRequest } from "next/server";
import { handleDeliveryCallback } from "@/server/delivery-route";

type Segment = { params: Promise<{ publicId: string }> };

async function handle(request: NextRequest, { params }: Segment) {
  return handleDeliveryCallback(request, "custom", (await params).publicId);
}

export { handle as GET, handle as POST, handle as PUT };
