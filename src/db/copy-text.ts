// Rows in PostgreSQL's COPY text format (`copy … from stdin`, and PGlite's '/dev/blob'): values
// separated by tabs, a row a line, null as \N; the characters that would end a value or a row are
// escaped. Used by `Db.copyIn` callers (the location ingest) to load a batch in one statement.

/** One value in COPY's text format: \N for null; backslash, tab, newline and return escaped. */
export function copyValue(value: string | number | boolean | null): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string);
}
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** Rows in COPY's text format: values separated by tabs, a row a line. */
export function copyText(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  let text = "";
  for (const row of rows) text += `${row.map(copyValue).join("\t")}\n`;
  return text;
}
