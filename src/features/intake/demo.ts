// Handovers waiting in the demo county, so that a new user of 入矫登记 sees the statutory clock at work:
// one person past the reporting deadline (flagged), one due in a few days with the judgment uploaded,
// one just received. Deterministic: fixed ids, names and times from the demo's `today`.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { makeIdNumber } from "../../shared/id-number.ts";
import "./tables.ts";

const DAY = 86_400_000;
const shift = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** A one-page PDF saying what it is (the demo's stand-in for a scanned judgment). */
function demoPdf(title: string): Buffer {
  const text = `(${title}) Tj`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length + 28} >>\nstream\nBT /F1 18 Tf 72 760 Td ${text} ET\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export async function demoHandovers(trx: Kysely<Database>, countyId: string, today: string): Promise<number> {
  const offices = await trx
    .selectFrom("place")
    .select(["id", "name"])
    .where("parent_id", "=", countyId)
    .where("kind", "=", "office")
    .orderBy("id")
    .execute();
  const staff = await trx
    .selectFrom("app_user")
    .select("id")
    .where("username", "=", "agency.staff1")
    .executeTakeFirst();
  if (offices.length === 0) return 0;
  const people = [
    {
      name: "冯志刚",
      birth: "1979-08-23",
      seq: 997,
      effective: -14,
      crime: "盗窃罪",
      category: "theft",
      type: "probation",
    },
    {
      name: "陈雪梅",
      birth: "1991-02-17",
      seq: 996,
      effective: -6,
      crime: "诈骗罪",
      category: "fraud",
      type: "probation",
    },
    {
      name: "何俊杰",
      birth: "1995-12-05",
      seq: 995,
      effective: -1,
      crime: "危险驾驶罪",
      category: "dangerous_driving",
      type: "probation",
    },
  ] as const;
  let n = 0;
  for (const [i, p] of people.entries()) {
    const id = `demo-handover-${countyId}-${i + 1}`;
    const effective = shift(today, p.effective);
    const office = offices[i % offices.length]!;
    await trx
      .insertInto("handover")
      .values({
        id,
        county_id: countyId,
        deciding_organ: "青禾县人民法院",
        judgment_number: `（${today.slice(0, 4)}）青刑初${800 + i}号`,
        judgment_date: shift(today, p.effective - 12),
        judgment_effective_date: effective,
        notice_number: `青法执通〔${today.slice(0, 4)}〕${800 + i}号`,
        received_on: shift(today, p.effective + 1),
        correction_type: p.type,
        term_start: effective,
        term_end: shift(today, p.effective + 365 * 2 - 1),
        sentence_text: "判处有期徒刑一年，缓刑二年",
        crime_text: p.crime,
        crime_categories: JSON.stringify([p.category]),
        person_name: p.name,
        person_id_number: makeIdNumber(countyId, p.birth, p.seq),
        proposed_office_id: office.id,
        created_by: staff?.id ?? null,
        created_at: new Date(`${shift(today, p.effective + 1)}T09:30:00+08:00`),
      })
      .execute();
    if (i === 1) {
      const pdf = demoPdf(`Judgment ${today.slice(0, 4)}-${800 + i} (demo)`);
      await trx
        .insertInto("handover_document")
        .values({
          id: `${id}-judgment`,
          handover_id: id,
          kind: "judgment",
          file_name: "判决书.pdf",
          content_type: "application/pdf",
          size_bytes: pdf.length,
          sha256: createHash("sha256").update(pdf).digest("hex"),
          content: pdf,
          uploaded_by: staff?.id ?? null,
          uploaded_at: new Date(`${shift(today, p.effective + 1)}T09:40:00+08:00`),
        })
        .execute();
    }
    n++;
  }
  return n;
}
