import { Descriptions, type DescriptionsProps, Space, Tag } from "antd";
import type { SubjectDetail } from "../../api.ts";
import { formatDate, formatTerm, orDash } from "../../format.ts";
import { Section } from "./Section.tsx";

/** 判决信息: the judgment and the correction term it imposes. */
export function JudgmentSection({ subject }: { subject: SubjectDetail }) {
  const items: DescriptionsProps["items"] = [
    { key: "decidingOrgan", label: "决定机关", children: orDash(subject.decidingOrgan) },
    { key: "judgmentNumber", label: "判决书文号", children: orDash(subject.judgmentNumber) },
    { key: "effectiveDate", label: "判决生效日期", children: formatDate(subject.judgmentEffectiveDate) },
    {
      key: "crime",
      label: "罪名",
      span: 2,
      children: (
        <Space size={4} wrap>
          <span>{orDash(subject.crimeText)}</span>
          {subject.crimeCategories
            .filter((c) => !subject.crimeText?.includes(c.label))
            .map((c) => (
              <Tag key={c.code}>{c.label}</Tag>
            ))}
        </Space>
      ),
    },
    { key: "sentence", label: "原判刑罚", children: orDash(subject.sentenceText) },
    { key: "type", label: "矫正类别", children: subject.correctionTypeLabel },
    {
      key: "term",
      label: "矫正期限",
      children: <span className="mono">{formatTerm(subject.termStart, subject.termEnd)}</span>,
    },
    { key: "intakeDate", label: "入矫日期", children: formatDate(subject.intakeDate) },
    { key: "releaseDate", label: "解矫日期", children: formatDate(subject.releaseDate) },
  ];
  return (
    <Section qa="section-judgment" title="判决信息">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, xl: 3 }} items={items} />
    </Section>
  );
}
