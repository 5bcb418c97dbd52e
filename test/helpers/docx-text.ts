// Reads the text of a .docx (a zip holding word/document.xml) without any dependency: finds the entry
// in the zip's central directory, inflates it, and joins the text runs. For tests that read back an
// exported document.
import { inflateRawSync } from "node:zlib";

export function zipEntry(zip: Buffer, name: string): Buffer | null {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip file");
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entryName = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    if (entryName === name) {
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataStart, dataStart + compressed);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

/** The document's text, paragraphs separated by new lines. */
export function docxText(docx: Buffer): string {
  const xml = zipEntry(docx, "word/document.xml")?.toString("utf8");
  if (!xml) throw new Error("no word/document.xml in the file");
  return xml
    .split(/<\/w:p>/)
    .map((para) =>
      [...para.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) =>
          m[1]!
            .replace(/&lt;/g, "<")
            .replace(/&gt;/g, ">")
            .replace(/&quot;/g, '"')
            .replace(/&amp;/g, "&"),
        )
        .join(""),
    )
    .filter((line) => line.length > 0)
    .join("\n");
}

/** The raw XML of a part (styles, document), for checks of fonts and page size. */
export function docxPart(docx: Buffer, part: string): string {
  return zipEntry(docx, part)?.toString("utf8") ?? "";
}
