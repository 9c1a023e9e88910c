// Fails when prisma/schema.prisma and prisma/migrations disagree. Prisma's own `migrate diff` needs an
// engine binary this offline machine cannot download, so we compare the two ourselves: the schema's DMMF
// (from Prisma's schema WebAssembly) against the database the migrations produced.
import { readFileSync } from "node:fs";
import { getDMMF } from "./dmmf";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
beforeAll(() => client.connect());
afterAll(() => client.end());

const dmmf = getDMMF(readFileSync("prisma/schema.prisma", "utf8"));
const enumNames = new Set(dmmf.enums.map((e) => e.name));
const scalarTypes: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Float: "double precision",
  Bytes: "bytea",
};
/** Defaults Prisma fills in on the client; the database column has none. */
const clientSideDefaults = new Set(["cuid", "uuid", "nanoid", "ulid"]);

/** `@db.Timestamp(6)` and friends: the type the column must have instead of the scalar's default. */
function nativeType(field: { nativeType?: [string, string[]] | null }): string | null {
  if (!field.nativeType) return null;
  const [name, args] = field.nativeType;
  if (name === "Timestamp") return `timestamp(${args[0] ?? 3})`;
  return `${name.toLowerCase()}${args.length ? `(${args.join(",")})` : ""}`;
}

function expectedColumns(): string[] {
  return dmmf.models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind !== "object")
      .map((field) => {
        const type = field.kind === "enum" ? `enum ${field.type}` : nativeType(field) ?? scalarTypes[field.type] ?? field.type;
        const defaultName = typeof field.default === "object" && field.default && "name" in field.default ? field.default.name : null;
        const dbDefault = field.hasDefaultValue && !clientSideDefaults.has(String(defaultName)) ? "default" : "no default";
        return `${model.dbName ?? model.name}.${field.dbName ?? field.name}: ${type}${field.isList ? "[]" : ""} ${field.isRequired ? "not null" : "null"} ${dbDefault}`;
      }),
  ).sort();
}

async function actualColumns(): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string; column_default: string | null; datetime_precision: number | null }>(
    `select table_name, column_name, data_type, udt_name, is_nullable, column_default, datetime_precision
       from information_schema.columns where table_schema = 'public' and table_name <> '_prisma_migrations'`,
  );
  return rows
    .map((c) => {
      let type = c.data_type;
      if (c.data_type === "USER-DEFINED" && enumNames.has(c.udt_name)) type = `enum ${c.udt_name}`;
      if (c.data_type === "timestamp without time zone") type = `timestamp(${c.datetime_precision})`;
      if (c.data_type === "ARRAY") type = `${scalarTypes[c.udt_name.replace(/^_/, "")] ?? c.udt_name}[]`;
      return `${c.table_name}.${c.column_name}: ${type} ${c.is_nullable === "NO" ? "not null" : "null"} ${c.column_default === null ? "no default" : "default"}`;
    })
    .sort();
}

function expectedIndexes(): string[] {
  return dmmf.indexes
    .map((index) => `${index.model} ${index.type === "id" ? "primary" : index.type === "unique" ? "unique" : "index"} (${index.fields.map((f) => f.name).join(", ")})`)
    .sort();
}

async function actualIndexes(): Promise<string[]> {
  const { rows } = await client.query<{ table: string; primary: boolean; unique: boolean; columns: string[] }>(
    `select t.relname as table, ix.indisprimary as primary, ix.indisunique as unique,
            array(select a.attname from unnest(ix.indkey) with ordinality k(attnum, n)
                  join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.n)::text[] as columns
       from pg_index ix join pg_class t on t.oid = ix.indrelid join pg_namespace ns on ns.oid = t.relnamespace
      where ns.nspname = 'public' and t.relname <> '_prisma_migrations'`,
  );
  return rows.map((r) => `${r.table} ${r.primary ? "primary" : r.unique ? "unique" : "index"} (${r.columns.join(", ")})`).sort();
}

function expectedForeignKeys(): string[] {
  return dmmf.models
    .flatMap((model) =>
      model.fields
        .filter((f) => f.kind === "object" && f.relationFromFields?.length)
        .map((f) => `${model.name}(${f.relationFromFields!.join(", ")}) -> ${f.type}(${f.relationToFields!.join(", ")}) on delete ${(f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull")).toLowerCase()}`),
    )
    .sort();
}

async function actualForeignKeys(): Promise<string[]> {
  const actions: Record<string, string> = { a: "noaction", r: "restrict", c: "cascade", n: "setnull", d: "setdefault" };
  const { rows } = await client.query<{ from_table: string; from_cols: string[]; to_table: string; to_cols: string[]; on_delete: string }>(
    `select c.conrelid::regclass::text as from_table, c.confrelid::regclass::text as to_table, c.confdeltype as on_delete,
            array(select a.attname from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k)::text[] as from_cols,
            array(select a.attname from unnest(c.confkey) k join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k)::text[] as to_cols
       from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
  );
  const unquote = (name: string) => name.replace(/"/g, "");
  return rows.map((r) => `${unquote(r.from_table)}(${r.from_cols.join(", ")}) -> ${unquote(r.to_table)}(${r.to_cols.join(", ")}) on delete ${actions[r.on_delete]}`).sort();
}

describe("schema.prisma matches the migrations", () => {
  it("has the same tables and columns (type, nullability, default)", async () => {
    expect(await actualColumns()).toEqual(expectedColumns());
  });

  it("has the same primary keys, unique constraints and indexes", async () => {
    expect(await actualIndexes()).toEqual(expectedIndexes());
  });

  it("has the same foreign keys with the same delete rules", async () => {
    expect(await actualForeignKeys()).toEqual(expectedForeignKeys());
  });

  it("has the same enums and values", async () => {
    const { rows } = await client.query<{ name: string; values: string[] }>(
      `select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder)::text[] as values
         from pg_type t join pg_enum e on e.enumtypid = t.oid where t.typnamespace = 'public'::regnamespace group by t.typname`,
    );
    const actual = rows.map((r) => `${r.name}: ${r.values.join(", ")}`).sort();
    expect(actual).toEqual(dmmf.enums.map((e) => `${e.name}: ${e.values.map((v) => v.name).join(", ")}`).sort());
  });
});
