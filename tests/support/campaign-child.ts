// A campaign dispatcher in its own process, for tests that kill one mid-campaign or run two side by side.
import { startCampaignDispatcher } from "@/lib/campaigns/dispatch";

startCampaignDispatcher({ pollMs: 100 });
console.log("dispatcher ready");
