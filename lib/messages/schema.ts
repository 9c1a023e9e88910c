// Shapes of send requests: the REST API, the test-send form and campaigns all validate with these.
import { z } from "zod";

export const attributesSchema = z
  .record(z.string().min(1).max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= 100, "At most 100 attributes")
  .optional();

export const sendMessageSchema = z.object({
  connectorId: z.string().trim().min(1, "connectorId is required"),
  to: z.string().trim().min(1, "Recipient number is required").max(32, "Must be at most 32 characters"),
  message: z.string().min(1, "Message is required").max(1600, "Must be at most 1600 characters (about 10 segments)"),
  sender: z.string().trim().min(1).max(50).optional(),
  attributes: attributesSchema,
  campaignId: z.string().trim().max(100).optional(),
  dltTemplateId: z.string().trim().max(100).optional(),
});
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

import type { MessageStatus } from "./statuses";

/** A message in the REST shape (GET /api/v1/messages/{id}). */
export interface MessageView {
  id: string;
  connectorId: string;
  to: string;
  status: MessageStatus;
  reason: string | null;
  providerMessageId: string | null;
  segments: number;
  encoding: string;
  sender: string | null;
  isTest: boolean;
  createdAt: string;
  timeline: Array<{ status: MessageStatus; at: string; detail?: string }>;
}
