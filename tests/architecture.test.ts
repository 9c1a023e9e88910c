// The client–server seam (docs/architecture.md), checked on the source text: route folders hold routes only,
// components never import routes, server actions never import components, and no module imports itself
// back through others.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(path.join(ROOT, file)).isDirectory()) return name === "generated" ? [] : sourceFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** What a file imports (and re-exports from), as written; `typeOnly` for `import type` / `export type`. */
function importsOf(file: string): Array<{ specifier: string; typeOnly: boolean }> {
  return [...read(file).matchAll(/^\s*(?:import|export)\s+(type\s+)?[^;]*?\sfrom\s+"([^"]+)"/gm)].map((match) => ({ specifier: match[2], typeOnly: !!match[1] }));
}

/** The repository path an import points at (without extension), or null for a package. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.join(path.dirname(file), specifier);
  return null;
}

function resolveFile(base: string): string | null {
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (existsSync(path.join(ROOT, candidate))) return candidate;
  return null;
}

const isServerAction = (file: string) => /^\s*(\/\/[^\n]*\n|\s)*["']use server["']/.test(read(file));

describe("the client–server seam", () => {
  it("components never import from app/", () => {
    const offending = sourceFiles("components").flatMap((file) =>
      importsOf(file)
        .filter(({ specifier }) => target(file, specifier)?.startsWith("app/"))
        .map(({ specifier }) => `${file} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it("server actions live in server/actions/, go through runAction and never import components", () => {
    const actions = ["app", "components", "server", "lib"].flatMap(sourceFiles).filter(isServerAction);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((file) => !file.startsWith("server/actions/"))).toEqual([]);
    for (const file of actions) {
      const fromComponents = importsOf(file).filter(({ specifier }) => target(file, specifier)?.startsWith("components/"));
      expect(fromComponents.map(({ specifier }) => specifier), file).toEqual([]);
      // Each exported function is an endpoint: its body must run through the wrapper that checks the actor.
      for (const exported of read(file).split(/^export /m).slice(1).filter((chunk) => !/^(type|interface) /.test(chunk))) {
        expect(exported, `${file}: export ${exported.split("(")[0]}`).toMatch(/^async function [\s\S]*?\brunAction\(/);
      }
    }
  });

  it("route folders hold pages, layouts and route handlers only", () => {
    const others = sourceFiles("app").filter((file) => !/^(page|layout|route|not-found|error|loading)\.tsx?$/.test(path.basename(file)));
    expect(others).toEqual([]);
  });

  it("has no import circle anywhere in the tree, type imports included", async () => {
    const { default: madge } = await import("madge");
    const roots = ["app", "components", "server", "lib", "tools", "scripts", "bench", "e2e", "tests", "instrumentation.ts"].filter((root) => existsSync(path.join(ROOT, root)));
    const result = await madge(
      roots.map((root) => path.join(ROOT, root)),
      { baseDir: ROOT, tsConfig: path.join(ROOT, "tsconfig.json"), fileExtensions: ["ts", "tsx"], excludeRegExp: [/lib\/generated\//, /node_modules/] },
    );
    expect(result.circular()).toEqual([]);
  });
});
