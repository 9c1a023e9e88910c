"use client";
// A draft as a viewer sees it: the audience and the message as it stands, previewed for its recipients, no controls.
import { useState } from "react";
import type { CampaignView } from "@/lib/campaigns/schema";
import { Card } from "@/components/ui/card";
import { AudiencePanel } from "./audience-panel";
import { MessagePreviewPanel } from "./message-preview";

export function DraftReadOnly({ campaign }: { campaign: CampaignView }) {
  const [recipientId, setRecipientId] = useState<string | null>(null);
  return (
    <div className="space-y-6">
      <AudiencePanel campaign={campaign} />
      <Card aria-labelledby="message-heading">
        <div className="grid gap-6 px-6 py-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="min-w-0">
            <h2 id="message-heading" className="text-base font-semibold text-slate-900">
              Message
            </h2>
            <p className="mt-0.5 text-sm text-slate-500">
              Through {campaign.connectorName} as {campaign.sender}
              {campaign.dltTemplateId ? ` · DLT template ${campaign.dltTemplateId}` : ""}.
            </p>
            {campaign.message ? (
              <p className="mt-3 rounded-lg bg-slate-50 px-4 py-3 font-mono text-[13px] [overflow-wrap:anywhere] whitespace-pre-wrap text-slate-800">{campaign.message}</p>
            ) : (
              <p className="mt-3 text-sm text-slate-500">No message written yet.</p>
            )}
          </div>
          <aside className="min-w-0 rounded-lg bg-slate-50/80 p-4 lg:self-start">
            <MessagePreviewPanel campaignId={campaign.id} columns={campaign.columns} message={campaign.message} recipientId={recipientId} onRecipientChange={setRecipientId} />
          </aside>
        </div>
      </Card>
    </div>
  );
}
