import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { OutboundBlockedError, createOutboundGuard, parseOutboundAllowList, type OutboundGuard, type Resolver } from "./ssrf";

const noAllow = createOutboundGuard("");

function blockMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof OutboundBlockedError) return error.message;
    throw error;
  }
  return "not blocked";
}

describe("checkUrl refuses internal destinations", () => {
  it.each([
    ["http://10.0.0.5/send", "Blocked: 10.0.0.5 is a private address"],
    ["http://172.16.3.4/", "Blocked: 172.16.3.4 is a private address"],
    ["https://192.168.1.10:8443/x", "Blocked: 192.168.1.10 is a private address"],
    ["http://127.0.0.1:3000/", "Blocked: 127.0.0.1 is a loopback address"],
    ["http://127.255.255.254/", "Blocked: 127.255.255.254 is a loopback address"],
    // Odd IPv4 spellings are canonicalised by URL parsing before the check.
    ["http://2130706433/", "Blocked: 127.0.0.1 is a loopback address"],
    ["http://0177.0.0.1/", "Blocked: 127.0.0.1 is a loopback address"],
    ["http://0x7f.1/", "Blocked: 127.0.0.1 is a loopback address"],
    ["http://127.1/", "Blocked: 127.0.0.1 is a loopback address"],
    ["http://0xa9.0xfe.0xa9.0xfe/", "Blocked: 169.254.169.254 is a cloud metadata address"],
    ["http://0.0.0.0/", "Blocked: 0.0.0.0 is an unspecified address"],
    ["http://0/", "Blocked: 0.0.0.0 is an unspecified address"],
    ["http://169.254.169.254/latest/meta-data/", "Blocked: 169.254.169.254 is a cloud metadata address"],
    ["http://169.254.170.2/v2/credentials", "Blocked: 169.254.170.2 is a cloud metadata address"],
    ["http://169.254.10.20/", "Blocked: 169.254.10.20 is a link-local address"],
    ["http://100.64.0.1/", "Blocked: 100.64.0.1 is a carrier-grade NAT address"],
    ["http://100.100.100.200/latest/meta-data", "Blocked: 100.100.100.200 is a cloud metadata address"],
    ["http://168.63.129.16/machine", "Blocked: 168.63.129.16 is a cloud metadata address"],
    ["http://224.0.0.251/", "Blocked: 224.0.0.251 is a multicast address"],
    ["http://255.255.255.255/", "Blocked: 255.255.255.255 is a broadcast address"],
    ["http://240.0.0.1/", "Blocked: 240.0.0.1 is a reserved address"],
    ["http://192.0.2.10/", "Blocked: 192.0.2.10 is a reserved address"],
    ["http://[::1]:8080/", "Blocked: ::1 is a loopback address"],
    ["http://[::]/", "Blocked: :: is an unspecified address"],
    ["http://[fc00::1]/", "Blocked: fc00::1 is a private address"],
    ["http://[fd12:3456:789a::1]/", "Blocked: fd12:3456:789a::1 is a private address"],
    ["http://[fe80::1]/", "Blocked: fe80::1 is a link-local address"],
    ["http://[fec0::1]/", "Blocked: fec0::1 is a private address"],
    ["http://[ff02::1]/", "Blocked: ff02::1 is a multicast address"],
    ["http://[fd00:ec2::254]/latest/meta-data/", "Blocked: fd00:ec2::254 is a cloud metadata address"],
    ["http://[2001:db8::1]/", "Blocked: 2001:db8::1 is a reserved address"],
    ["http://[2001::1]/", "Blocked: 2001::1 is a reserved address"], // Teredo: its embedded address is obfuscated
    // IPv6 forms that reach an IPv4 host are judged by that host.
    ["http://[::ffff:127.0.0.1]/", "Blocked: ::ffff:7f00:1 is a loopback address (it embeds 127.0.0.1)"],
    ["http://[::ffff:10.0.0.5]/", "Blocked: ::ffff:a00:5 is a private address (it embeds 10.0.0.5)"],
    ["http://[::ffff:169.254.169.254]/", "Blocked: ::ffff:a9fe:a9fe is a cloud metadata address"],
    ["http://[::ffff:0:10.0.0.5]/", "Blocked: ::ffff:0:a00:5 is a private address (it embeds 10.0.0.5)"],
    ["http://[64:ff9b::10.0.0.5]/", "Blocked: 64:ff9b::a00:5 is a private address (it embeds 10.0.0.5)"],
    ["http://[64:ff9b::127.0.0.1]/", "Blocked: 64:ff9b::7f00:1 is a loopback address (it embeds 127.0.0.1)"],
    ["http://[64:ff9b:1::a00:5]/", "Blocked: 64:ff9b:1::a00:5 is a reserved address"],
    ["http://[2002:a00:5::1]/", "Blocked: 2002:a00:5::1 is a private address (it embeds 10.0.0.5)"],
    ["http://[2002:a9fe:a9fe::]/", "Blocked: 2002:a9fe:a9fe:: is a cloud metadata address"],
    ["http://[::127.0.0.1]/", "Blocked: ::7f00:1 is a reserved address"], // deprecated IPv4-compatible form
    ["http://localhost:3000/", "Blocked: localhost is a loopback address"],
    ["http://LOCALHOST./", "Blocked: localhost is a loopback address"],
    ["http://api.localhost/", "Blocked: api.localhost is a loopback address"],
    ["http://metadata.google.internal/computeMetadata/v1/", "Blocked: metadata.google.internal is a cloud metadata address"],
    ["ftp://example.com/file", "Blocked: ftp is not an allowed scheme (use http or https)"],
    ["file:///etc/passwd", "Blocked: file is not an allowed scheme (use http or https)"],
    ["not a url", "Blocked: not a url is not a valid URL"],
  ])("%s", (url, message) => {
    expect(blockMessage(() => noAllow.checkUrl(url))).toBe(message);
  });

  it("raises a typed, user-safe error", () => {
    let caught: unknown;
    try {
      noAllow.checkUrl("http://10.0.0.5/");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OutboundBlockedError);
    expect(caught).toMatchObject({ status: 400, target: "10.0.0.5", why: "a private address" });
  });
});

describe("checkUrl lets public destinations through", () => {
  it.each([
    "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
    "http://93.184.215.14/send",
    "http://8.8.8.8/",
    "http://[2606:4700:4700::1111]/",
    "http://[64:ff9b::93.184.215.14]/", // NAT64 of a public address, as IPv6-only networks resolve it
    "http://[2002:5db8:d70e::1]/", // 6to4 of a public address
  ])("%s", (url) => {
    expect(noAllow.checkUrl(url).toString()).toBe(new URL(url).toString());
  });

  it("defers other host names to the DNS check at connect time", () => {
    expect(noAllow.checkUrl("https://sms.internal.example/send").hostname).toBe("sms.internal.example");
  });
});

describe("parseOutboundAllowList", () => {
  it("reads hosts, addresses, bracketed IPv6, CIDR ranges and wildcards", () => {
    const list = parseOutboundAllowList(" 127.0.0.1, ::1 ,[::2],10.0.0.0/8, localhost,*.corp.internal,Provider.Local. ,");
    expect([...list.hosts]).toEqual(["localhost", "provider.local"]);
    expect(list.hostSuffixes).toEqual([".corp.internal"]);
    expect(list.ranges.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual(["127.0.0.1/32", "::1/128", "::2/128", "10.0.0.0/8"]);
  });

  it("is empty for an unset variable", () => {
    expect(parseOutboundAllowList(undefined)).toEqual({ hosts: new Set(), hostSuffixes: [], ranges: [] });
  });

  it.each(["foo bar", "10.0.0.0/33", "127.1", "http://localhost", "*"])("refuses %j so a typo fails at boot", (entry) => {
    expect(() => parseOutboundAllowList(`127.0.0.1,${entry}`)).toThrow(
      `SWITCHBOARD_OUTBOUND_ALLOW: "${entry}" is not a host name, IP address or CIDR range`,
    );
  });
});

describe("the allow-list", () => {
  const guard = createOutboundGuard("127.0.0.1,::1,10.0.0.0/8,localhost");

  it.each(["http://127.0.0.1:4000/", "http://[::1]:4000/", "http://10.20.30.40/", "http://localhost:4000/", "http://[::ffff:127.0.0.1]/", "http://[64:ff9b::a00:5]/"])(
    "allows %s",
    (url) => {
      expect(() => guard.checkUrl(url)).not.toThrow();
    },
  );

  it.each([
    ["http://127.0.0.2/", "Blocked: 127.0.0.2 is a loopback address"],
    ["http://192.168.0.1/", "Blocked: 192.168.0.1 is a private address"],
    ["http://169.254.1.1/", "Blocked: 169.254.1.1 is a link-local address"],
    ["http://169.254.169.254/", "Blocked: 169.254.169.254 is a cloud metadata address"],
  ])("allowing 127.0.0.1 and 10/8 still blocks %s", (url, message) => {
    expect(blockMessage(() => guard.checkUrl(url))).toBe(message);
  });

  it("never opens metadata addresses, even inside an allowed range", () => {
    const wide = createOutboundGuard("169.254.0.0/16,100.64.0.0/10,fd00::/8,metadata.google.internal");
    expect(() => wide.checkUrl("http://169.254.1.1/")).not.toThrow();
    expect(blockMessage(() => wide.checkUrl("http://169.254.169.254/"))).toBe("Blocked: 169.254.169.254 is a cloud metadata address");
    expect(blockMessage(() => wide.checkUrl("http://100.100.100.200/"))).toBe("Blocked: 100.100.100.200 is a cloud metadata address");
    expect(blockMessage(() => wide.checkUrl("http://[fd00:ec2::254]/"))).toBe("Blocked: fd00:ec2::254 is a cloud metadata address");
  });

  it("accepts localhost early when loopback is allowed by address", () => {
    expect(() => createOutboundGuard("127.0.0.1").checkUrl("http://localhost/")).not.toThrow();
  });
});

/** A resolver that answers from a table, to play any DNS server, including a rebinding one. */
function fakeResolver(table: Record<string, string[]>, calls: [string, number][] = []): Resolver {
  return async (hostname, family) => {
    calls.push([hostname, family]);
    const answers = table[hostname];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
    return answers.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

function lookup(guard: OutboundGuard, hostname: string, options: { all?: boolean; family?: number } = {}) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) => {
    guard.lookup(hostname, options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe("lookup (connect-time DNS check)", () => {
  const table = {
    "api.provider.example": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "rebind.attacker.example": ["93.184.215.14", "10.0.0.5"],
    "internal.attacker.example": ["127.0.0.1"],
    "meta.attacker.example": ["169.254.169.254"],
    "sms.corp.internal": ["10.1.2.3"],
    "localhost": ["127.0.0.1", "::1"],
  };

  it("answers like dns.lookup for a public name", async () => {
    const guard = createOutboundGuard("", fakeResolver(table));
    expect(await lookup(guard, "api.provider.example")).toEqual({ error: null, address: "93.184.215.14", family: 4 });
    expect((await lookup(guard, "api.provider.example", { all: true })).address).toEqual([
      { address: "93.184.215.14", family: 4 },
      { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 },
    ]);
  });

  it("passes the requested address family to the resolver", async () => {
    const calls: [string, number][] = [];
    await lookup(createOutboundGuard("", fakeResolver(table, calls)), "api.provider.example", { family: 6 });
    expect(calls).toEqual([["api.provider.example", 6]]);
  });

  it("refuses a name when any of its answers is blocked (DNS rebinding)", async () => {
    const result = await lookup(createOutboundGuard("", fakeResolver(table)), "rebind.attacker.example");
    expect(result.error).toBeInstanceOf(OutboundBlockedError);
    expect(result.error?.message).toBe("Blocked: 10.0.0.5 is a private address");
  });

  it("refuses a public-looking name that points at loopback or metadata", async () => {
    const guard = createOutboundGuard("", fakeResolver(table));
    expect((await lookup(guard, "internal.attacker.example")).error?.message).toBe("Blocked: 127.0.0.1 is a loopback address");
    expect((await lookup(guard, "meta.attacker.example")).error?.message).toBe("Blocked: 169.254.169.254 is a cloud metadata address");
  });

  it("trusts what an allowed name resolves to, except metadata", async () => {
    const guard = createOutboundGuard("*.corp.internal,localhost,meta.attacker.example", fakeResolver(table));
    expect((await lookup(guard, "sms.corp.internal")).address).toBe("10.1.2.3");
    expect((await lookup(guard, "localhost", { all: true })).error).toBeNull();
    expect((await lookup(guard, "meta.attacker.example")).error?.message).toBe("Blocked: 169.254.169.254 is a cloud metadata address");
  });

  it("refuses localhost when only 127.0.0.1 is allowed and it also answers ::1", async () => {
    const result = await lookup(createOutboundGuard("127.0.0.1", fakeResolver(table)), "localhost");
    expect(result.error?.message).toBe("Blocked: ::1 is a loopback address");
  });

  it("passes DNS failures through unchanged", async () => {
    const result = await lookup(createOutboundGuard("", fakeResolver(table)), "nxdomain.example");
    expect(result.error).toMatchObject({ code: "ENOTFOUND", hostname: "nxdomain.example" });
  });

  it("uses the system resolver by default", async () => {
    const result = await lookup(createOutboundGuard(""), "localhost");
    expect(result.error).toBeInstanceOf(OutboundBlockedError);
    expect(result.error?.message).toMatch(/^Blocked: (127\.0\.0\.1|::1) is a loopback address$/);
  });
});
