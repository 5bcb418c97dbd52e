// Word documents of the yearly review of the books (seed 000 §十二): the year's report (results per
// office, every reviewed book with its score) and the booklet of excellent cases (优秀案例汇编). A4,
// 宋体 body and 黑体 headings like the book export.
import { AlignmentType, Paragraph, type Table, TextRun } from "docx";
import type { bookletCases, YearReview } from "../features/review/service.ts";
import { reviewMethodLabel } from "../glossary.ts";
import { a4Document, gridTable, HEADING_FONT, heading, labelTable, p } from "./book-docx.ts";

function title(text: string) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 360 },
    children: [new TextRun({ text, font: HEADING_FONT, bold: true, size: 40 })],
  });
}

const dash = (n: number | null) => (n === null ? "—" : String(n));

export function reviewReportDocx(review: YearReview, county: string, madeOn: string): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    title(`${county}${review.year}年度个案矫正方案成效评估报告`),
    p(
      `依据《一人一册实施方案》§十二，采取互查互评、集中评查和随机抽查相结合的方式开展个案评查。制作日期：${madeOn}`,
    ),
    heading("一、各司法所评查结果"),
    gridTable(
      ["司法所", "评查本数", "平均分", "互查互评", "集中评查", "随机抽查", "优秀案例"],
      review.results.map((r) => [
        r.office.name,
        String(r.reviewed),
        dash(r.average),
        `${r.byMethod.mutual!.reviewed} 本 / ${dash(r.byMethod.mutual!.average)}`,
        `${r.byMethod.central!.reviewed} 本 / ${dash(r.byMethod.central!.average)}`,
        `${r.byMethod.random!.reviewed} 本 / ${dash(r.byMethod.random!.average)}`,
        String(r.excellent),
      ]),
    ),
    heading("二、随机抽查"),
    review.sample
      ? p(
          `从 ${review.sample.populationSize} 本中抽取 ${review.sample.count} 本；随机种子 ${review.sample.seed}（按 sha256(种子:编号) 由小到大抽取，任何人可复核）。`,
        )
      : p("本年度尚未抽取随机抽查名单。"),
    heading("三、逐本评查情况"),
    gridTable(
      ["工作记录本编号", "姓名", "司法所", "方式", "评查单位", "得分", "总体评价"],
      review.reviews.map((r) => [
        r.subject.bookNumber ?? "",
        r.subject.name,
        r.office.name,
        reviewMethodLabel[r.method] ?? r.method,
        r.reviewerOffice ?? "社区矫正机构",
        String(r.total),
        r.overall ?? "",
      ]),
    ),
  ];
  for (const r of review.reviews) {
    children.push(
      heading(`${r.subject.bookNumber ?? ""} ${r.subject.name}（${r.methodLabel}，${r.total} 分）`, 2),
    );
    children.push(
      gridTable(
        ["部分", "得分", "评语"],
        r.sections.map((s) => [s.label, String(s.score), s.remark ?? ""]),
      ),
    );
  }
  return a4Document(`${review.year}年度评查报告`, children);
}

export function excellentBookletDocx(
  cases: Awaited<ReturnType<typeof bookletCases>>,
  options: {
    year: number;
    county: string;
    unmasked: boolean;
    madeOn: string;
    mask: (name: string) => string;
  },
): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    title(`${options.county}${options.year}年度社区矫正优秀案例汇编`),
    p(`制作日期：${options.madeOn}${options.unmasked ? "" : "　（未成年人姓名已遮蔽）"}`, {
      align: AlignmentType.CENTER,
    }),
  ];
  if (cases.length === 0) children.push(p("本年度尚未评选优秀案例。"));
  cases.forEach((c, i) => {
    const name = c.minor && !options.unmasked ? options.mask(c.name) : c.name;
    children.push(
      heading(`案例${i + 1}　${name}（${c.office_name}）`),
      labelTable([
        ["工作记录本编号", c.book_number ?? ""],
        ["罪名", c.crime_text],
        ["矫正期限", `${c.term_start} 至 ${c.term_end}`],
        ["评选理由", c.reason],
      ]),
    );
    for (const s of c.sections) {
      children.push(heading(s.label, 2));
      children.push(s.rows.length ? labelTable(s.rows) : p("（未填写）"));
    }
  });
  return a4Document(`${options.year}年度优秀案例汇编`, children);
}
