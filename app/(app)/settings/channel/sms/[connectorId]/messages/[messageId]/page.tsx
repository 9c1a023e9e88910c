import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getConnector } from "@/lib/connectors/read-connectors";
import { messageAttemptView } from "@/lib/messages/attempt-shape";
import { getMessage, getMessageAttempt, listMessageAttempts } from "@/lib/messages/read-messages";
import { MessageDetail } from "@/components/messages/message-detail";
import { requirePageActor } from "@/server/auth";
import { orNotFound } from "@/server/not-found";

export const metadata: Metadata = { title: "Message" };

export default async function MessagePage({ params }: { params: Promise<{ connectorId: string; messageId: string }> }) {
  const { connectorId, messageId } = await params;
  const actor = await requirePageActor();
  const [message, attempt, attempts] = await Promise.all([
    orNotFound(getMessage(actor, messageId)),
    orNotFound(getMessageAttempt(actor, messageId)),
    orNotFound(listMessageAttempts(actor, messageId)),
  ]);
  // A message is only shown under its own connector's log.
  if (message.connectorId !== connectorId) notFound();
  const connector = await orNotFound(getConnector(actor, connectorId));
  return <MessageDetail connector={{ id: connector.id, name: connector.name }} initial={{ message, attempt: messageAttemptView(attempt), attempts }} />;
}
