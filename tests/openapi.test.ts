import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { NextRequest } from "next/server";

describe("GET /api/v1/openapi.json", () => {
  it("publishes every v1 path with schemas generated from the validators", async () => {
    const response = GET(new NextRequest("http://switchboard.test/api/v1/openapi.json"));
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/connectors", "/api/v1/connectors/{id}", "/api/v1/connectors/{id}/test", "/api/v1/messages", "/api/v1/messages/{id}"]),
    );
    const input = doc.components.schemas.ConnectorInput;
    expect(input.required).toEqual(expect.arrayContaining(["name", "senders", "request"]));
    expect(input.properties.request.properties.method.enum).toEqual(["GET", "POST", "DELETE"]);
    expect(doc.components.schemas.SendMessage.required).toEqual(expect.arrayContaining(["connectorId", "to", "message"]));
    expect(doc.paths["/api/v1/messages"].post.responses["202"]).toBeDefined();
    expect(doc.paths["/api/v1/connectors/{id}/metrics/over-time"].get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/MetricsOverTime",
    });
    expect(doc.components.schemas.MetricsOverTime.properties.range.enum).toEqual(["24h", "7d", "30d"]);
    // Every reference resolves.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    const missing = [...new Set(refs)].filter((name) => !(name in doc.components.schemas));
    expect(missing).toEqual([]);
  });
});
