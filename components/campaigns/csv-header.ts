// The header row of an audience CSV, read in the browser from the file's first bytes, so the phone column can be
// chosen from the file's own columns before (or after) an upload. Read the way the server reads it
// (lib/campaigns/audience.ts): a BOM dropped, comma or semicolon — whichever the first line has more of outside
// quotes — quoted names with doubled quotes, names trimmed, a blank name read as column_<n>.

/** The columns of the CSV that starts with `text`, or null when it has no header to read. */
export function readCsvHeader(text: string): string[] | null {
  const body = text.replace(/^\uFEFF/, "").replace(/^(\r?\n)+/, "");
  if (!body.trim()) return null;
  const delimiter = sniffDelimiter(body.split("\n")[0]);
  const names: string[] = [];
  let value = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        value += '"';
        i++;
      } else if (char === '"') quoted = false;
      else value += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      names.push(value);
      value = "";
    } else if (char === "\n" || char === "\r") break;
    else value += char;
  }
  names.push(value);
  return names.map((name, index) => name.trim() || `column_${index + 1}`);
}

function sniffDelimiter(line: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ",") commas += 1;
    else if (!quoted && char === ";") semicolons += 1;
  }
  return semicolons > commas ? ";" : ",";
}

/** The header of a chosen file: its first 64 KB are plenty (the server refuses longer rows). */
export async function readFileHeader(file: Blob): Promise<string[] | null> {
  try {
    return readCsvHeader(await file.slice(0, 64 * 1024).text());
  } catch {
    return null;
  }
}
