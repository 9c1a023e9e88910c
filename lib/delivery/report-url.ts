// The delivery-report URL of a connector: where providers send reports. Built from the one configured base
// URL, so the URL shown in the UI, returned by the API and sent to providers is always the same.
import { config } from "@/lib/env";

export function deliveryReportPath(kind: string, publicId: string): string {
  return kind === "custom" ? `/sms/dlr/custom/${publicId}` : `/sms/dlr/${kind}/${publicId}`;
}

export function deliveryReportUrl(kind: string, publicId: string): string {
  return `${config().publicBaseUrl}${deliveryReportPath(kind, publicId)}`;
}
