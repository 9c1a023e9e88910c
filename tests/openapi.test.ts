// The OpenAPI document as a client developer uses it: it validates, every operation is named, tagged and has
// an example (which matches its schema), and a typed client generated from it with openapi-typescript at its
// default settings type-checks against the README's example. (Live answers are checked against the same
// document in every API test: tests/api/client.ts.)
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { openApi, validatorFor } from "./api/openapi-validator";

const METHODS = ["get", "post", "put", "patch", "delete"];
type Operation = { operationId?: string; tags?: string[]; requestBody?: { content: Record<string, MediaType> }; responses: Record<string, { content?: Record<string, MediaType> }> };
type MediaType = { example?: unknown; examples?: Record<string, { value: unknown }> };

function operations(doc: typeof openApi): Array<[string, string, Operation]> {
  return Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([route, item]) =>
    METHODS.filter((method) => item[method]).map((method): [string, string, Operation] => [route, method, item[method]]),
  );
}

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document (swagger-parser) with a licence", async () => {
    const doc = await GET().json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.license.name).toBeTruthy();
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
    expect(doc.paths["/api/v1/connectors/{id}/metrics/over-time"].get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/MetricsOverTime",
    });
    expect(doc.components.schemas.MetricsOverTime.properties.range.enum).toEqual(["24h", "7d", "30d"]);
  });

  it("names, tags and gives an example for every operation, and the examples match their schemas", () => {
    const ids = new Set<string>();
    for (const [route, method, operation] of operations(openApi)) {
      const label = `${method.toUpperCase()} ${route}`;
      expect(operation.operationId, label).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(operation.operationId!), `${label}: operationId is unique`).toBe(false);
      ids.add(operation.operationId!);
      expect(operation.tags?.length, `${label}: tagged`).toBeGreaterThan(0);

      let examples = 0;
      const media: Array<[string, MediaType]> = [
        ...Object.entries(operation.requestBody?.content ?? {}).map(([type, m]): [string, MediaType] => [`/paths/${escape(route)}/${method}/requestBody/content/${escape(type)}/schema`, m]),
        ...Object.entries(operation.responses).flatMap(([status, response]) =>
          Object.entries(response.content ?? {}).map(([type, m]): [string, MediaType] => [`/paths/${escape(route)}/${method}/responses/${status}/content/${escape(type)}/schema`, m]),
        ),
      ];
      for (const [pointer, mediaType] of media) {
        const values = [...(mediaType.example !== undefined ? [mediaType.example] : []), ...Object.values(mediaType.examples ?? {}).map((e) => e.value)];
        for (const value of values) {
          examples++;
          const validate = validatorFor(pointer);
          expect(validate(value), `${label} example at ${pointer}: ${JSON.stringify(validate.errors)}`).toBe(true);
        }
      }
      expect(examples, `${label}: has an example`).toBeGreaterThan(0);
    }
    expect(ids.size).toBeGreaterThanOrEqual(18);
  });

  it("types every response body and marks dates as date-time", () => {
    for (const [route, method, operation] of operations(openApi)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, mediaType] of Object.entries(response.content ?? {})) {
          const schema = (mediaType as { schema?: Record<string, unknown> }).schema;
          expect(schema && (schema.$ref || schema.type || schema.oneOf), `${method} ${route} ${status} ${type} has a schema`).toBeTruthy();
        }
      }
    }
    const text = JSON.stringify(openApi.components.schemas);
    const dateProperties = [...text.matchAll(/"(\w+At)":\{([^{}]*)\}/g)];
    expect(dateProperties.length).toBeGreaterThan(5);
    for (const [, name, body] of dateProperties) expect(body, name).toContain('"format":"date-time"');
  });

  it("generates client types (openapi-typescript, default settings) that a small openapi-fetch client type-checks against", async () => {
    const dir = path.resolve("node_modules/.cache/switchboard-openapi-client");
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const doc = await GET().json();
    await writeFile(path.join(dir, "schema.d.ts"), astToString(await openapiTS(doc)));
    await writeFile(path.join(dir, "client.ts"), CLIENT);
    const program = ts.createProgram([path.join(dir, "client.ts")], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      types: [],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.split("/").pop()}:${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : "?"} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(problems).toEqual([]);
  }, 120_000);
});

/** A client a developer would write: the README's connector (every default left out), a send, a read, a page. */
const CLIENT = `
import createClient from "openapi-fetch";
import type { paths, components } from "./schema";

const client = createClient<paths>({ baseUrl: "http://localhost:3000", headers: { Authorization: "Bearer sb_example" } });

export async function demo(): Promise<void> {
  const created = await client.POST("/api/v1/connectors", {
    body: {
      name: "Acme SMS",
      senders: [{ name: "ACME", type: "transactional", default: true }],
      request: {
        method: "POST",
        url: "https://api.acme.example/v2/send",
        headers: [{ key: "Authorization", value: "Bearer sk_live_123", secret: true }],
        body: { type: "json", fields: [{ key: "to[0]", value: "{{destination}}" }, { key: "text", value: "{{message}}" }] },
      },
      response: { sentId: { from: "json", path: "data.id" } },
    },
  });
  if (!created.data) throw new Error(created.error?.error.message);
  const connectorId: string = created.data.id;
  const kind: string = created.data.kind;

  const twilio = await client.POST("/api/v1/connectors", {
    body: { kind: "twilio", senders: [{ name: "+15557654321", type: "transactional" }], settings: { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "token" } },
  });
  if (twilio.data?.kind === "twilio") {
    const sid: string = twilio.data.settings.accountSid;
  }

  const sent = await client.POST("/api/v1/messages", {
    params: { header: { "Idempotency-Key": "6f1c2b9e-8d4a-4a57-9a53-2f7e0c1d9b3a" } },
    body: { connectorId, to: "+14155550123", message: "Hello from Switchboard" },
  });
  if (!sent.data) throw new Error(sent.error?.error.message);
  const read = await client.GET("/api/v1/messages/{id}", { params: { path: { id: sent.data.id } } });
  const status: components["schemas"]["Message"]["status"] | undefined = read.data?.status;
  const createdAt: string | undefined = read.data?.createdAt;

  const page = await client.GET("/api/v1/connectors/{id}/messages", { params: { path: { id: connectorId }, query: { limit: 20, status: "failed" } } });
  const next: string | null | undefined = page.data?.nextCursor;
  if (next) await client.GET("/api/v1/connectors/{id}/messages", { params: { path: { id: connectorId }, query: { cursor: next } } });

  const batch = await client.POST("/api/v1/messages/batch", { body: { messages: [{ connectorId, to: "+14155550123", message: "Hi" }] } });
  for (const entry of batch.data?.data ?? []) {
    if ("error" in entry) console.log(entry.error.code);
    else console.log(entry.id, entry.status);
  }

  const exported = await client.GET("/api/v1/connectors/{id}/export", { params: { path: { id: connectorId } } });
  if (exported.data) await client.POST("/api/v1/connectors", { body: exported.data });

  // @ts-expect-error \`to\` is required
  await client.POST("/api/v1/messages", { body: { connectorId, message: "No recipient" } });
  void [kind, status, createdAt];
}
`;
