import { Descriptions, type DescriptionsProps, Typography } from "antd";
import type { SubjectDetail } from "../../api.ts";
import { LevelTag } from "../../components/Tags.tsx";
import { orDash, yesNo } from "../../format.ts";
import { Section } from "./Section.tsx";

/** A yes/no factor, in red when its value adds to the risk. */
function Factor({ value, risky }: { value: boolean | null; risky: boolean }) {
  const text = yesNo(value);
  if (value === null || value !== risky) return <span>{text}</span>;
  return <Typography.Text type="danger">{text}</Typography.Text>;
}

function count(n: number | null): string {
  return n === null ? "—" : `${n} 次`;
}

/** 风险与管理: management level, assessed risk and the factors the classification reads. */
export function RiskSection({ subject }: { subject: SubjectDetail }) {
  const items: DescriptionsProps["items"] = [
    {
      key: "level",
      label: "管理等级",
      children: <LevelTag level={subject.level} label={subject.levelLabel} />,
    },
    { key: "risk", label: "风险等级", children: orDash(subject.riskLevelLabel) },
    { key: "priorConvictions", label: "前科", children: count(subject.priorConvictions) },
    { key: "priorBadRecords", label: "不良记录", children: count(subject.priorBadRecords) },
    {
      key: "stableResidence",
      label: "稳定住所",
      children: <Factor value={subject.stableResidence} risky={false} />,
    },
    {
      key: "stableIncome",
      label: "稳定收入",
      children: <Factor value={subject.stableIncome} risky={false} />,
    },
    {
      key: "emotionalInstability",
      label: "情绪不稳定",
      children: <Factor value={subject.emotionalInstability} risky={true} />,
    },
    {
      key: "familyIncomplete",
      label: "家庭不完整",
      children: <Factor value={subject.familyIncomplete} risky={true} />,
    },
    { key: "rebellious", label: "叛逆", children: <Factor value={subject.rebellious} risky={true} /> },
    {
      key: "resistsSupervision",
      label: "抵触监管",
      children: <Factor value={subject.resistsSupervision} risky={true} />,
    },
  ];
  return (
    <Section qa="section-risk" title="风险与管理">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, xl: 4 }} items={items} />
    </Section>
  );
}
