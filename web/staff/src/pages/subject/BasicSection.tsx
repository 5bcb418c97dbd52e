import { EyeInvisibleOutlined, EyeOutlined } from "@ant-design/icons";
import { Button, Descriptions, type DescriptionsProps, Space, Typography } from "antd";
import { useState } from "react";
import type { SubjectDetail } from "../../api.ts";
import { MinorTag } from "../../components/Tags.tsx";
import { formatDate, orDash } from "../../format.ts";
import { mayUnmask } from "../../permissions.ts";
import { useCurrentUser } from "../../user.ts";
import { ResponsibleModal } from "./ResponsibleModal.tsx";
import { Section } from "./Section.tsx";
import { type Revealed, UnmaskModal } from "./UnmaskModal.tsx";

/** 基本信息: who the person is. The ID number is masked until a purpose is given (see UnmaskModal). */
export function BasicSection({
  subject,
  revealed,
  onReveal,
}: {
  subject: SubjectDetail;
  revealed: Revealed | null;
  onReveal: (revealed: Revealed | null) => void;
}) {
  const [asking, setAsking] = useState(false);
  const role = useCurrentUser().role;
  const canUnmask = mayUnmask(role);
  // The office head (or the agency head) names the case's responsible worker.
  const canName = (role === "office_head" || role === "agency_head") && subject.status === "in_correction";
  const [naming, setNaming] = useState(false);
  const items: DescriptionsProps["items"] = [
    {
      key: "name",
      label: "姓名",
      children: (
        <Space size={4}>
          <span data-qa="basic-name">{revealed?.name ?? subject.name}</span>
          {subject.isMinor || subject.nameMasked ? <MinorTag /> : null}
        </Space>
      ),
    },
    { key: "gender", label: "性别", children: subject.genderLabel },
    { key: "ethnicity", label: "民族", children: orDash(subject.ethnicity) },
    { key: "birthDate", label: "出生日期", children: formatDate(revealed?.birthDate ?? subject.birthDate) },
    { key: "age", label: "年龄", children: subject.age === null ? "—" : `${subject.age} 岁` },
    {
      key: "idNumber",
      label: "身份证号",
      children: (
        <Space size={8} wrap>
          <span className="mono" data-qa="subject-id-number">
            {revealed?.idNumber ?? subject.idNumberMasked}
          </span>
          {revealed ? (
            <Button
              size="small"
              type="link"
              icon={<EyeInvisibleOutlined />}
              onClick={() => onReveal(null)}
              data-qa="mask-button"
              className="no-print"
            >
              隐藏
            </Button>
          ) : canUnmask ? (
            <Button
              size="small"
              type="link"
              icon={<EyeOutlined />}
              onClick={() => setAsking(true)}
              data-qa="unmask-button"
              className="no-print"
            >
              查看完整号码
            </Button>
          ) : null}
        </Space>
      ),
    },
    { key: "phone", label: "联系电话", children: <span className="mono">{orDash(subject.phone)}</span> },
    { key: "education", label: "文化程度", children: orDash(subject.education) },
    { key: "occupation", label: "职业", children: orDash(subject.occupation) },
    { key: "address", label: "居住地址", span: 2, children: orDash(subject.address) },
    { key: "village", label: "所属村（社区）", children: orDash(subject.village?.name) },
    { key: "office", label: "所属司法所", children: subject.office.name },
    {
      key: "bookNumber",
      label: "工作记录本编号",
      children: <span className="mono">{orDash(subject.bookNumber)}</span>,
    },
    {
      key: "responsible",
      label: "个案矫正责任人",
      children: (
        <Space size={4}>
          <span data-qa="basic-responsible">{orDash(subject.responsible?.displayName)}</span>
          {canName ? (
            <Button size="small" type="link" onClick={() => setNaming(true)} data-qa="responsible-change">
              {subject.responsible ? "更换" : "指定"}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Section
      qa="section-basic"
      title="基本信息"
      extra={
        revealed ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            已显示完整信息，本次查看已记入审计日志
          </Typography.Text>
        ) : null
      }
    >
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, xl: 3 }} items={items} />
      {canName ? (
        <ResponsibleModal subjectId={subject.id} open={naming} onClose={() => setNaming(false)} />
      ) : null}
      {canUnmask ? (
        <UnmaskModal
          subjectId={subject.id}
          open={asking}
          onClose={() => setAsking(false)}
          onRevealed={(r) => onReveal(r)}
        />
      ) : null}
    </Section>
  );
}
