import { describe, expect, it } from "vitest";
import { PersonalizationError, renderSample, renderTemplate, validateTemplate, type TemplateVariables } from "./template";

const HOSTILE = 'He said "hi" \\ & <b>{{x}}</b>\n😀';

const vars: TemplateVariables = {
  destination: "+46700000000",
  message: "Hello",
  sender: "ACME",
  senderType: "transactional",
  messageId: "msg_123",
  dlrUrl: "https://sb.example/sms/dlr/custom/abc",
  campaignId: "cmp_9",
  dltTemplateId: "1007123",
  user: { first_name: "Ann", age: 42, vip: true, nickname: "" },
};
const hostile = { ...vars, message: HOSTILE };

function renderError(run: () => unknown): PersonalizationError {
  try {
    run();
  } catch (error) {
    if (error instanceof PersonalizationError) return error;
    throw error;
  }
  throw new Error("expected a PersonalizationError");
}

describe("built-in variables", () => {
  it("renders every documented variable", () => {
    const template =
      "{{destination}}|{{message}}|{{sender}}|{{sender_type}}|{{message_id}}|{{dlr_url}}|{{campaign_id}}|{{dlt_template_id}}|{{user.first_name}}";
    expect(renderTemplate(template, vars, "text")).toBe(
      "+46700000000|Hello|ACME|transactional|msg_123|https://sb.example/sms/dlr/custom/abc|cmp_9|1007123|Ann",
    );
  });

  it("accepts the MoEngage aliases", () => {
    const template = "{{Moesms_destination}} {{Moesms_message}} {{Moesms_dltTemplateId}} {{Moesms_campaignId}}";
    expect(renderTemplate(template, vars, "text")).toBe("+46700000000 Hello 1007123 cmp_9");
  });

  it("renders optional built-ins as empty when the send has none", () => {
    expect(renderTemplate("[{{campaign_id}}][{{dlt_template_id}}]", { destination: "+46700000000", message: "x" }, "text")).toBe("[][]");
  });

  it("uses the default for a missing or empty attribute", () => {
    expect(renderTemplate('Hi {{user.first_name | default: "there"}}', vars, "text")).toBe("Hi Ann");
    expect(renderTemplate('Hi {{user.last_name | default: "there"}}', vars, "text")).toBe("Hi there");
    expect(renderTemplate('Hi {{user.nickname | default: "there"}}', vars, "text")).toBe("Hi there");
    expect(renderTemplate('Hi {{user.first_name | default: "there"}}', { ...vars, user: undefined }, "text")).toBe("Hi there");
  });

  it("renders number and boolean attributes", () => {
    expect(renderTemplate("{{user.age}} {{user.vip}}", vars, "text")).toBe("42 true");
  });

  it("fails personalization when an attribute is missing and has no default", () => {
    expect(renderError(() => renderTemplate("Hi {{user.last_name}}", vars, "text")).message).toBe(
      "Personalization failed: user.last_name has no value and no default",
    );
  });

  it("lets conditions test missing attributes", () => {
    expect(renderTemplate("{% if user.gold %}gold{% else %}std{% endif %}", vars, "text")).toBe("std");
  });

  it("does not reach prototype properties of attributes", () => {
    expect(renderError(() => renderTemplate("{{user.constructor}}", vars, "text")).message).toMatch(/^Personalization failed: user.constructor/);
    expect(renderTemplate('{{message.length | default: "n/a"}}', vars, "text")).toBe("5"); // liquid's own size property still works
  });
});

describe("filters", () => {
  it.each([
    ["{{destination | e164}}", "+46700000000"],
    ["{{destination | digits}}", "46700000000"],
    ["{{destination | national}}", "070-000 00 00"],
    ["{{destination | national | digits}}", "0700000000"],
    ["{{message | upper}} {{message | lower}}", "HELLO hello"],
    ["{{message | base64}}", "SGVsbG8="],
    ["{{'ü😀' | base64}}", Buffer.from("ü😀").toString("base64")],
    ["{{message | json}}", '"Hello"'],
    ["{{user.age | json}}", "42"],
    ["{{'a b&c' | url_encode}}", "a%20b%26c"],
  ])("%s → %s", (template, expected) => {
    expect(renderTemplate(template, vars, "text")).toBe(expected);
  });

  it("e164 refuses what is not a phone number", () => {
    expect(renderError(() => renderTemplate("{{message | e164}}", vars, "text")).message).toBe(
      "Personalization failed: Invalid mobile number",
    );
  });

  it("refuses unknown filters instead of skipping them", () => {
    expect(renderError(() => renderTemplate("{{message | shout}}", vars, "text")).message).toMatch(
      /^Personalization failed: undefined filter: shout/,
    );
  });
});

describe("escaping by context", () => {
  it("json: a raw JSON body carries a hostile message as the exact same string", () => {
    const body = renderTemplate('{"text":"{{message}}"}', hostile, "json");
    expect(body).toBe('{"text":"He said \\"hi\\" \\\\ & <b>{{x}}</b>\\n😀"}');
    expect(JSON.parse(body)).toEqual({ text: HOSTILE });
  });

  it("json: a value cannot add fields to the body", () => {
    const injected = { ...vars, message: '", "admin": true, "x": "' };
    const body = renderTemplate('{"text":"{{message}}"}', injected, "json");
    expect(JSON.parse(body)).toEqual({ text: '", "admin": true, "x": "' });
  });

  it("json: `| json` writes a JSON literal, quotes included, escaped once", () => {
    const body = renderTemplate('{"to":{{destination | json}},"text":{{message | json}},"age":{{user.age | json}}}', hostile, "json");
    expect(JSON.parse(body)).toEqual({ to: "+46700000000", text: HOSTILE, age: 42 });
  });

  it("json: escapes control characters and keeps astral characters intact", () => {
    const body = renderTemplate('{"t":"{{message}}"}', { ...vars, message: "a\tb\u0000c\u2028d" }, "json");
    expect(JSON.parse(body)).toEqual({ t: "a\tb\u0000c\u2028d" });
  });

  it("json: every output is escaped, including filtered ones", () => {
    expect(renderTemplate('"{{message | upper}}"', hostile, "json")).toBe('"HE SAID \\"HI\\" \\\\ & <B>{{X}}</B>\\n😀"');
  });

  it("xml: values are XML-escaped", () => {
    const body = renderTemplate("<sms><text>{{message}}</text><to>{{destination}}</to></sms>", hostile, "xml");
    expect(body).toBe("<sms><text>He said &quot;hi&quot; \\ &amp; &lt;b&gt;{{x}}&lt;/b&gt;\n😀</text><to>+46700000000</to></sms>");
  });

  it("xml: drops characters XML 1.0 cannot carry", () => {
    expect(renderTemplate("<t>{{message}}</t>", { ...vars, message: "a\u0001b\u000cc" }, "xml")).toBe("<t>abc</t>");
  });

  it("xml: `| json` output is still XML-escaped", () => {
    expect(renderTemplate("<t>{{message | json}}</t>", hostile, "xml")).toBe(
      "<t>&quot;He said \\&quot;hi\\&quot; \\\\ &amp; &lt;b&gt;{{x}}&lt;/b&gt;\\n😀&quot;</t>",
    );
  });

  it("url: each value is one percent-encoded component", () => {
    const url = renderTemplate("https://api.example/send/{{destination}}?text={{message}}", hostile, "url");
    expect(url).toBe(
      "https://api.example/send/%2B46700000000?text=He%20said%20%22hi%22%20%5C%20%26%20%3Cb%3E%7B%7Bx%7D%7D%3C%2Fb%3E%0A%F0%9F%98%80",
    );
    expect(new URL(url).searchParams.get("text")).toBe(HOSTILE);
  });

  it("url: url_encode does not encode twice", () => {
    expect(renderTemplate("?t={{message | url_encode}}", { ...vars, message: "a b&c" }, "url")).toBe("?t=a%20b%26c");
  });

  it("form: values are left for the request builder to encode once", () => {
    expect(renderTemplate("{{message}}", hostile, "form")).toBe(HOSTILE);
    expect(renderTemplate("{{message | url_encode}}", hostile, "form")).toBe(HOSTILE);
  });

  it("header: line breaks in values cannot start a new header", () => {
    const injected = { ...vars, message: "hi\r\nX-Admin: yes\nY: z" };
    expect(renderTemplate("Bearer {{message}}", injected, "header")).toBe("Bearer hi X-Admin: yes Y: z");
    expect(renderTemplate("{{message}}", { ...vars, message: "a\u0000b\tc\u007f" }, "header")).toBe("ab\tc");
  });

  it("text: values are left alone", () => {
    expect(renderTemplate("{{message}}", hostile, "text")).toBe(HOSTILE);
  });
});

describe("recipient data is never a template", () => {
  it.each(["json", "xml", "url", "form", "header", "text"] as const)("sends {{ and {%% in a message literally (%s)", (context) => {
    const message = "{{ destination }} {% if true %}x{% endif %} {{ 7 | plus: 1 }}";
    const rendered = renderTemplate("{{message}}", { ...vars, message }, context);
    expect(rendered).not.toContain("+46700000000");
    expect(rendered).not.toMatch(/\b8\b/);
  });

  it("also leaves attributes unevaluated", () => {
    const user = { first_name: "{{ dlr_url }}" };
    expect(renderTemplate("{{user.first_name}}", { ...vars, user }, "text")).toBe("{{ dlr_url }}");
  });

  it("returns a template without placeholders unchanged", () => {
    expect(renderTemplate("plain & simple", vars, "json")).toBe("plain & simple");
  });
});

describe("one variable alone renders as Liquid would render it", () => {
  // `{{ name }}` alone skips the Liquid render; a trailing `| default: ""` forces one. Both must agree everywhere.
  const templates = ["destination", "message", "sender", "campaign_id", "user.first_name", "user.age", "user.vip", "user.nickname", "segments", "unicode", "encoding"];
  it.each(["json", "xml", "url", "form", "header", "text"] as const)("in %s", (context) => {
    for (const name of templates) {
      for (const spacing of [`{{${name}}}`, `{{ ${name} }}`]) {
        expect(renderTemplate(spacing, hostile, context), `${spacing} in ${context}`).toBe(renderTemplate(`{{ ${name} | default: "" }}`, hostile, context));
      }
    }
  });

  it("still fails, as Liquid does, on an attribute that is not there", () => {
    expect(renderError(() => renderTemplate("{{ user.missing }}", vars, "text")).message).toContain("user.missing has no value and no default");
    expect(renderError(() => renderTemplate("{{ nope }}", vars, "text")).message).toContain("nope has no value");
  });
});

describe("errors and limits", () => {
  it("throws a typed error with the personalization prefix for syntax errors", () => {
    const error = renderError(() => renderTemplate("{% if x %}unclosed", vars, "text"));
    expect(error.message).toMatch(/^Personalization failed: tag \{% if x %\} not closed/);
    expect(error).toMatchObject({ status: 422, code: "validation_failed" });
  });

  it("refuses partials and layouts: templates never read files", () => {
    expect(renderError(() => renderTemplate('{% include "/etc/passwd" %}', vars, "text")).message).toMatch(/tag "include" not found/);
    expect(renderError(() => renderTemplate('{% render "x" %}', vars, "text")).message).toMatch(/tag "render" not found/);
    expect(renderError(() => renderTemplate('{% layout "x" %}', vars, "text")).message).toMatch(/tag "layout" not found/);
  });

  it("has no raw filter that would skip escaping", () => {
    expect(renderError(() => renderTemplate('{"t":"{{message | raw}}"}', hostile, "json")).message).toMatch(/undefined filter: raw/);
  });

  it("stops runaway loops", () => {
    expect(renderError(() => renderTemplate("{% for i in (1..100000000) %}x{% endfor %}", vars, "text")).message).toMatch(
      /^Personalization failed: .*limit exceeded/,
    );
  });

  it("renders the same template again from the cache, with fresh values and context", () => {
    const template = '{"t":"{{message}}"}';
    expect(renderTemplate(template, hostile, "json")).toBe(renderTemplate(template, hostile, "json"));
    expect(renderTemplate(template, { ...vars, message: "b" }, "json")).toBe('{"t":"b"}');
    expect(renderTemplate(template, { ...vars, message: "<" }, "xml")).toBe('{"t":"&lt;"}');
  });
});

describe("validateTemplate", () => {
  it.each(['{"to":"{{destination}}"}', 'Hi {{user.first_name | default: "there"}}', "{{Moesms_message | upper}}", "no placeholders", "{% assign n = destination | digits %}{{ n }}"])(
    "accepts %s",
    (template) => {
      expect(validateTemplate(template)).toBeNull();
    },
  );

  it("names an unknown variable and lists the known ones", () => {
    expect(validateTemplate("{{destinaton}}")).toMatch(/^Unknown variable destinaton\. Use one of: destination, message,/);
  });

  it("reports syntax errors and unknown filters", () => {
    expect(validateTemplate("{{ message ")).toMatch(/not closed/);
    expect(validateTemplate("{{ message | nope }}")).toMatch(/undefined filter: nope/);
    expect(validateTemplate('{% include "x" %}')).toMatch(/tag "include" not found/);
  });
});

describe("renderSample", () => {
  it("fills sample values and renders missing attributes empty", () => {
    expect(renderSample('{"to":"{{destination}}","n":"{{user.first_name}}"}', "json")).toBe('{"to":"+14155550123","n":""}');
  });
});

describe("MoEngage tokens written bare, as MoEngage writes them", () => {
  const all = "Moesms_destination Moesms_message Moesms_dltTemplateId Moesms_campaignId";

  it("work as a whole value and inside text", () => {
    expect(renderTemplate("Moesms_destination", vars, "form")).toBe("+46700000000");
    expect(renderTemplate(all, vars, "text")).toBe("+46700000000 Hello 1007123 cmp_9");
    expect(renderTemplate("To Moesms_destination: Moesms_message.", vars, "text")).toBe("To +46700000000: Hello.");
  });

  it("are escaped for where they land, exactly like {{message}}", () => {
    for (const context of ["json", "xml", "url", "form", "header", "text"] as const) {
      expect(renderTemplate("[Moesms_message]", hostile, context), context).toBe(renderTemplate("[{{message}}]", hostile, context));
    }
    const body = renderTemplate('{"to":"Moesms_destination","text":"Moesms_message"}', hostile, "json");
    expect(JSON.parse(body)).toEqual({ to: "+46700000000", text: HOSTILE });
    const url = renderTemplate("https://api.example/send?to=Moesms_destination&text=Moesms_message", hostile, "url");
    expect(new URL(url).searchParams.get("text")).toBe(HOSTILE);
    expect(new URL(url).searchParams.get("to")).toBe("+46700000000");
    expect(renderTemplate("<t>Moesms_message</t>", hostile, "xml")).toBe(renderTemplate("<t>{{message}}</t>", hostile, "xml"));
  });

  it("are replaced only as whole words", () => {
    const text = "Moesms_messageId xMoesms_message Moesms_message_2 Moesms_Message moesms_message";
    expect(renderTemplate(text, vars, "text")).toBe(text);
    expect(renderTemplate("(Moesms_message)-Moesms_message.", vars, "text")).toBe("(Hello)-Hello.");
  });

  it("keep working inside braces, with filters, and mixed with the bare form", () => {
    expect(renderTemplate("{{ Moesms_destination | digits }} Moesms_destination", vars, "text")).toBe("46700000000 +46700000000");
    expect(renderTemplate('{% if Moesms_campaignId %}Moesms_campaignId{% endif %}{{ "Moesms_message" }}', vars, "text")).toBe("cmp_9Moesms_message");
  });

  it("are left alone inside raw and comment blocks", () => {
    expect(renderTemplate("{% raw %}Moesms_message{% endraw %} Moesms_message", vars, "text")).toBe("Moesms_message Hello");
    expect(renderTemplate("{% comment %}Moesms_message{% endcomment %}x", vars, "text")).toBe("x");
  });

  it("are never evaluated in the message or attributes: a message saying Moesms_destination is sent as written", () => {
    const message = "Reply Moesms_destination or {{ destination }}";
    expect(renderTemplate("Moesms_message", { ...vars, message }, "text")).toBe(message);
    expect(renderTemplate("{{user.first_name}}", { ...vars, user: { first_name: "Moesms_message" } }, "text")).toBe("Moesms_message");
  });

  it("validate like the braced form", () => {
    expect(validateTemplate('{"text":"Moesms_message"}')).toBeNull();
    expect(renderSample('{"to":"Moesms_destination","text":"Moesms_message"}', "json")).toBe('{"to":"+14155550123","text":"Sample message"}');
  });
});

describe("encoding, unicode and oauth_token", () => {
  it("names the alphabet the message needs", () => {
    expect(renderTemplate("{{encoding}}", vars, "text")).toBe("gsm7");
    expect(renderTemplate("{{encoding}} {{unicode}}", { ...vars, message: "नमस्ते" }, "text")).toBe("ucs2 true");
    const msgType = "{% if unicode %}Unicode_Text{% else %}TEXT{% endif %}";
    expect(renderTemplate(msgType, { ...vars, message: "Hi €" }, "form")).toBe("TEXT");
    expect(renderTemplate(msgType, { ...vars, message: "Hi 😀" }, "form")).toBe("Unicode_Text");
  });

  it("renders the OAuth token, empty when the connector has none", () => {
    expect(renderTemplate("Bearer {{oauth_token}}", { ...vars, oauthToken: "at-1" }, "header")).toBe("Bearer at-1");
    expect(renderTemplate("[{{oauth_token}}]", vars, "text")).toBe("[]");
    expect(validateTemplate("{{oauth_token}} {{encoding}} {{unicode}} {{segments}}")).toBeNull();
  });
});
