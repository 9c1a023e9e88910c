import { describe, expect, it } from "vitest";
import { referencedVariables } from "./template-references";
import { requestWarnings } from "./warnings";

describe("referencedVariables", () => {
  it("reads outputs, tags and bare MoEngage tokens, mapping MoEngage's names", () => {
    expect(referencedVariables("{{ destination | digits }}")).toContain("destination");
    expect(referencedVariables('{"text":"Moesms_message"}')).toContain("message");
    expect(referencedVariables("{% if Moesms_campaignId %}x{% endif %}")).toContain("campaign_id");
    expect(referencedVariables("{{Moesms_destination}}")).toContain("destination");
  });

  it("ignores properties, string literals, raw blocks and plain text", () => {
    expect(referencedVariables("{{ user.message }}").has("message")).toBe(false);
    expect(referencedVariables('{{ "message" }} {{ user.x | default: "destination" }}').has("message")).toBe(false);
    expect(referencedVariables("{% raw %}{{message}}{% endraw %}").has("message")).toBe(false);
    expect(referencedVariables("message destination").size).toBe(0);
  });
});

describe("requestWarnings", () => {
  const carrying = { url: "https://api.example/send", body: { type: "json", fields: [{ value: "{{destination}}" }, { value: "{{message}}" }] } };

  it("says nothing about a request that carries recipient and text", () => {
    expect(requestWarnings(carrying)).toEqual([]);
    expect(requestWarnings({ url: "https://api.example/send?to=Moesms_destination", params: [{ value: "Moesms_message" }] })).toEqual([]);
    expect(requestWarnings({ url: "https://api.example/send", body: { type: "raw", content: '{"to":"Moesms_destination","text":"{{ message | json }}"}' } })).toEqual([]);
    expect(requestWarnings({ url: "https://api.example/{{destination}}", headers: [{ value: "{{message | base64}}" }] })).toEqual([]);
  });

  it("warns when the recipient or the text is carried nowhere", () => {
    expect(requestWarnings({ url: "https://api.example/send", body: { type: "json", fields: [{ value: "{{message}}" }] } }).map((w) => w.message)).toEqual([
      expect.stringMatching(/never carries the recipient/),
    ]);
    expect(requestWarnings({ url: "https://api.example/send" }).map((w) => w.message)).toEqual([
      expect.stringMatching(/never carries the recipient/),
      expect.stringMatching(/never carries the message text/),
    ]);
  });

  it("does not count a body the method does not send, or secret rows", () => {
    expect(requestWarnings({ url: "https://x.example", body: { type: "none", fields: [{ value: "{{destination}}" }] }, params: [{ value: "{{message}}", secret: true }] })).toHaveLength(2);
  });

  it("warns about an OAuth token that is never sent, or a placeholder that stays empty", () => {
    const secret = { clientSecret: "cs" };
    expect(requestWarnings({ ...carrying, auth: { type: "oauth2", placement: "placeholder", ...secret } })).toEqual([{ field: "request.auth", message: expect.stringMatching(/never sent/) }]);
    expect(requestWarnings({ ...carrying, headers: [{ value: "Bearer {{oauth_token}}" }], auth: { type: "oauth2", placement: "placeholder", ...secret } })).toEqual([]);
    expect(requestWarnings({ ...carrying, headers: [{ value: "Bearer {{oauth_token}}" }] })).toEqual([{ field: "request.auth", message: expect.stringMatching(/empty unless/) }]);
    expect(requestWarnings({ ...carrying, auth: { type: "oauth2", placement: "header", ...secret } })).toEqual([]);
  });

  it("warns about an empty secret, as an imported connector has", () => {
    expect(requestWarnings({ ...carrying, auth: { type: "oauth2", placement: "header", clientSecret: "" } })).toEqual([{ field: "request.auth.clientSecret", message: expect.stringMatching(/client secret is empty/) }]);
    expect(requestWarnings({ ...carrying, auth: { type: "basic", password: "" } })).toEqual([{ field: "request.auth.password", message: expect.stringMatching(/password is empty/) }]);
  });
});

describe("a URL without a host", () => {
  it("is recognised, and warned about until it is filled in", async () => {
    const { hasNoHost } = await import("./url-problem");
    expect(["https:///v2/send", "http://", "https://:80/x", "https://user@/x", "https://?q"].map(hasNoHost)).toEqual([true, true, true, true, true]);
    expect(["https://a.example/v2/send", "http://[::1]:4010/x", "https://v2"].map(hasNoHost)).toEqual([false, false, false]);
    expect(requestWarnings({ url: "https:///v2/send", params: [{ value: "{{destination}} {{message}}" }] })).toEqual([{ field: "request.url", message: expect.stringMatching(/no host yet/) }]);
  });
});
