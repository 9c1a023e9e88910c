// GET /api/v1/user-attributes: the attribute names of a workspace's recent messages, for the placeholder picker.
import { describe, expect, it } from "vitest";
import * as route from "@/app/api/v1/user-attributes/route";
import { createConnector } from "@/lib/connectors/save-connector";
import { enqueueMessages } from "@/lib/messages/enqueue-message";
import { connectorBody, createTestWorkspace } from "../fixtures";
import { call } from "./client";

describe("GET /api/v1/user-attributes", () => {
  it("lists the names (never the values) carried by the workspace's messages, once each, by name", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const actor = { workspaceId: ws.id, role: "admin" as const };
    const [first, second] = [await createConnector(actor, connectorBody()), await createConnector(actor, connectorBody())];
    await enqueueMessages(actor, first.id, [
      { to: "+14155550101", message: "a", attributes: { first_name: "Ann", city: "Oslo" } },
      { to: "+14155550102", message: "b" },
    ]);
    await enqueueMessages(actor, second.id, [{ to: "+14155550103", message: "c", attributes: { city: "Pune", "loyalty tier": "gold" } }]);
    const elsewhere = { workspaceId: other.id, role: "admin" as const };
    await enqueueMessages(elsewhere, (await createConnector(elsewhere, connectorBody())).id, [{ to: "+14155550104", message: "d", attributes: { secret_plan: "x" } }]);

    const res = await call(route.GET, { key: ws.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [{ key: "city" }, { key: "first_name" }, { key: "loyalty tier" }], nextCursor: null });
    expect(JSON.stringify(res.body)).not.toMatch(/Oslo|Ann|gold/);
    expect((await call(route.GET, {})).status).toBe(401);
  });
});
