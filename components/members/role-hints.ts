// What each role may do, in the words the members screens show beside the role pickers.
import type { Role } from "@/lib/accounts/permissions";

export const ROLE_HINT: Record<Role, string> = {
  admin: "Everything, including members and API keys",
  manager: "Configure connectors and send messages",
  viewer: "Read only",
};
