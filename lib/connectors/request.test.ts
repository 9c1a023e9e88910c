import { describe, expect, it } from "vitest";
import { buildRequest, contextForContentType, validateRequestTemplates } from "./request";
import { SECRET_MASK, requestSchema, type ConnectorRequest } from "./schema";
import { PersonalizationError, type TemplateVariables } from "./template";

const HOSTILE = 'He said "hi" \\ & <b>{{x}}</b>\n😀';

const vars: TemplateVariables = {
  destination: "+46700000000",
  message: HOSTILE,
  sender: "ACME",
  senderType: "transactional",
  messageId: "msg_1",
  dlrUrl: "https://sb.example/sms/dlr/custom/pub_1",
  user: { first_name: "Ann", count: "3" },
};

/** Goes through the real schema, so defaults (secret: false, valueType: "string") are what the app stores. */
function spec(input: unknown): { request: ConnectorRequest; timeoutMs: number } {
  return { request: requestSchema.parse(input), timeoutMs: 5000 };
}

function personalizationMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PersonalizationError) return error.message;
    throw error;
  }
  return "no error";
}

describe("URL and params", () => {
  it("appends params to the query, each value encoded exactly once", () => {
    const { request } = buildRequest(
      spec({
        method: "GET",
        url: "https://enterprise.smsgupshup.com/GatewayAPI/rest",
        params: [
          { key: "method", value: "SendMessage" },
          { key: "send_to", value: "{{destination | digits}}" },
          { key: "msg", value: "{{message}}" },
          { key: "msg_url_encoded", value: "{{message | url_encode}}" },
        ],
      }),
      vars,
    );
    expect(request).toEqual({
      method: "GET",
      url:
        "https://enterprise.smsgupshup.com/GatewayAPI/rest?method=SendMessage&send_to=46700000000" +
        "&msg=He+said+%22hi%22+%5C+%26+%3Cb%3E%7B%7Bx%7D%7D%3C%2Fb%3E%0A%F0%9F%98%80" +
        "&msg_url_encoded=He+said+%22hi%22+%5C+%26+%3Cb%3E%7B%7Bx%7D%7D%3C%2Fb%3E%0A%F0%9F%98%80",
      headers: {},
      body: null,
    });
    expect(new URL(request.url).searchParams.get("msg")).toBe(HOSTILE);
  });

  it("keeps the URL's own query as written and adds params after it", () => {
    const { request } = buildRequest(
      spec({ method: "GET", url: "https://api.example/send?v=1.1&format=text%20plain", params: [{ key: "to", value: "{{destination}}" }] }),
      vars,
    );
    expect(request.url).toBe("https://api.example/send?v=1.1&format=text%20plain&to=%2B46700000000");
  });

  it("encodes placeholders in the URL path as one segment", () => {
    const { request } = buildRequest(spec({ method: "DELETE", url: "https://api.example/v1/{{sender}}/to/{{destination}}" }), {
      ...vars,
      sender: "a/b?c#d",
    });
    expect(request.url).toBe("https://api.example/v1/a%2Fb%3Fc%23d/to/%2B46700000000");
  });
});

describe("headers", () => {
  it("renders header values and strips line breaks and control characters from values", () => {
    const { request } = buildRequest(
      spec({
        method: "GET",
        url: "https://api.example/send",
        headers: [
          { key: "X-Client", value: "switchboard" },
          { key: "X-Name", value: "{{message}}" },
        ],
      }),
      { ...vars, message: 'Renée "hi"\r\nX-Admin: 1\u0007' },
    );
    expect(request.headers).toEqual({ "X-Client": "switchboard", "X-Name": 'Renée "hi" X-Admin: 1' });
  });

  it("fails personalization for characters a header cannot carry, and points at the fix", () => {
    const config = spec({ method: "GET", url: "https://api.example/", headers: [{ key: "X-Text", value: "{{message}}" }] });
    expect(personalizationMessage(() => buildRequest(config, vars))).toBe(
      'Personalization failed: header X-Text cannot carry "😀"; use | url_encode or | base64 on its value',
    );
    const encoded = spec({ method: "GET", url: "https://api.example/", headers: [{ key: "X-Text", value: "{{message | base64}}" }] });
    expect(Buffer.from(buildRequest(encoded, vars).request.headers["X-Text"], "base64").toString("utf8")).toBe(HOSTILE);
  });

  it("joins repeated header names", () => {
    const { request } = buildRequest(
      spec({ method: "GET", url: "https://api.example/", headers: [{ key: "Accept", value: "a/b" }, { key: "accept", value: "c/d" }] }),
      vars,
    );
    expect(request.headers).toEqual({ Accept: "a/b, c/d" });
  });

  it("refuses a line break typed into the header template itself", () => {
    const config = spec({ method: "GET", url: "https://api.example/", headers: [{ key: "X-A", value: "a\r\nX-Injected: 1" }] });
    expect(personalizationMessage(() => buildRequest(config, vars))).toBe("Personalization failed: header X-A contains a line break");
  });
});

describe("form body", () => {
  it("is application/x-www-form-urlencoded with each value encoded once", () => {
    const { request } = buildRequest(
      spec({
        method: "POST",
        url: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
        body: {
          type: "form",
          fields: [
            { key: "To", value: "{{destination}}" },
            { key: "From", value: "{{sender}}" },
            { key: "Body", value: "{{message}}" },
            { key: "StatusCallback", value: "{{dlr_url}}" },
          ],
        },
      }),
      vars,
    );
    expect(request.headers).toEqual({ "Content-Type": "application/x-www-form-urlencoded" });
    expect(request.body).toBe(
      "To=%2B46700000000&From=ACME&Body=He+said+%22hi%22+%5C+%26+%3Cb%3E%7B%7Bx%7D%7D%3C%2Fb%3E%0A%F0%9F%98%80" +
        "&StatusCallback=https%3A%2F%2Fsb.example%2Fsms%2Fdlr%2Fcustom%2Fpub_1",
    );
    expect(Object.fromEntries(new URLSearchParams(request.body!))).toMatchObject({ Body: HOSTILE, To: "+46700000000" });
  });

  it("keeps a Content-Type the operator set", () => {
    const { request } = buildRequest(
      spec({
        method: "POST",
        url: "https://api.example/",
        headers: [{ key: "content-type", value: "application/x-www-form-urlencoded; charset=utf-8" }],
        body: { type: "form", fields: [{ key: "a", value: "b" }] },
      }),
      vars,
    );
    expect(request.headers).toEqual({ "content-type": "application/x-www-form-urlencoded; charset=utf-8" });
  });
});

describe("JSON rows", () => {
  it("build nested objects and arrays (Sinch shape) with the hostile message intact", () => {
    const { request } = buildRequest(
      spec({
        method: "POST",
        url: "https://us.sms.api.sinch.com/xms/v1/plan/batches",
        body: {
          type: "json",
          fields: [
            { key: "from", value: "{{sender}}" },
            { key: "to[0]", value: "{{destination}}" },
            { key: "body", value: "{{message}}" },
            { key: "meta.client.ref", value: "{{message_id}}" },
            { key: "items[0].id", value: "a" },
            { key: "items[0].qty", value: "{{user.count}}", valueType: "number" },
            { key: "items[1].id", value: "b" },
            { key: "flash", value: " TRUE ", valueType: "boolean" },
          ],
        },
      }),
      vars,
    );
    expect(request.headers).toEqual({ "Content-Type": "application/json" });
    expect(request.body).toBe(
      '{"from":"ACME","to":["+46700000000"],"body":"He said \\"hi\\" \\\\ & <b>{{x}}</b>\\n😀",' +
        '"meta":{"client":{"ref":"msg_1"}},"items":[{"id":"a","qty":3},{"id":"b"}],"flash":true}',
    );
  });

  it.each([
    ["number", "{{user.first_name}}", 'Personalization failed: JSON field n must be a number, got "Ann"'],
    ["number", "", 'Personalization failed: JSON field n must be a number, got ""'],
    ["boolean", "yes", 'Personalization failed: JSON field n must be true or false, got "yes"'],
  ])("fails personalization when a %s row renders %j", (valueType, value, message) => {
    const config = spec({ method: "POST", url: "https://api.example/", body: { type: "json", fields: [{ key: "n", value, valueType }] } });
    expect(personalizationMessage(() => buildRequest(config, vars))).toBe(message);
  });

  it("refuses rows that write to the same place in two shapes", () => {
    const config = spec({
      method: "POST",
      url: "https://api.example/",
      body: { type: "json", fields: [{ key: "to", value: "x" }, { key: "to[0]", value: "y" }] },
    });
    expect(personalizationMessage(() => buildRequest(config, vars))).toBe("Personalization failed: JSON field to[0] conflicts with another field at to");
  });

  it("refuses huge array indexes instead of building a gigabyte of nulls", () => {
    const config = spec({ method: "POST", url: "https://api.example/", body: { type: "json", fields: [{ key: "to[5000000]", value: "x" }] } });
    expect(personalizationMessage(() => buildRequest(config, vars))).toBe("Personalization failed: JSON field to[5000000]: index 5000000 is above 999");
  });

  it("treats __proto__ as an ordinary field", () => {
    const config = spec({ method: "POST", url: "https://api.example/", body: { type: "json", fields: [{ key: "__proto__.polluted", value: "yes" }] } });
    expect(buildRequest(config, vars).request.body).toBe('{"__proto__":{"polluted":"yes"}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("raw body", () => {
  it("JSON: escapes values so the hostile message survives byte for byte", () => {
    const { request } = buildRequest(
      spec({
        method: "POST",
        url: "https://api.example/",
        body: { type: "raw", contentType: "application/json", content: '{"to":"{{destination}}","text":"{{message}}"}' },
      }),
      vars,
    );
    expect(request.body).toBe('{"to":"+46700000000","text":"He said \\"hi\\" \\\\ & <b>{{x}}</b>\\n😀"}');
    expect(JSON.parse(request.body!).text).toBe(HOSTILE);
    expect(request.headers["Content-Type"]).toBe("application/json");
  });

  it("JSON: a body that does not parse fails with the parser's reason", () => {
    const config = spec({
      method: "POST",
      url: "https://api.example/",
      body: { type: "raw", contentType: "application/vnd.api+json", content: '{"n": {{user.first_name}}}' },
    });
    expect(personalizationMessage(() => buildRequest(config, vars))).toMatch(/^Personalization failed: the body is not valid JSON \(.+\)$/);
  });

  it("XML: escapes values and checks the result is well-formed", () => {
    const config = spec({
      method: "POST",
      url: "https://api.example/",
      body: { type: "raw", contentType: "text/xml; charset=utf-8", content: "<sms><to>{{destination}}</to><text>{{message}}</text></sms>" },
    });
    const { request } = buildRequest(config, vars);
    expect(request.body).toBe("<sms><to>+46700000000</to><text>He said &quot;hi&quot; \\ &amp; &lt;b&gt;{{x}}&lt;/b&gt;\n😀</text></sms>");
    expect(request.headers).toEqual({ "Content-Type": "text/xml; charset=utf-8" });

    const broken = spec({ method: "POST", url: "https://api.example/", body: { type: "raw", contentType: "application/xml", content: "<sms><to>{{destination}}</sms>" } });
    expect(personalizationMessage(() => buildRequest(broken, vars))).toMatch(/^Personalization failed: the body is not valid XML/);
  });

  it("form-encoded: each value is one encoded component, so & cannot add a field", () => {
    const { request } = buildRequest(
      spec({
        method: "POST",
        url: "https://api.example/",
        body: { type: "raw", contentType: "application/x-www-form-urlencoded", content: "to={{destination}}&text={{message}}" },
      }),
      { ...vars, message: "a&admin=1" },
    );
    expect(request.body).toBe("to=%2B46700000000&text=a%26admin%3D1");
  });

  it("text: left as written", () => {
    const { request } = buildRequest(
      spec({ method: "POST", url: "https://api.example/", body: { type: "raw", contentType: "text/plain", content: "{{destination}}: {{message}}" } }),
      vars,
    );
    expect(request.body).toBe(`+46700000000: ${HOSTILE}`);
  });

  it.each([
    ["application/json", "json"],
    ["application/problem+json; charset=utf-8", "json"],
    ["text/xml", "xml"],
    ["application/soap+xml", "xml"],
    ["application/x-www-form-urlencoded", "url"],
    ["text/plain", "text"],
  ] as const)("content type %s escapes as %s", (contentType, context) => {
    expect(contextForContentType(contentType)).toBe(context);
  });
});

describe("masked twin", () => {
  const config = spec({
    method: "POST",
    url: "https://api.example/v1/AC123/send",
    params: [
      { key: "api_key", value: "k3y+/=&secret", secret: true },
      { key: "v", value: "1" },
    ],
    headers: [
      { key: "Authorization", value: "Bearer tok-123", secret: true },
      { key: "X-Client", value: "switchboard" },
    ],
    body: {
      type: "raw",
      contentType: "application/json",
      content: '{"key":"k3y+/=&secret","note":"Bearer tok-123 again","text":"{{message}}"}',
    },
  });

  it("sends the real values", () => {
    const { request } = buildRequest(config, vars);
    expect(request.url).toBe("https://api.example/v1/AC123/send?api_key=k3y%2B%2F%3D%26secret&v=1");
    expect(request.headers.Authorization).toBe("Bearer tok-123");
  });

  it("masks secret rows wherever their values appear: query, headers, body", () => {
    const { masked } = buildRequest(config, vars);
    expect(masked.url).toBe(`https://api.example/v1/AC123/send?api_key=${SECRET_MASK}&v=1`);
    expect(masked.headers).toEqual({ Authorization: SECRET_MASK, "X-Client": "switchboard", "Content-Type": "application/json" });
    expect(masked.body).toBe(`{"key":"${SECRET_MASK}","note":"${SECRET_MASK} again","text":"He said \\"hi\\" \\\\ & <b>{{x}}</b>\\n😀"}`);
  });

  it("masks extra secrets such as credentials in the URL path", () => {
    const { masked } = buildRequest(config, vars, ["AC123"]);
    expect(masked.url).toBe(`https://api.example/v1/${SECRET_MASK}/send?api_key=${SECRET_MASK}&v=1`);
  });

  it("masks the same secrets in other text, such as a response that echoes them", () => {
    const { mask } = buildRequest(config, vars);
    expect(mask('{"error":"key k3y+/=&secret is disabled","auth":"Bearer tok-123","token":"tok-123"}')).toBe(
      `{"error":"key ${SECRET_MASK} is disabled","auth":"${SECRET_MASK}","token":"${SECRET_MASK}"}`,
    );
    expect(buildRequest(spec({ method: "GET", url: "https://api.example/" }), vars).mask("nothing secret")).toBe("nothing secret");
  });

  it("masks secret form and JSON body rows", () => {
    const form = spec({
      method: "POST",
      url: "https://api.example/",
      body: { type: "form", fields: [{ key: "password", value: "p@ss word", secret: true }, { key: "msg", value: "hi" }] },
    });
    expect(buildRequest(form, vars).masked.body).toBe(`password=${SECRET_MASK}&msg=hi`);
    const json = spec({
      method: "POST",
      url: "https://api.example/",
      body: { type: "json", fields: [{ key: "auth.token", value: 'to"ken', secret: true }] },
    });
    expect(buildRequest(json, vars).masked.body).toBe(`{"auth":{"token":"${SECRET_MASK}"}}`);
  });
});

describe("validateRequestTemplates", () => {
  it("reports each broken template by field path", () => {
    const issues = validateRequestTemplates(
      requestSchema.parse({
        method: "POST",
        url: "https://api.example/{{nope}}",
        params: [{ key: "a", value: "{{ message | nofilter }}" }],
        headers: [{ key: "X-A", value: "{% if %}" }],
        body: { type: "raw", contentType: "application/json", content: '{"to": {{destination}}}' },
      }),
    );
    expect(issues.map((issue) => issue.field)).toEqual(["request.url", "request.params.0.value", "request.headers.0.value", "request.body.content"]);
    expect(issues[0].message).toMatch(/^Unknown variable nope/);
    expect(issues[3].message).toMatch(/^the body is not valid JSON/);
  });

  it("accepts a correct configuration", () => {
    const issues = validateRequestTemplates(
      requestSchema.parse({
        method: "POST",
        url: "https://api.example/send",
        body: { type: "raw", contentType: "application/json", content: '{"to": {{destination | json}}, "hi": "{{user.first_name}}"}' },
      }),
    );
    expect(issues).toEqual([]);
  });
});

describe("MoEngage tokens written bare, in every part of the request", () => {
  it("fill the URL, params, headers and form rows, each encoded once", () => {
    const { request } = buildRequest(
      spec({
        method: "POST",
        url: "https://api.example/send/Moesms_destination?c=Moesms_campaignId",
        params: [{ key: "to", value: "Moesms_destination" }],
        headers: [{ key: "X-To", value: "Moesms_destination" }],
        body: { type: "form", fields: [{ key: "text", value: "Moesms_message" }, { key: "dlt", value: "Moesms_dltTemplateId" }] },
      }),
      { ...vars, campaignId: "cmp 1", dltTemplateId: "1007" },
    );
    const url = new URL(request.url);
    expect(url.pathname).toBe("/send/%2B46700000000");
    expect(url.searchParams.get("c")).toBe("cmp 1");
    expect(url.searchParams.get("to")).toBe("+46700000000");
    expect(request.headers["X-To"]).toBe("+46700000000");
    expect(Object.fromEntries(new URLSearchParams(request.body!))).toEqual({ text: HOSTILE, dlt: "1007" });
  });

  it("fill JSON rows and a raw JSON body with the exact message", () => {
    const rows = buildRequest(
      spec({ method: "POST", url: "https://api.example/send", body: { type: "json", fields: [{ key: "to", value: "Moesms_destination" }, { key: "text", value: "Moesms_message" }] } }),
      vars,
    );
    expect(JSON.parse(rows.request.body!)).toEqual({ to: "+46700000000", text: HOSTILE });
    const raw = buildRequest(
      spec({ method: "POST", url: "https://api.example/send", body: { type: "raw", contentType: "application/json", content: '{"to":"Moesms_destination","text":"Moesms_message"}' } }),
      vars,
    );
    expect(JSON.parse(raw.request.body!)).toEqual({ to: "+46700000000", text: HOSTILE });
  });

  it("pass template validation", () => {
    expect(
      validateRequestTemplates(
        requestSchema.parse({ method: "POST", url: "https://api.example/send", body: { type: "raw", contentType: "application/xml", content: "<sms><to>Moesms_destination</to><t>Moesms_message</t></sms>" } }),
      ),
    ).toEqual([]);
  });
});

describe("a URL whose host is still to be filled in", () => {
  it("never sends: `https:///v2/send` is not a request to the host v2", () => {
    expect(() => buildRequest({ request: { ...requestSchema.parse({ method: "GET", url: "https://api.example/v2/send" }), url: "https:///v2/send" } }, vars)).toThrow(
      "The API URL has no host: fill it in and save the connector",
    );
  });
});
