// The app's delivery-report routes behind a real HTTP server, in the test process, so fake providers can call back.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import * as custom from "@/app/sms/dlr/custom/[publicId]/route";
import * as native from "@/app/sms/dlr/[provider]/[publicId]/route";

export async function startCallbackServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const method = req.method ?? "GET";
    const request = new NextRequest(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks) });
    const [, , , provider, publicId] = new URL(url).pathname.split("/");
    const response =
      provider === "custom"
        ? await (method === "GET" ? custom.GET : custom.POST)(request, { params: Promise.resolve({ publicId }) })
        : await (method === "GET" ? native.GET : native.POST)(request, { params: Promise.resolve({ provider, publicId }) });
    res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" }).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
