// The connector most e2e specs send through: JSON to the fake provider's /json/send with the delivery-report URL in
// the body, the provider's id read from its reply, and the mapping that reads the fake's delivery reports.

interface FakeConnectorOptions {
  name?: string;
  senders?: Array<{ name: string; type: "transactional" | "promotional"; default?: boolean }>;
  /** More of `request` (params, headers). */
  request?: Record<string, unknown>;
  /** More top-level fields (throughputPerSecond, …). */
  extra?: Record<string, unknown>;
}

/** The body of `POST /api/v1/connectors` for a connector sending to the fake provider at `providerUrl`. */
export function fakeJsonConnector(providerUrl: string, options: FakeConnectorOptions = {}) {
  return {
    name: options.name ?? "Fake SMS",
    senders: options.senders ?? [
      { name: "ACME", type: "transactional", default: true },
      { name: "PROMO", type: "promotional" },
    ],
    request: {
      method: "POST",
      url: `${providerUrl}/json/send`,
      ...options.request,
      body: {
        type: "json",
        fields: [
          { key: "to", value: "{{destination}}" },
          { key: "text", value: "{{message}}" },
          { key: "callback_url", value: "{{dlr_url}}" },
        ],
      },
    },
    response: { sentId: { from: "json", path: "data.messages[0].id" } },
    deliveryTracking: { messageIdField: "messageId", statusField: "status", successValues: ["delivered"], failureReasonField: "reason" },
    ...options.extra,
  };
}
