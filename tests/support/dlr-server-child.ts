// The delivery-report ingest behind a plain HTTP server in its own process, for a test that kills it mid-load.
import { createServer } from "node:http";
import { ingestCallback } from "@/lib/delivery/ingest";

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const [, , , kind, publicId] = (req.url ?? "").split("?")[0].split("/");
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const result = await ingestCallback({ kind, publicId, method: req.method ?? "POST", url: `http://127.0.0.1${req.url}`, headers, body: Buffer.concat(chunks).toString("utf8"), rawBody: Buffer.concat(chunks) });
  res.writeHead(result.status, { "content-type": "application/json" }).end(JSON.stringify(result.body));
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
