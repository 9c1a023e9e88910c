// The route table: the generic shapes, then every native provider in the registry that has an emulation.
// The list of providers is the registry's own, so a new provider folder with an emulation.ts is served
// without a change here.
import type { ProviderEmulation, ReportBuilder, ReportStyle } from "@/lib/providers/emulation";
import { PROVIDERS, type NativeKind } from "@/lib/providers/registry";
import type { BodyKind } from "./bodies";
import { GENERIC_ROUTES } from "./generic";
import { GENERIC_DLR_FORMATS, type ProviderName, type RouteName } from "./types";

export interface NativeEmulation {
  kind: NativeKind;
  label: string;
  emulation: ProviderEmulation;
}

export interface GatewayEmulation {
  /** "kannel", or "scripted:<path>": each scripted route reports in its own shape. */
  kind: "kannel" | `scripted:${string}`;
  name: "kannel" | "scripted";
  emulation: ProviderEmulation;
}

export interface Route {
  name: RouteName;
  provider: ProviderName;
  methods: ReadonlySet<string> | null;
  pattern: RegExp;
  bodyFallback: BodyKind;
  emulation: ProviderEmulation;
}

let loading: Promise<NativeEmulation[]> | null = null;

/** Every provider's emulation, loaded once per process (the registry only says how to import them). */
export function loadNativeEmulations(): Promise<NativeEmulation[]> {
  loading ??= Promise.all(
    PROVIDERS.flatMap(({ preset, emulation }) =>
      emulation ? [emulation().then((module): NativeEmulation => ({ kind: preset.kind, label: preset.label, emulation: module.emulation }))] : [],
    ),
  ).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

export class RouteTable {
  readonly routes: Route[];
  /** The native report formats by name: twilio, sinch, gupshup-get … */
  readonly reportFormats = new Map<string, ReportBuilder>();
  private readonly reportStyles = new Map<string, ReportStyle>();

  /** `gateways`: Kannel and scripted shapes (gateways.ts), matched before the natives. */
  constructor(generic: ProviderEmulation, natives: readonly NativeEmulation[], gateways: readonly GatewayEmulation[] = []) {
    this.routes = GENERIC_ROUTES.map((route) => ({ ...toRoute(route, generic), name: route.name, provider: "generic" as const }));
    const sources = [...gateways, ...natives.map(({ kind, emulation }) => ({ kind, name: kind, emulation }))];
    for (const { kind, name: routeName, emulation } of sources) {
      for (const route of emulation.routes) this.routes.push({ ...toRoute(route, emulation), name: routeName, provider: kind });
      if (emulation.reports) this.reportStyles.set(kind, emulation.reports);
      for (const [name, build] of Object.entries(emulation.reportFormats ?? {})) {
        if ((GENERIC_DLR_FORMATS as readonly string[]).includes(name) || this.reportFormats.has(name)) {
          throw new Error(`The ${kind} emulation's report format "${name}" is already taken`);
        }
        this.reportFormats.set(name, build);
      }
    }
  }

  match(method: string, pathname: string): { route: Route; pathParams: string[] } | null {
    for (const route of this.routes) {
      if (route.methods && !route.methods.has(method)) continue;
      const match = route.pattern.exec(pathname);
      if (match) return { route, pathParams: match.slice(1).map(decodeURIComponent) };
    }
    return null;
  }

  /** How a native provider words its reports; null for generic sends (the auto-DLR settings decide). */
  reportStyleOf(provider: string): ReportStyle | null {
    return this.reportStyles.get(provider) ?? null;
  }
}

function toRoute(route: ProviderEmulation["routes"][number], emulation: ProviderEmulation) {
  return { methods: route.methods ? new Set(route.methods) : null, pattern: route.pattern, bodyFallback: route.bodyFallback, emulation };
}
