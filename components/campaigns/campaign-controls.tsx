"use client";
// Pause, Resume and Cancel for one campaign, on its page and on its row of the list. Cancelling asks first.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { CampaignView } from "@/lib/campaigns/schema";
import { cancelCampaignAction, pauseCampaignAction, resumeCampaignAction } from "@/server/actions/campaigns";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { canCancel, canPause, canResume, progressSummary } from "./campaign-display";
import { campaignKeys } from "./query-keys";

type Control = "pause" | "resume" | "cancel";

const ACTIONS = { pause: pauseCampaignAction, resume: resumeCampaignAction, cancel: cancelCampaignAction };
const DONE: Record<Control, string> = { pause: "paused", resume: "resumed", cancel: "cancelled" };

export function CampaignControls({ campaign, size = "md", nameInLabels = false }: { campaign: CampaignView; size?: "sm" | "md"; nameInLabels?: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [running, setRunning] = useState<Control | null>(null);
  const [confirming, setConfirming] = useState(false);
  // On a list, each row's buttons name their campaign for screen readers ("Pause Spring sale").
  const label = (verb: string) => (nameInLabels ? `${verb} ${campaign.name}` : undefined);

  async function run(control: Control) {
    setRunning(control);
    const result = await ACTIONS[control](campaign.id);
    setRunning(null);
    if (!result.ok) {
      toast(result.error.message, "error");
      // The campaign may have moved on (it completed, someone else paused it): show how it is now.
      void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(campaign.id) });
      void queryClient.invalidateQueries({ queryKey: campaignKeys.lists() });
      return false;
    }
    queryClient.setQueryData(campaignKeys.detail(campaign.id), result.data);
    void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(campaign.id) });
    void queryClient.invalidateQueries({ queryKey: campaignKeys.lists() });
    toast(`${campaign.name} ${DONE[control]}`);
    return true;
  }

  const waiting = progressSummary(campaign.progress).waiting;
  if (!canPause(campaign.status) && !canResume(campaign.status) && !canCancel(campaign.status)) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canPause(campaign.status) && (
        <Button size={size} pending={running === "pause"} disabled={running !== null} onClick={() => void run("pause")} aria-label={label("Pause")}>
          Pause
        </Button>
      )}
      {canResume(campaign.status) && (
        <Button size={size} variant="primary" pending={running === "resume"} disabled={running !== null} onClick={() => void run("resume")} aria-label={label("Resume")}>
          Resume
        </Button>
      )}
      {canCancel(campaign.status) && (
        <Button size={size} variant="danger" disabled={running !== null} onClick={() => setConfirming(true)} aria-label={label("Cancel")}>
          Cancel
        </Button>
      )}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        dismissible={running === null}
        size="sm"
        title={`Cancel ${campaign.name}?`}
        description={
          <>
            {waiting > 0
              ? `${waiting.toLocaleString("en-GB")} recipient${waiting === 1 ? "" : "s"} not yet sent to will get nothing.`
              : "Nothing more will be sent."}{" "}
            Nothing already sent is sent again, and a cancelled campaign cannot be resumed.
          </>
        }
        footer={
          <>
            <Button onClick={() => setConfirming(false)} disabled={running !== null}>
              Keep it
            </Button>
            <Button
              variant="destructive"
              pending={running === "cancel"}
              onClick={async () => {
                if (await run("cancel")) setConfirming(false);
              }}
            >
              Cancel campaign
            </Button>
          </>
        }
      />
    </div>
  );
}
