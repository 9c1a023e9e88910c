import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  MAX_REPORT_DEPTH,
  MAX_REPORTS_PER_CALLBACK,
  MalformedCallbackError,
  decodeXmlEntities,
  parseCallback,
  protectBigIntegers,
  type CallbackRequest,
} from "./parse-callback";
import {
  GUPSHUP_ID,
  SINCH_BATCH_ID,
  TWILIO_SID,
  gupshupGetDelivered,
  gupshupPostEvents,
  kaleyraFailed,
  sinchDelivered,
  smppReceiptText,
  twilioDelivered,
  twilioUndelivered,
  xmlBatch,
} from "./provider-callbacks.fixture";

const post = (body: string, contentType: string | null = null, query = ""): CallbackRequest => ({
  method: "POST",
  contentType,
  query,
  body,
});

function malformed(request: CallbackRequest): MalformedCallbackError {
  try {
    parseCallback(request);
  } catch (error) {
    if (error instanceof MalformedCallbackError) return error;
    throw error;
  }
  throw new Error("expected a MalformedCallbackError");
}

describe("parseCallback: provider callbacks", () => {
  it("reads Twilio's form-encoded status callback as one report, decoding %2B", () => {
    expect(parseCallback(twilioDelivered)).toEqual({
      format: "form",
      reports: [
        {
          MessageSid: TWILIO_SID,
          SmsSid: TWILIO_SID,
          MessageStatus: "delivered",
          SmsStatus: "delivered",
          To: "+17035550123",
          From: "+13365550199",
          AccountSid: "AC7c5d2ec1c3a1d9e4f0b2a8e6d5c4b3a2",
          ApiVersion: "2010-04-01",
        },
      ],
    });
  });

  it("keeps Twilio's ErrorCode on a failure callback", () => {
    const { reports } = parseCallback(twilioUndelivered);
    expect(reports[0]).toMatchObject({ MessageStatus: "undelivered", ErrorCode: "30003" });
  });

  it("reads Sinch's JSON report with its numeric code kept as a number", () => {
    expect(parseCallback(sinchDelivered)).toEqual({
      format: "json",
      reports: [
        {
          type: "recipient_delivery_report_sms",
          batch_id: SINCH_BATCH_ID,
          recipient: "+46700000000",
          code: 0,
          status: "Delivered",
          at: "2024-05-01T10:00:02.123Z",
          operator_status_at: "2024-05-01T10:00:01Z",
          client_reference: "msg_01HX3Q9ZP4S7",
        },
      ],
    });
  });

  it("reads Gupshup's GET callback from the query string, every value a string", () => {
    expect(parseCallback(gupshupGetDelivered)).toEqual({
      format: "query",
      reports: [
        {
          externalId: GUPSHUP_ID,
          deliveredTS: "1526347800000",
          status: "SUCCESS",
          cause: "SUCCESS",
          phoneNo: "919999999999",
          errCode: "000",
          noOfFrags: "1",
          mask: "TESTIN",
        },
      ],
    });
  });

  it("splits Gupshup's POST array into one report per event, in order", () => {
    const { format, reports } = parseCallback(gupshupPostEvents);
    expect(format).toBe("json");
    expect(reports).toHaveLength(2);
    expect(reports.map((r) => [r.externalId, r.eventType, r.destAddr])).toEqual([
      [GUPSHUP_ID, "DELIVERED", 919999999999],
      ["3798318073013708082-252169030017029882", "FAILED", 919892377777],
    ]);
  });

  it("reads the assumed Kaleyra JSON callback", () => {
    expect(parseCallback(kaleyraFailed).reports[0]).toMatchObject({ status: "Failed", error: "DND number" });
  });

  it("reads an SMPP receipt sent as text into its fields", () => {
    expect(parseCallback(smppReceiptText)).toEqual({
      format: "text",
      reports: [
        {
          id: "0123456789",
          sub: "001",
          dlvrd: "000",
          "submit date": "2405011530",
          "done date": "2405011531",
          stat: "UNDELIV",
          err: "001",
          text: "Your code is 1234",
        },
      ],
    });
  });
});

describe("parseCallback: methods and the query string", () => {
  it("ignores a GET body: the query string is the report", () => {
    const result = parseCallback({ method: "GET", contentType: "application/json", query: "?id=1", body: '{"id":"2"}' });
    expect(result).toEqual({ format: "query", reports: [{ id: "1" }] });
  });

  it("treats HEAD like GET and accepts a lower-case method", () => {
    expect(parseCallback({ method: "head", query: "a=1", body: "b=2" }).reports).toEqual([{ a: "1" }]);
    expect(parseCallback({ method: "post", query: "", body: "b=2" }).reports).toEqual([{ b: "2" }]);
  });

  it("gives no reports for a ping without data (GET or blank POST)", () => {
    expect(parseCallback({ method: "GET", query: "", body: "" })).toEqual({ format: "query", reports: [] });
    expect(parseCallback({ method: "GET", query: "?", body: "" })).toEqual({ format: "query", reports: [] });
    expect(parseCallback(post("  \n "))).toEqual({ format: "query", reports: [] });
  });

  it("reads the query string of a POST with a blank body", () => {
    expect(parseCallback(post("", "application/json", "msgid=9&status=DELIVRD"))).toEqual({
      format: "query",
      reports: [{ msgid: "9", status: "DELIVRD" }],
    });
  });

  it("adds URL parameters a POST body lacks, after the body's fields; the body wins a clash", () => {
    const { reports } = parseCallback(post('{"status":"DELIVRD","n":1}', "application/json", "?msgid=abc&status=IGNORED"));
    expect(reports).toEqual([{ status: "DELIVRD", n: 1, msgid: "abc" }]);
    expect(Object.keys(reports[0])).toEqual(["status", "n", "msgid"]);
  });

  it("adds URL parameters to every report of a batch", () => {
    const { reports } = parseCallback({ ...gupshupPostEvents, query: "connector=acme&externalId=nope" });
    expect(reports.map((r) => [r.connector, r.externalId])).toEqual([
      ["acme", GUPSHUP_ID],
      ["acme", "3798318073013708082-252169030017029882"],
    ]);
  });

  it("adds URL parameters to form, XML and text reports too", () => {
    expect(parseCallback(post("status=ok", "application/x-www-form-urlencoded", "id=1")).reports).toEqual([
      { status: "ok", id: "1" },
    ]);
    expect(parseCallback(post("<r><s>ok</s></r>", "application/xml", "id=1")).reports).toEqual([{ r: { s: "ok" }, id: "1" }]);
    expect(parseCallback(post("Delivered", "text/plain", "id=1")).reports).toEqual([{ text: "Delivered", id: "1" }]);
  });
});

describe("parseCallback: JSON", () => {
  it("keeps a wrapper object with a list as one report", () => {
    const body = '{"results":[{"id":"a","status":"D"},{"id":"b","status":"F"}],"count":2}';
    const { reports } = parseCallback(post(body, "application/json"));
    expect(reports).toEqual([{ results: [{ id: "a", status: "D" }, { id: "b", status: "F" }], count: 2 }]);
  });

  it("gives no reports for an empty array", () => {
    expect(parseCallback(post("[]", "application/json"))).toEqual({ format: "json", reports: [] });
  });

  it("rejects the whole call when one array element is not an object", () => {
    const error = malformed(post('[{"id":"1"},"oops",{"id":"3"}]', "application/json"));
    expect(error.message).toBe("Element [1] of the JSON array is a string, not a report object");
    expect(malformed(post('[{"id":"1"},null]')).message).toContain("is null");
    expect(malformed(post("[[1]]")).message).toContain("is an array");
    expect(malformed(post("[1]")).message).toContain("is a number");
  });

  it("explains invalid JSON with the parser's reason, without echoing the body", () => {
    const error = malformed(post('{"status":"DELIVRD",}', "application/json"));
    expect(error.message).toMatch(/^Invalid JSON: .*position 20/);
    const quoted = malformed(post('{"secret-ish": tru}', "application/json"));
    expect(quoted.message).toMatch(/^Invalid JSON: Unexpected token/);
    expect(quoted.message).not.toContain("secret-ish");
  });

  it("is a typed 400 error the route wrapper can map", () => {
    const error = malformed(post("{", "application/json"));
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("bad_request");
    expect(error.name).toBe("MalformedCallbackError");
    expect(error.reason).toBe(error.message);
  });

  it("caps a very long reason", () => {
    const error = new MalformedCallbackError("x".repeat(1000));
    expect(error.message).toHaveLength(300);
    expect(error.reason).toBe(error.message);
    expect(error.message.endsWith("…")).toBe(true);
  });

  it("keeps integers beyond 2^53 digit for digit, as strings", () => {
    const body = '{"msgid":3562707498794989059,"neg":-98765432109876543210,"small":12,"ts":1526347800000,"f":1.5e3,"s":"12345678901234567890"}';
    expect(parseCallback(post(body, "application/json")).reports[0]).toEqual({
      msgid: "3562707498794989059",
      neg: "-98765432109876543210",
      small: 12,
      ts: 1526347800000,
      f: 1500,
      s: "12345678901234567890",
    });
  });

  it("does not touch digits inside strings, even after escaped quotes", () => {
    const json = '{"a":"x\\"12345678901234567890","b":[12345678901234567890]}';
    expect(protectBigIntegers(json)).toBe('{"a":"x\\"12345678901234567890","b":["12345678901234567890"]}');
    expect(protectBigIntegers('{"a":1}')).toBe('{"a":1}');
  });

  it("keeps unicode text intact", () => {
    const body = JSON.stringify({ status: "डिलीवर", note: "Grüße 👋🏽", to: "+۹۱۹۹" });
    expect(parseCallback(post(body, "application/json")).reports[0]).toEqual({
      status: "डिलीवर",
      note: "Grüße 👋🏽",
      to: "+۹۱۹۹",
    });
  });

  it("keeps a __proto__ key as data without touching any prototype", () => {
    const { reports } = parseCallback(post('{"__proto__":{"polluted":"yes"},"id":"1"}', "application/json", "constructor=x"));
    const [report] = reports;
    expect(Object.getPrototypeOf(report)).toBe(Object.prototype);
    expect(Object.keys(report)).toEqual(["__proto__", "id", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(report.constructor).toBe("x");
  });
});

describe("parseCallback: content type sniffing", () => {
  it("reads JSON sent with a form or missing content type", () => {
    expect(parseCallback(post('{"id":"1"}', "application/x-www-form-urlencoded"))).toEqual({
      format: "json",
      reports: [{ id: "1" }],
    });
    expect(parseCallback(post('  \n[{"id":"1"}]', null)).format).toBe("json");
  });

  it("reads a form body sent as application/json", () => {
    expect(parseCallback(post("id=1&status=DELIVRD", "application/json"))).toEqual({
      format: "form",
      reports: [{ id: "1", status: "DELIVRD" }],
    });
  });

  it("reads XML sent as JSON or text", () => {
    expect(parseCallback(post("<r><id>1</id></r>", "application/json")).format).toBe("xml");
    expect(parseCallback(post("<r><id>1</id></r>", "text/plain")).format).toBe("xml");
  });

  it("recognises +json and +xml types and ignores charset parameters", () => {
    expect(parseCallback(post("x", "application/vnd.acme+json; charset=utf-8")).format).toBe("text");
    expect(parseCallback(post('{"a":1}', "Application/Vnd.Acme+JSON")).format).toBe("json");
    expect(parseCallback(post("<a>1</a>", "application/soap+xml;charset=UTF-8")).reports).toEqual([{ a: "1" }]);
  });

  it("keeps a text/plain body that only looks like JSON or XML as text", () => {
    expect(parseCallback(post("[DELIVRD] message 42", "text/plain")).reports).toEqual([{ text: "[DELIVRD] message 42" }]);
    expect(parseCallback(post("<<delivered>>", "text/plain")).reports).toEqual([{ text: "<<delivered>>" }]);
  });

  it("rejects a body that looks like JSON but is not, when not declared as text", () => {
    expect(malformed(post("[DELIVRD] message 42", null)).message).toMatch(/^Invalid JSON: /);
  });

  it("strips a byte order mark", () => {
    expect(parseCallback(post('\uFEFF{"id":"1"}', "application/json")).reports).toEqual([{ id: "1" }]);
  });
});

describe("parseCallback: form and text", () => {
  it("turns repeated form keys into arrays, decodes + and UTF-8, keeps bracketed keys literally", () => {
    const body = "to=%2B91999&to=%2B91888&msg=Hello+World&name=%E0%A4%A8%E0%A4%AE%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A5%87&a%5Bb%5D=1&=dropped";
    expect(parseCallback(post(body, "application/x-www-form-urlencoded")).reports).toEqual([
      { to: ["+91999", "+91888"], msg: "Hello World", name: "नमस्ते", "a[b]": "1" },
    ]);
  });

  it("keeps a __proto__ form key as an own field", () => {
    const [report] = parseCallback(post("__proto__=x&id=1", "application/x-www-form-urlencoded")).reports;
    expect(Object.keys(report)).toEqual(["__proto__", "id"]);
    expect(Object.getPrototypeOf(report)).toBe(Object.prototype);
  });

  it("reads any form content as a form, even a lone word", () => {
    expect(parseCallback(post("hello", "application/x-www-form-urlencoded")).reports).toEqual([{ hello: "" }]);
  });

  it("reads key=value pairs in text as a form", () => {
    expect(parseCallback(post("id=42&status=DELIVRD&note=all good", "text/plain"))).toEqual({
      format: "form",
      reports: [{ id: "42", status: "DELIVRD", note: "all good" }],
    });
  });

  it("reads key=value lines as text fields, first value wins", () => {
    expect(parseCallback(post("id = 42\r\nstatus=DELIVRD\n\nstatus=LATER\n", "text/plain"))).toEqual({
      format: "text",
      reports: [{ id: "42", status: "DELIVRD" }],
    });
  });

  it("keeps other text whole, trimmed", () => {
    expect(parseCallback(post("  Message 42 was delivered to +91 99999.\n", null))).toEqual({
      format: "text",
      reports: [{ text: "Message 42 was delivered to +91 99999." }],
    });
  });

  it("reads an SMPP receipt whose message excerpt contains receipt keys, with any key case", () => {
    const body = "ID:abc sub:001 dlvrd:001 submit date:2405011530 done date:2405011531 Stat:DELIVRD err:000 text:id:1 stat:x";
    expect(parseCallback(post(body)).reports[0]).toEqual({
      ID: "abc",
      sub: "001",
      dlvrd: "001",
      "submit date": "2405011530",
      "done date": "2405011531",
      Stat: "DELIVRD",
      err: "000",
      text: "id:1 stat:x",
    });
  });

  it("does not mistake text mentioning an id for a receipt", () => {
    expect(parseCallback(post("order id:55 shipped")).reports).toEqual([{ text: "order id:55 shipped" }]);
  });
});

describe("parseCallback: XML", () => {
  it("keeps attributes with @_, attributes first, values as strings", () => {
    const body = '<?xml version="1.0"?><DLR><id>0042</id><status code="000" final="yes">DELIVRD</status><empty/></DLR>';
    const { format, reports } = parseCallback(post(body, "application/xml"));
    expect(format).toBe("xml");
    expect(reports).toEqual([
      { DLR: { id: "0042", status: { "@_code": "000", "@_final": "yes", "#text": "DELIVRD" }, empty: "" } },
    ]);
    expect(Object.keys((reports[0].DLR as Record<string, unknown>).status as object)).toEqual([
      "@_code",
      "@_final",
      "#text",
    ]);
  });

  it("splits a root holding a repeated element into reports with the same paths as a batch of one", () => {
    const { reports } = parseCallback(xmlBatch);
    expect(reports).toEqual([
      {
        DELIVERYREPORT: {
          "@_account": "acme",
          MESSAGE: { "@_ID": "7001", "@_SEQ": "1", STATUS: { "@_REASON": "DELIVRD", "@_ERR": "000", "#text": "Delivered" } },
        },
      },
      {
        DELIVERYREPORT: {
          "@_account": "acme",
          MESSAGE: { "@_ID": "7002", "@_SEQ": "1", STATUS: { "@_REASON": "EXPIRED", "@_ERR": "027", "#text": "Failed" } },
        },
      },
    ]);
    const single = parseCallback(post('<DELIVERYREPORT account="acme"><MESSAGE ID="7001"><STATUS>x</STATUS></MESSAGE></DELIVERYREPORT>'));
    expect(single.reports).toEqual([{ DELIVERYREPORT: { "@_account": "acme", MESSAGE: { "@_ID": "7001", STATUS: "x" } } }]);
  });

  it("keeps sibling elements in every split report", () => {
    const body = "<batch><sent>2</sent><report><id>1</id></report><report><id>2</id></report><footer>end</footer></batch>";
    expect(parseCallback(post(body)).reports).toEqual([
      { batch: { sent: "2", report: { id: "1" }, footer: "end" } },
      { batch: { sent: "2", report: { id: "2" }, footer: "end" } },
    ]);
  });

  it("does not split repeated text elements, two different lists, or lists below the root's children", () => {
    expect(parseCallback(post("<r><to>1</to><to>2</to></r>")).reports).toEqual([{ r: { to: ["1", "2"] } }]);
    expect(parseCallback(post("<r><a><x>1</x></a><a><x>2</x></a><b><y>1</y></b><b><y>2</y></b></r>")).reports).toHaveLength(1);
    expect(parseCallback(post("<r><list><a><x>1</x></a><a><x>2</x></a></list></r>")).reports).toHaveLength(1);
  });

  it("decodes the predefined entities and character references once", () => {
    const body = '<r note="a &amp; b"><t>&lt;ok&gt; &quot;x&quot; &apos;y&apos; &#233; &#x1F600; &amp;lt; &nbsp; &#0; &#xD800;</t></r>';
    expect(parseCallback(post(body)).reports).toEqual([
      { r: { "@_note": "a & b", t: "<ok> \"x\" 'y' é 😀 &lt; &nbsp; &#0; &#xD800;" } },
    ]);
  });

  it("accepts sloppy XML a provider may send: a raw ampersand", () => {
    expect(parseCallback(post("<r><t>A & B</t></r>")).reports).toEqual([{ r: { t: "A & B" } }]);
  });

  it("never expands DOCTYPE entities (billion laughs)", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("\n");
    const body = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${levels}\n]>\n<lolz><status>&lol9;</status></lolz>`;
    const started = Date.now();
    const { reports } = parseCallback(post(body, "application/xml"));
    expect(reports).toEqual([{ lolz: { status: "&lol9;" } }]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("rejects external entity declarations outright, but accepts a DTD reference", () => {
    const body = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r><id>&xxe;</id></r>';
    expect(malformed(post(body)).message).toBe("Invalid XML: External entities are not supported");
    const withDtd = '<!DOCTYPE DLR SYSTEM "http://provider.example/dlr.dtd"><DLR><id>1</id></DLR>';
    expect(parseCallback(post(withDtd)).reports).toEqual([{ DLR: { id: "1" } }]);
  });

  it("leaves an undefined entity as written", () => {
    expect(parseCallback(post("<r><id>&unknown;</id></r>")).reports).toEqual([{ r: { id: "&unknown;" } }]);
  });

  it("keeps namespace prefixes and text in CDATA", () => {
    const body = '<s:Envelope xmlns:s="urn:x"><s:Body><msg><![CDATA[5 < 6 & fine]]></msg></s:Body></s:Envelope>';
    expect(parseCallback(post(body)).reports).toEqual([
      { "s:Envelope": { "@_xmlns:s": "urn:x", "s:Body": { msg: "5 < 6 & fine" } } },
    ]);
  });

  it("keeps unicode element text", () => {
    expect(parseCallback(post("<r><s>配達済み ✅</s></r>")).reports).toEqual([{ r: { s: "配達済み ✅" } }]);
  });

  it("explains broken XML with a line and column", () => {
    expect(malformed(post("<r>\n<id>1</id><stat", "application/xml")).message).toMatch(
      /^Invalid XML: .*\(line \d+, column \d+\)$/,
    );
  });

  it("rejects XML without any element and element names that could pollute prototypes", () => {
    expect(malformed(post("<!-- nothing here -->")).message).toBe("Invalid XML: no element found");
    expect(malformed(post("<<delivered>>")).message).toBe("Invalid XML: no element found");
    expect(malformed(post("<r><__proto__><x>1</x></__proto__></r>")).message).toMatch(/^Invalid XML: .*__proto__/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("rejects XML nested deeper than the limit", () => {
    const body = `${"<a>".repeat(MAX_REPORT_DEPTH + 5)}x${"</a>".repeat(MAX_REPORT_DEPTH + 5)}`;
    expect(malformed(post(body)).message).toBe(`Invalid XML: nested deeper than ${MAX_REPORT_DEPTH} levels`);
  });

  it("rejects an XML batch with too many reports", () => {
    const items = "<m><id>1</id></m>".repeat(MAX_REPORTS_PER_CALLBACK + 1);
    expect(malformed(post(`<r>${items}</r>`)).message).toMatch(/^Too many reports/);
  });
});

describe("parseCallback: limits", () => {
  const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${"}".repeat(levels - 1)}`;

  it("accepts a report nested exactly to the limit and rejects one level more", () => {
    expect(parseCallback(post(nested(MAX_REPORT_DEPTH))).reports).toHaveLength(1);
    expect(malformed(post(nested(MAX_REPORT_DEPTH + 1))).message).toBe(
      `The report is nested deeper than ${MAX_REPORT_DEPTH} levels`,
    );
  });

  it("names the report that is too deep in a batch", () => {
    expect(malformed(post(`[{"id":1},${nested(MAX_REPORT_DEPTH + 1)}]`)).message).toBe(
      `Report 1 is nested deeper than ${MAX_REPORT_DEPTH} levels`,
    );
  });

  it("rejects very deep JSON quickly, without exhausting the stack", () => {
    const started = Date.now();
    expect(malformed(post(nested(50_000))).message).toMatch(/nested deeper/);
    expect(malformed(post(`${"[".repeat(50_000)}${"]".repeat(50_000)}`)).message).toMatch(/is an array/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("accepts a batch at the report limit and rejects one more", () => {
    const batch = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: String(i) })));
    expect(parseCallback(post(batch(MAX_REPORTS_PER_CALLBACK))).reports).toHaveLength(MAX_REPORTS_PER_CALLBACK);
    expect(malformed(post(batch(MAX_REPORTS_PER_CALLBACK + 1))).message).toBe(
      `Too many reports in one callback: ${MAX_REPORTS_PER_CALLBACK + 1} (at most ${MAX_REPORTS_PER_CALLBACK})`,
    );
  });

  it("rejects a huge array of reports without checking each element first", () => {
    const body = `[${Array.from({ length: 100_000 }, () => "1").join(",")}]`;
    expect(malformed(post(body)).message).toMatch(/^Too many reports in one callback: 100000/);
  });

  it("keeps a huge array inside one report", () => {
    const to = Array.from({ length: 20_000 }, (_, i) => i);
    const { reports } = parseCallback(post(JSON.stringify({ id: "x", to })));
    expect(reports).toHaveLength(1);
    expect((reports[0].to as number[]).length).toBe(20_000);
  });
});

describe("decodeXmlEntities", () => {
  it("leaves text without entities untouched", () => {
    expect(decodeXmlEntities("plain")).toBe("plain");
  });

  it("leaves out-of-range character references as written", () => {
    expect(decodeXmlEntities("&#1114112; &#x110000; &#65;")).toBe("&#1114112; &#x110000; A");
  });
});
