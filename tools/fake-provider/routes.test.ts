// The route table comes from the registry: every native provider brings its emulation, nothing is listed here.
import { describe, expect, it } from "vitest";
import type { ProviderEmulation } from "@/lib/providers/emulation";
import { PROVIDERS } from "@/lib/providers/registry";
import { genericEmulation } from "./generic";
import { loadNativeEmulations, RouteTable } from "./routes";

/** "/v1/:sid/messages" → "/v1/x/messages" */
function concrete(path: string): string {
  return path.replace(/:[^/]+/g, "x");
}

describe("route table", () => {
  it("has an emulation for every provider in the registry", async () => {
    const natives = await loadNativeEmulations();

    expect(natives.map((native) => native.kind)).toEqual(PROVIDERS.map((provider) => provider.preset.kind));
  });

  it("serves each emulation's routes under the provider's kind", async () => {
    const table = new RouteTable(genericEmulation(new Set()), await loadNativeEmulations());

    for (const { kind, emulation } of await loadNativeEmulations()) {
      for (const route of emulation.routes) {
        const method = route.methods?.[0] ?? "POST";
        expect(table.match(method, concrete(route.path))?.route, `${method} ${route.path}`).toMatchObject({ name: kind, provider: kind });
      }
    }
    expect(table.match("DELETE", "/json/send")?.route).toMatchObject({ name: "json", provider: "generic" });
    expect(table.match("GET", "/2010-04-01/Accounts/x/Messages.json")).toBeNull();
  });

  it("knows the providers' own report formats", async () => {
    const table = new RouteTable(genericEmulation(new Set()), await loadNativeEmulations());

    expect([...table.reportFormats.keys()]).toEqual(["twilio", "sinch", "gupshup-get", "gupshup-post", "kaleyra"]);
  });

  it("refuses a report format name that is already taken", async () => {
    const [twilio] = await loadNativeEmulations();
    const copy: ProviderEmulation = { ...twilio.emulation, routes: [] };

    expect(() => new RouteTable(genericEmulation(new Set()), [twilio, { ...twilio, kind: "sinch", emulation: copy }])).toThrow(/report format "twilio" is already taken/);
    expect(() => new RouteTable(genericEmulation(new Set()), [{ ...twilio, emulation: { ...copy, reportFormats: { json: copy.reportFormats!.twilio } } }])).toThrow(/"json" is already taken/);
  });
});
