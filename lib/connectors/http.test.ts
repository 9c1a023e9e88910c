import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { OutboundBlockedError, createOutboundGuard, type Resolver } from "@/lib/security/ssrf";
import { describeTransportError, isSafeToRetry, retryDelayMs } from "./classify";
import { request } from "undici";
import { HttpTimeoutError, MAX_RESPONSE_BYTES, TooManyRedirectsError, agentFor, sendHttp } from "./http";
import type { BuiltRequest } from "./request";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  remotePort: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, received: Received) => void;

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A fake provider on 127.0.0.1, port 0, that records what it received. */
async function startProvider(handler: Handler) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        remotePort: req.socket.remotePort!,
      };
      received.push(entry);
      handler(req, res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  servers.push({ close });
  return { origin: `http://127.0.0.1:${port}`, port, received };
}

/** Resolves test names to loopback without touching real DNS. */
const loopbackResolver =
  (table: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const answers = table[hostname];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
    return answers.map((address) => ({ address, family: 4 }));
  };

const get = (url: string, headers: Record<string, string> = {}): BuiltRequest => ({ method: "GET", url, headers, body: null });
const allowLoopback = createOutboundGuard("127.0.0.1");

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the send to fail");
}

describe("sendHttp", () => {
  it("sends method, headers and body, and returns status, headers and body", async () => {
    const provider = await startProvider((_req, res) => {
      res.writeHead(201, { "Content-Type": "application/json", "X-Request-Id": "r-1" });
      res.end('{"sid":"SM1"}');
    });
    const built: BuiltRequest = {
      method: "POST",
      url: `${provider.origin}/send?x=1`,
      headers: { "Content-Type": "application/json", Authorization: "Bearer t" },
      body: '{"text":"hi 😀"}',
    };
    const response = await sendHttp(built, { timeoutMs: 2000, guard: allowLoopback });

    expect(response).toMatchObject({ status: 201, body: '{"sid":"SM1"}', bodyTruncated: false, url: `${provider.origin}/send?x=1` });
    expect(response.headers).toMatchObject({ "content-type": "application/json", "x-request-id": "r-1" });
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    expect(provider.received).toHaveLength(1);
    expect(provider.received[0]).toMatchObject({ method: "POST", url: "/send?x=1", body: '{"text":"hi 😀"}' });
    expect(provider.received[0].headers).toMatchObject({ "content-type": "application/json", authorization: "Bearer t" });
  });

  it("reuses pooled keep-alive connections across sends", async () => {
    const provider = await startProvider((_req, res) => res.end("ok"));
    for (let i = 0; i < 6; i++) await sendHttp(get(`${provider.origin}/${i}`), { timeoutMs: 2000, guard: allowLoopback });
    // undici hands a socket back to the pool a tick after the body ends, so the very next send may
    // open a second one; from then on the two are reused.
    const connections = new Set(provider.received.map((r) => r.remotePort));
    expect(connections.size).toBeLessThanOrEqual(2);
  });

  it("returns a 429 with its Retry-After, which the retry policy honours", async () => {
    const provider = await startProvider((_req, res) => {
      res.writeHead(429, { "Retry-After": "2" });
      res.end("slow down");
    });
    const response = await sendHttp(get(`${provider.origin}/send`), { timeoutMs: 2000, guard: allowLoopback });
    expect(response.status).toBe(429);
    expect(isSafeToRetry({ status: response.status })).toBe(true);
    expect(retryDelayMs(1, response.headers["retry-after"])).toBe(2000);
  });

  it("keeps at most 64 KB of a large body", async () => {
    const provider = await startProvider((_req, res) => res.end("x".repeat(200 * 1024)));
    const response = await sendHttp(get(provider.origin), { timeoutMs: 2000, guard: allowLoopback });
    expect(response.body.length).toBe(MAX_RESPONSE_BYTES);
    expect(response.bodyTruncated).toBe(true);
  });
});

describe("sendHttp — the guard", () => {
  it("refuses loopback unless allowed, before anything reaches the server", async () => {
    const provider = await startProvider((_req, res) => res.end("ok"));
    const error = await failure(sendHttp(get(provider.origin), { timeoutMs: 2000, guard: createOutboundGuard("") }));
    expect(error).toBeInstanceOf(OutboundBlockedError);
    expect(describeTransportError(error, 2000)).toBe("Blocked: 127.0.0.1 is a loopback address");
    expect(isSafeToRetry({ error })).toBe(false);
    expect(provider.received).toHaveLength(0);
  });

  it("the pooled agent refuses IP literals itself, whoever calls it", async () => {
    const provider = await startProvider((_req, res) => res.end("ok"));
    const error = await failure(request(`${provider.origin}/`, { dispatcher: agentFor(createOutboundGuard("")) }));
    expect(describeTransportError(error, 2000)).toBe("Blocked: 127.0.0.1 is a loopback address");
    expect(provider.received).toHaveLength(0);
  });

  it("checks the address a name resolves to at connect time", async () => {
    const provider = await startProvider((_req, res) => res.end("ok"));
    const resolver = loopbackResolver({ "provider.test": ["127.0.0.1"] });
    const url = `http://provider.test:${provider.port}/send`;

    const error = await failure(sendHttp(get(url), { timeoutMs: 2000, guard: createOutboundGuard("", resolver) }));
    expect(describeTransportError(error, 2000)).toBe("Blocked: 127.0.0.1 is a loopback address");
    expect(provider.received).toHaveLength(0);

    const allowed = await sendHttp(get(url), { timeoutMs: 2000, guard: createOutboundGuard("provider.test", resolver) });
    expect(allowed.status).toBe(200);
    expect(provider.received[0].headers.host).toBe(`provider.test:${provider.port}`);
  });

  it("refuses a rebinding name that also answers a private address", async () => {
    const provider = await startProvider((_req, res) => res.end("ok"));
    const guard = createOutboundGuard("127.0.0.1", loopbackResolver({ "rebind.test": ["127.0.0.1", "10.0.0.5"] }));
    const error = await failure(sendHttp(get(`http://rebind.test:${provider.port}/`), { timeoutMs: 2000, guard }));
    expect(describeTransportError(error, 2000)).toBe("Blocked: 10.0.0.5 is a private address");
    expect(provider.received).toHaveLength(0);
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data/", "Blocked: 169.254.169.254 is a cloud metadata address"],
    ["http://10.0.0.5/internal", "Blocked: 10.0.0.5 is a private address"],
    ["http://2130706433/admin", "Blocked: 127.0.0.1 is a loopback address"],
    ["http://0x7f.1/admin", "Blocked: 127.0.0.1 is a loopback address"],
    ["http://[::ffff:127.0.0.1]/", "Blocked: ::ffff:7f00:1 is a loopback address (it embeds 127.0.0.1)"],
    ["file:///etc/passwd", "Blocked: file is not an allowed scheme (use http or https)"],
  ])("re-checks every redirect hop: refuses %s", async (location, reason) => {
    // The provider is reachable only by its allowed name, so a hop to its raw address is refused too.
    const guard = createOutboundGuard("provider.test", loopbackResolver({ "provider.test": ["127.0.0.1"] }));
    const provider = await startProvider((_req, res) => {
      res.writeHead(302, { Location: location });
      res.end();
    });
    const error = await failure(sendHttp(get(`http://provider.test:${provider.port}/send`), { timeoutMs: 2000, guard }));
    expect(error).toBeInstanceOf(OutboundBlockedError);
    expect(describeTransportError(error, 2000)).toBe(reason);
    expect(provider.received).toHaveLength(1);
  });
});

describe("sendHttp — redirects", () => {
  it("follows a redirect on the same host; 302 after POST continues as GET without the body", async () => {
    const provider = await startProvider((req, res) => {
      if (req.url === "/old") {
        res.writeHead(302, { Location: "/new?x=1" });
        res.end();
      } else {
        res.end("final");
      }
    });
    const built: BuiltRequest = { method: "POST", url: `${provider.origin}/old`, headers: { "Content-Type": "text/plain", "X-Key": "k" }, body: "hello" };
    const response = await sendHttp(built, { timeoutMs: 2000, guard: allowLoopback });
    expect(response).toMatchObject({ status: 200, body: "final", url: `${provider.origin}/new?x=1` });
    expect(provider.received.map((r) => [r.method, r.url, r.body])).toEqual([
      ["POST", "/old", "hello"],
      ["GET", "/new?x=1", ""],
    ]);
    expect(provider.received[1].headers["x-key"]).toBe("k");
    expect(provider.received[1].headers["content-type"]).toBeUndefined();
  });

  it("repeats method and body on 307", async () => {
    const provider = await startProvider((req, res) => {
      if (req.url === "/old") {
        res.writeHead(307, { Location: "/new" });
        res.end();
      } else {
        res.end("ok");
      }
    });
    await sendHttp({ method: "POST", url: `${provider.origin}/old`, headers: {}, body: "again" }, { timeoutMs: 2000, guard: allowLoopback });
    expect(provider.received.map((r) => [r.method, r.body])).toEqual([
      ["POST", "again"],
      ["POST", "again"],
    ]);
  });

  it("drops credential headers when a redirect changes host", async () => {
    const guard = createOutboundGuard("127.0.0.1,other.test", loopbackResolver({ "other.test": ["127.0.0.1"] }));
    const provider = await startProvider((req, res, received) => {
      if (req.url === "/old") {
        res.writeHead(307, { Location: `http://other.test:${received.headers.host!.split(":")[1]}/new` });
        res.end();
      } else {
        res.end("ok");
      }
    });
    const headers = { Authorization: "Bearer t", "X-Api-Key": "k", "Content-Type": "application/json" };
    await sendHttp({ method: "POST", url: `${provider.origin}/old`, headers, body: "{}" }, { timeoutMs: 2000, guard });
    expect(provider.received[0].headers).toMatchObject({ authorization: "Bearer t", "x-api-key": "k" });
    expect(provider.received[1].headers.authorization).toBeUndefined();
    expect(provider.received[1].headers["x-api-key"]).toBeUndefined();
    expect(provider.received[1].headers["content-type"]).toBe("application/json");
  });

  it("gives up after 3 redirects", async () => {
    const provider = await startProvider((req, res) => {
      res.writeHead(301, { Location: `/loop${provider.received.length}` });
      res.end();
    });
    const error = await failure(sendHttp(get(`${provider.origin}/loop`), { timeoutMs: 2000, guard: allowLoopback }));
    expect(error).toBeInstanceOf(TooManyRedirectsError);
    expect(describeTransportError(error, 2000)).toBe("Too many redirects (more than 3)");
    expect(provider.received).toHaveLength(4);
  });

  it("reports a redirect to a URL that does not parse", async () => {
    const provider = await startProvider((_req, res) => {
      res.writeHead(302, { Location: "http://[broken/" });
      res.end();
    });
    const error = await failure(sendHttp(get(provider.origin), { timeoutMs: 2000, guard: allowLoopback }));
    expect(describeTransportError(error, 2000)).toBe("Invalid URL (in the request or a provider's redirect)");
  });

  it("returns a redirect without Location as it is", async () => {
    const provider = await startProvider((_req, res) => {
      res.writeHead(302);
      res.end("nowhere");
    });
    const response = await sendHttp(get(provider.origin), { timeoutMs: 2000, guard: allowLoopback });
    expect(response).toMatchObject({ status: 302, body: "nowhere" });
  });
});

describe("sendHttp — failures", () => {
  it("times out when the provider never answers, and does not call it safe to retry", async () => {
    const provider = await startProvider(() => {
      /* never answers */
    });
    const started = Date.now();
    const error = await failure(sendHttp(get(provider.origin), { timeoutMs: 300, guard: allowLoopback }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect(describeTransportError(error, 300)).toBe("Timeout after 300 ms");
    expect(isSafeToRetry({ error })).toBe(false);
    expect(provider.received).toHaveLength(1);
  });

  it("times out when the body stalls after the headers", async () => {
    const provider = await startProvider((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("partial");
    });
    const error = await failure(sendHttp(get(provider.origin), { timeoutMs: 300, guard: allowLoopback }));
    expect(describeTransportError(error, 300)).toBe("Timeout after 300 ms");
  });

  it("counts redirects against the same deadline", async () => {
    const provider = await startProvider((req, res) => {
      if (req.url === "/old") {
        setTimeout(() => {
          res.writeHead(302, { Location: "/slow" });
          res.end();
        }, 200);
      } else {
        setTimeout(() => res.end("late"), 200);
      }
    });
    const error = await failure(sendHttp(get(`${provider.origin}/old`), { timeoutMs: 300, guard: allowLoopback }));
    expect(error).toBeInstanceOf(HttpTimeoutError);
  });

  it("reports a refused connection, which is safe to retry", async () => {
    const provider = await startProvider(() => {});
    const { port } = provider;
    await servers.pop()!.close();
    const error = await failure(sendHttp(get(`http://127.0.0.1:${port}/`), { timeoutMs: 2000, guard: allowLoopback }));
    expect(describeTransportError(error, 2000)).toBe("Connection refused");
    expect(isSafeToRetry({ error })).toBe(true);
  });

  it("reports a connection closed mid-request, which is not safe to retry", async () => {
    const provider = await startProvider((req) => req.socket.destroy());
    const error = await failure(sendHttp(get(provider.origin), { timeoutMs: 2000, guard: allowLoopback }));
    expect(describeTransportError(error, 2000)).toBe("Connection closed by the provider before the response");
    expect(isSafeToRetry({ error })).toBe(false);
  });

  it("reports a name that does not resolve", async () => {
    const guard = createOutboundGuard("", loopbackResolver({}));
    const error = await failure(sendHttp(get("http://nowhere.test/"), { timeoutMs: 2000, guard }));
    expect(describeTransportError(error, 2000)).toBe("DNS lookup failed for nowhere.test");
    expect(isSafeToRetry({ error })).toBe(true);
  });
});
