// Bodies are bounded while they are read: a stream without Content-Length is refused with 413 as soon as it
// passes the limit, and the rest of it is never pulled.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as dlr from "@/app/sms/dlr/custom/[publicId]/route";
import * as messagesRoute from "@/app/api/v1/messages/route";
import { createConnector } from "@/lib/connectors/save-connector";
import { publicIdOf } from "./delivery-fixtures";
import { connectorBody, createTestWorkspace } from "./fixtures";

/** A body of `total` bytes produced on demand; `pulled()` says how much the reader actually took. */
function endlessBody(total: number, chunk = 64 * 1024) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { stream, pulled: () => sent };
}

function streamed(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  // `duplex` is required by undici for a streamed body, but not yet in the DOM typings this project compiles with.
  const init: RequestInit & { duplex: "half" } = { method: "POST", headers, body, duplex: "half" };
  return new NextRequest(new Request(url, init));
}

describe("bodies without Content-Length", () => {
  it("an API body of 1 GB is refused with 413 after about 1 MB was read", async () => {
    const ws = await createTestWorkspace();
    const body = endlessBody(1024 ** 3);
    const request = streamed("http://switchboard.test/api/v1/messages", body.stream, { authorization: `Bearer ${ws.keys.admin}`, "content-type": "application/json" });
    const response = await messagesRoute.POST(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
    expect(body.pulled()).toBeLessThan(2 * 1024 * 1024);
  });

  it("a delivery report of 50 MB is refused with 413 after about 150 KB was read", async () => {
    const ws = await createTestWorkspace();
    const connector = await createConnector({ workspaceId: ws.id, role: "admin" }, connectorBody());
    const publicId = await publicIdOf(connector.id);
    const body = endlessBody(50 * 1024 ** 2, 16 * 1024);
    const response = await dlr.POST(streamed(`http://switchboard.test/sms/dlr/custom/${publicId}`, body.stream, { "content-type": "application/json" }), {
      params: Promise.resolve({ publicId }),
    });
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThan(300 * 1024);
  });
});
