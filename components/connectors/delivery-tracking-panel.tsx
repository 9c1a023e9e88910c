import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";

/** The saved connector's delivery-report URL, to paste into the provider's dashboard. */
export function DeliveryTrackingPanel({ url }: { url: string }) {
  return (
    <Card aria-labelledby="delivery-tracking-heading">
      <div className="px-6 py-5">
        <h2 id="delivery-tracking-heading" className="text-base font-semibold text-slate-900">
          Delivery tracking
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          Paste this URL into your provider&apos;s dashboard where it asks for a delivery report (DLR) or status callback URL, or send it with
          each message through the <code className="font-mono text-[13px] text-indigo-700">{"{{dlr_url}}"}</code> placeholder. All senders of this
          connector share it.
        </p>
        <div className="mt-4 flex items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="dlr-url" className="mb-1.5 block text-sm font-medium text-slate-800">
              Delivery report URL
            </label>
            <Input id="dlr-url" readOnly value={url} className="font-mono text-[13px]" onFocus={(event) => event.currentTarget.select()} />
          </div>
          <CopyButton text={url} label="Copy URL" aria-label="Copy delivery report URL" />
        </div>
      </div>
    </Card>
  );
}
