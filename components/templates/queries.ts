"use client";
// Reads for the template editors (connector values now, the campaign message editor next), over /api/v1.
import { useQuery } from "@tanstack/react-query";
import type { UserAttribute } from "@/lib/connectors/user-attributes";
import { apiGet } from "@/components/api-client";
import { templateKeys } from "./query-keys";

/** Attribute names seen in the workspace's recent messages; shared by every picker on the screen (one request). */
export function useUserAttributes() {
  return useQuery({
    queryKey: templateKeys.userAttributes(),
    queryFn: async () => (await apiGet<{ data: UserAttribute[] }>("/api/v1/user-attributes")).data.map((attribute) => attribute.key),
    staleTime: 60_000,
  });
}
