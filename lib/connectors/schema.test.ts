import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { connectorInputSchema, hostOf } from "./schema";

const valid = {
  name: "  Acme SMS  ",
  senders: [{ name: "ACME", type: "transactional" }],
  request: { method: "POST", url: "https://API.Acme.example/v2/send", body: { type: "json", fields: [{ key: "to[0]", value: "{{destination}}" }] } },
};

function issuesOf(input: unknown): Record<string, string> {
  try {
    parseInput(connectorInputSchema, input);
  } catch (error) {
    if (error instanceof ValidationError) return Object.fromEntries(error.details!.map((d) => [d.field, d.message]));
    throw error;
  }
  return {};
}

describe("connectorInputSchema", () => {
  it("fills defaults and trims the name", () => {
    const parsed = parseInput(connectorInputSchema, valid);
    expect(parsed.name).toBe("Acme SMS");
    expect(parsed.timeoutMs).toBe(5000);
    expect(parsed.throughputPerSecond).toBe(50);
    expect(parsed.senders[0].default).toBe(true);
    expect(parsed.request.params).toEqual([]);
    expect(parsed.response).toEqual({ sentId: null, accepted: null, allowMissingId: false, errorReason: null });
  });

  it("names each bad field with a message a user understands", () => {
    expect(issuesOf({ ...valid, name: " " })).toEqual({ name: "Connector name is required" });
    expect(issuesOf({ ...valid, request: { ...valid.request, url: "not a url" } })["request.url"]).toMatch(/full URL/);
    expect(issuesOf({ ...valid, request: { ...valid.request, url: "file:///etc/passwd" } })["request.url"]).toBe("Only http and https URLs are allowed");
    expect(issuesOf({ ...valid, request: { ...valid.request, url: "https://{{host}}/send" } })["request.url"]).toMatch(/written out/);
    expect(issuesOf({ ...valid, request: { ...valid.request, url: "https://user:pw@acme.example/send" } })["request.url"]).toMatch(/secret/);
    expect(issuesOf({ ...valid, timeoutMs: 10 })).toEqual({ timeoutMs: "Timeout must be at least 100 ms" });
    expect(issuesOf({ ...valid, throughputPerSecond: 0 })).toEqual({ throughputPerSecond: "Throughput must be at least 1 message per second" });
    expect(issuesOf({ ...valid, senders: [] })).toEqual({ senders: "Add at least one sender" });
    expect(issuesOf({ ...valid, senders: [{ name: "A", type: "bulk" }] })).toEqual({ "senders.0.type": "Choose promotional or transactional" });
  });

  it("refuses a URL that does not parse, saying what is wrong with it", () => {
    const urlIssue = (url: string) => issuesOf({ ...valid, request: { ...valid.request, url } })["request.url"];
    expect(urlIssue("https://api.acme.example/send sms")).toMatch(/contains a space/);
    expect(urlIssue("https://api.acme .example/send")).toMatch(/contains a space/);
    expect(urlIssue("https://api.acme.example/send\tx")).toMatch(/contains a space or a line break/);
    expect(urlIssue("https://api.acme.example:99999/send")).toBe('The port "99999" is not valid: use a number from 1 to 65535, or leave it out');
    expect(urlIssue("https://api.acme.example:80a/send")).toMatch(/port "80a" is not valid/);
    expect(urlIssue("https://api.acme.example:0/send")).toMatch(/port "0" is not valid/);
    expect(urlIssue("https:///v2/send")).toMatch(/Enter the API host/);
    expect(urlIssue("https://:443/v2/send")).toMatch(/Enter the API host/);
    expect(urlIssue("https://Moesms_destination.example/send")).toMatch(/written out/);
    expect(urlIssue("api.acme.example/send")).toMatch(/full URL/);
    // Spaces inside placeholders, a port and IPv6 literals are fine.
    expect(urlIssue("https://api.acme.example:8443/send/{{ destination | digits }}?t={{ message }}")).toBeUndefined();
    expect(urlIssue("http://[::1]:4010/send")).toBeUndefined();
  });

  it("refuses duplicate sender names and two defaults", () => {
    const issues = issuesOf({
      ...valid,
      senders: [
        { name: "ACME", type: "promotional", default: true },
        { name: "acme", type: "promotional", default: true },
      ],
    });
    expect(issues).toEqual({ senders: "Only one sender can be the default", "senders.1.name": "Sender names must be unique" });
  });

  it("checks header names, JSON paths and raw content types", () => {
    const issues = issuesOf({
      ...valid,
      request: {
        ...valid.request,
        headers: [{ key: "Bad Header", value: "x" }],
        body: { type: "json", fields: [{ key: "to..x", value: "y" }] },
      },
    });
    expect(issues["request.headers.0.key"]).toMatch(/Header name may only contain/);
    expect(issues["request.body.fields.0.key"]).toMatch(/path such as/);
    expect(issuesOf({ ...valid, request: { ...valid.request, body: { type: "raw", contentType: "xml", content: "<a/>" } } })["request.body.contentType"]).toMatch(
      /content type such as/,
    );
  });

  it("accepts nested JSON paths and array indexes", () => {
    const parsed = parseInput(connectorInputSchema, {
      ...valid,
      request: { ...valid.request, body: { type: "json", fields: [{ key: "messages[0].to[1]", value: "x" }, { key: "a.b.c", value: "1", valueType: "number" }] } },
    });
    expect(parsed.request.body).toMatchObject({ type: "json", fields: [{ key: "messages[0].to[1]" }, { key: "a.b.c", valueType: "number" }] });
  });

  it("requires exactly one capture group in a sent-id regex", () => {
    const withPattern = (pattern: string) => issuesOf({ ...valid, response: { sentId: { from: "regex", pattern } } })["response.sentId.pattern"];
    expect(withPattern("success \\| \\d+ \\| (\\S+)")).toBeUndefined();
    expect(withPattern("success")).toMatch(/exactly one capture group/);
    expect(withPattern("(a)(b)")).toMatch(/exactly one capture group/);
    expect(withPattern("(unclosed")).toMatch(/^Not a valid regular expression/);
    expect(withPattern("(?:x)(y)")).toBeUndefined();
  });

  it("refuses patterns a linear-time engine cannot run, saying why", () => {
    const withPattern = (pattern: string) => issuesOf({ ...valid, response: { sentId: { from: "regex", pattern } } })["response.sentId.pattern"];
    expect(withPattern("(?=id)(\\w+)")).toMatch(/Lookahead and lookbehind .* are not supported/);
    expect(withPattern("(a)\\1")).toMatch(/Backreferences .* are not supported/);
    const accepted = issuesOf({ ...valid, response: { sentId: null, accepted: { pattern: "(?!error)" } } })["response.accepted.pattern"];
    expect(accepted).toMatch(/not supported/);
  });

  it("lower-cases the host used for the one-connector-per-domain rule", () => {
    expect(hostOf("https://API.Acme.example:8443/x")).toBe("api.acme.example");
  });
});
