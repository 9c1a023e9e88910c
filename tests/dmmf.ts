// Prisma's schema parser (WebAssembly, works offline) → the DMMF: models, fields, enums, indexes.
import { get_dmmf } from "@prisma/prisma-schema-wasm";

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum";
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}

export interface Dmmf {
  models: Array<{ name: string; dbName: string | null; fields: DmmfField[] }>;
  enums: Array<{ name: string; values: Array<{ name: string }> }>;
  indexes: Array<{ model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: Array<{ name: string }> }>;
}

export function getDMMF(schema: string): Dmmf {
  return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))).datamodel as Dmmf;
}
