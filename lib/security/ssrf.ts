// The outbound guard: provider requests must not reach private, loopback, link-local or metadata
// addresses unless the operator allows them (SWITCHBOARD_OUTBOUND_ALLOW).
import { lookup as systemLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { AppError } from "@/lib/errors";

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

export class OutboundBlockedError extends AppError {
  constructor(
    /** The host or address that was refused, as written in the message. */
    readonly target: string,
    /** Why, e.g. "a private address". */
    readonly why: string,
  ) {
    super("bad_request", 400, `Blocked: ${target} is ${why}`);
  }
}

export interface OutboundAllowList {
  /** Exact host names, lower-cased, without a trailing dot. */
  hosts: ReadonlySet<string>;
  /** `*.example.internal` entries, stored as `.example.internal`. */
  hostSuffixes: readonly string[];
  /** Single addresses become /32 or /128 ranges. */
  ranges: readonly Cidr[];
}

export interface OutboundGuard {
  /** Parses the URL and refuses what can be refused before any DNS lookup: bad schemes, blocked IP literals, localhost, metadata names. */
  checkUrl(url: string | URL): URL;
  /** Refuses a blocked IP address; `host` is the name it was resolved from, if any (allowed names may resolve to private addresses). */
  checkAddress(address: string, host?: string): void;
  /** A `dns.lookup` replacement for `net.connect`: resolves, then refuses when ANY answer is blocked, so the checked address is the one connected to. */
  lookup: LookupFunction;
}

/** Resolves a host name to all of its addresses; swappable in tests to play DNS rebinding. */
export type Resolver = (hostname: string, family: number) => Promise<LookupAddress[]>;

// Never reachable, whatever the allow-list says: allowing 169.254.0.0/16 or 100.64.0.0/10 for a local
// network must not hand out cloud credentials.
const METADATA_ADDRESSES = [
  "169.254.169.254", // AWS, GCP, Azure, DigitalOcean, Oracle, OpenStack …
  "169.254.169.253", // AWS DNS
  "169.254.169.123", // AWS time
  "169.254.170.2", // AWS ECS task metadata
  "169.254.170.23", // AWS EKS pod identity
  "169.254.0.23", // Tencent Cloud
  "100.100.100.200", // Alibaba Cloud
  "192.0.0.192", // Oracle Cloud (legacy)
  "168.63.129.16", // Azure wire server, a public address
  "fd00:ec2::254", // AWS IPv6
  "fd00:ec2::23", // AWS EKS pod identity IPv6
  "fd20:ce::254", // GCP IPv6
].map((a) => ipaddr.parse(a).toNormalizedString());

const LOOPBACK = ipaddr.parse("127.0.0.1");

const METADATA_HOSTS = new Set([
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
  "metadata.tencentyun.com",
]);

const IPV4_REASONS: Partial<Record<string, string>> = {
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address",
  private: "a private address",
};

const IPV6_REASONS: Partial<Record<string, string>> = {
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  uniqueLocal: "a private address",
  deprecatedSiteLocal: "a private address",
};

/**
 * Parses `SWITCHBOARD_OUTBOUND_ALLOW`: comma-separated host names (`localhost`, `*.corp.internal`),
 * addresses (`127.0.0.1`, `::1`, `[::1]`) and CIDR ranges (`10.0.0.0/8`). Throws on an entry that is
 * none of these, so a typo fails at boot rather than silently blocking.
 */
export function parseOutboundAllowList(value: string | undefined): OutboundAllowList {
  const hosts = new Set<string>();
  const hostSuffixes: string[] = [];
  const ranges: Cidr[] = [];
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
    if (!entry) continue;
    if (ipaddr.isValidCIDR(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (isIP(entry)) ranges.push(asRange(ipaddr.parse(entry)));
    else if (/^\*\.[a-z0-9.-]+$/.test(entry)) hostSuffixes.push(stripDot(entry.slice(1)));
    else if (/^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/.test(entry) && !/^[\d.]+$/.test(entry)) hosts.add(stripDot(entry));
    else throw new Error(`SWITCHBOARD_OUTBOUND_ALLOW: "${raw.trim()}" is not a host name, IP address or CIDR range`);
  }
  return { hosts, hostSuffixes, ranges };
}

export function createOutboundGuard(
  allow: OutboundAllowList | string = "",
  resolve: Resolver = resolveWithSystem,
): OutboundGuard {
  const allowList = typeof allow === "string" ? parseOutboundAllowList(allow) : allow;

  function checkAddress(address: string, host?: string): void {
    const why = blockReason(parseAddress(address), allowList, host !== undefined && isAllowedHost(host, allowList));
    if (why) throw new OutboundBlockedError(address, why);
  }

  function checkUrl(input: string | URL): URL {
    // WHATWG parsing canonicalises odd IPv4 spellings first: 2130706433, 0177.0.0.1, 0x7f.1 and
    // 127.1 all come out as 127.0.0.1, so the check below sees what a socket would connect to.
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new OutboundBlockedError(String(input), "not a valid URL");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new OutboundBlockedError(url.protocol.replace(/:$/, ""), "not an allowed scheme (use http or https)");
    }
    const host = bareHost(url.hostname);
    if (isIP(host)) {
      checkAddress(host);
    } else if (!isAllowedHost(host, allowList)) {
      if (METADATA_HOSTS.has(host)) throw new OutboundBlockedError(host, "a cloud metadata address");
      // localhost never needs DNS to be known as loopback; say so while the form is being filled in.
      if (isLocalhostName(host) && !isAllowedAddress(LOOPBACK, allowList)) throw new OutboundBlockedError(host, "a loopback address");
    }
    return url;
  }

  const lookup: LookupFunction = (hostname, options, callback) => {
    const host = bareHost(hostname);
    resolve(host, options.family === 4 || options.family === 6 ? options.family : 0)
      .then((addresses) => {
        if (addresses.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND", hostname: host });
        // Every answer is checked, not only the one used: a rebinding name can answer public and private together.
        for (const { address } of addresses) checkAddress(address, host);
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, ""));
  };

  return { checkUrl, checkAddress, lookup };
}

/** Why the address may not be reached, or null when it may. */
function blockReason(address: Address, allow: OutboundAllowList, hostAllowed: boolean): string | null {
  const embedded = embeddedIPv4(address);
  if (isMetadata(address) || (embedded && isMetadata(embedded))) return "a cloud metadata address";
  if (hostAllowed || isAllowedAddress(address, allow) || (embedded && isAllowedAddress(embedded, allow))) return null;
  if (embedded) {
    const why = blockReason(embedded, allow, false);
    return why && `${why} (it embeds ${embedded.toString()})`;
  }
  return rangeReason(address);
}

function rangeReason(address: Address): string | null {
  if (address.kind() === "ipv4") {
    const range = address.range();
    return range === "unicast" ? null : IPV4_REASONS[range] ?? "a reserved address";
  }
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  // ::a.b.c.d, the deprecated IPv4-compatible form, is not in ipaddr.js's table.
  if (range === "unicast" && v6.parts.slice(0, 6).every((part) => part === 0)) return "a reserved address";
  return range === "unicast" ? null : IPV6_REASONS[range] ?? "a reserved address";
}

/**
 * The IPv4 address an IPv6 address stands for, where traffic to it reaches that IPv4 host:
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 */
function embeddedIPv4(address: Address): ipaddr.IPv4 | null {
  if (address.kind() !== "ipv6") return null;
  const v6 = address as ipaddr.IPv6;
  const { parts } = v6;
  const fromParts = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (v6.range()) {
    case "ipv4Mapped":
    case "rfc6145":
      return fromParts(parts[6], parts[7]);
    case "rfc6052":
      // 64:ff9b::/96 only; the local-use 64:ff9b:1::/48 has no fixed layout and stays "reserved".
      return parts.slice(2, 6).every((part) => part === 0) ? fromParts(parts[6], parts[7]) : null;
    case "6to4":
      return fromParts(parts[1], parts[2]);
    default:
      return null;
  }
}

function isMetadata(address: Address): boolean {
  return METADATA_ADDRESSES.includes(address.toNormalizedString());
}

function isAllowedAddress(address: Address, allow: OutboundAllowList): boolean {
  return allow.ranges.some((range) => range[0].kind() === address.kind() && address.match(range));
}

function isAllowedHost(host: string, allow: OutboundAllowList): boolean {
  const name = stripDot(host.toLowerCase());
  return allow.hosts.has(name) || allow.hostSuffixes.some((suffix) => name.endsWith(suffix));
}

function isLocalhostName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

function parseAddress(address: string): Address {
  const bare = bareHost(address);
  if (!ipaddr.isValid(bare)) throw new OutboundBlockedError(address, "not an IP address");
  return ipaddr.parse(bare);
}

function asRange(address: Address): Cidr {
  return [address, address.kind() === "ipv4" ? 32 : 128];
}

/** `[::1]` → `::1`, `Example.COM.` → `example.com`. */
function bareHost(host: string): string {
  return stripDot(host.replace(/^\[(.*)\]$/, "$1").toLowerCase());
}

function stripDot(host: string): string {
  return host.endsWith(".") ? host.slice(0, -1) : host;
}

function resolveWithSystem(hostname: string, family: number): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    systemLookup(hostname, { all: true, family }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}
