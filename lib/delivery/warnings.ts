// Why a connector's delivery reports cannot match its messages as configured — said on the delivery-tracking
// screen and in the API's read of the connector, instead of reports waiting for ever without a word.
// Pure: the mapping form runs it on its unsaved values too.
import type { ConnectorRequest, DeliveryTracking, SentIdMapping, TrackingWarning } from "@/lib/connectors/schema";
import { matchByOf } from "./mapping";

export interface WarningInput {
  request: ConnectorRequest;
  response: { sentId: SentIdMapping | null };
  deliveryTracking: Pick<DeliveryTracking, "matchBy">;
}

const MESSAGE_ID_PLACEHOLDER = /\{\{-?\s*message_id\b/;

export function trackingWarnings({ request, response, deliveryTracking }: WarningInput): TrackingWarning[] {
  if (matchByOf(deliveryTracking) === "provider-id") {
    if (response.sentId) return [];
    return [
      {
        code: "no-sent-id",
        message:
          "Delivery reports can never match a message: they are matched by the provider's message id, but the connector takes no id from the send response. " +
          "Map the id under Sent-response mapping, or — when the provider echoes a reference of yours — send {{message_id}} and match reports by Switchboard's message id.",
      },
    ];
  }
  if (sendsMessageId(request)) return [];
  return [
    {
      code: "no-message-id-sent",
      message:
        "Delivery reports are matched by Switchboard's message id, but no part of the request sends {{message_id}}: the provider cannot echo an id it never received.",
    },
  ];
}

function sendsMessageId(request: ConnectorRequest): boolean {
  const body = request.body;
  const values = [
    request.url,
    ...request.params.map((row) => row.value),
    ...request.headers.map((row) => row.value),
    ...(body.type === "form" || body.type === "json" ? body.fields.map((row) => row.value) : body.type === "raw" ? [body.content] : []),
  ];
  return values.some((value) => MESSAGE_ID_PLACEHOLDER.test(value));
}
