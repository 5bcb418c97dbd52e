// 违规处置 on the person's page: their violation cases with the measure and its stage, and the worker's
// finding that the person resists supervision (K1 of the classification), with its reason.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Form, Input, Radio, Space, Tag } from "antd";
import { Link } from "react-router-dom";
import type { SubjectDetail } from "../../api.ts";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { formatDateTime } from "../../format.ts";
import { useCurrentUser } from "../../user.ts";
import { type CaseListItem, violationsApi } from "../violations/api.ts";
import { ClockTags, stageColour } from "../violations/ViolationsPage.tsx";
import { Section } from "./Section.tsx";

const readers = new Set(["office_head", "office_assistant", "agency_head", "agency_staff", "prosecutor"]);
const finders = new Set(["office_head", "office_assistant"]);

export function ViolationsSection({ subject }: { subject: SubjectDetail }) {
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ resists: boolean; reason: string }>();
  const cases = useQuery({
    queryKey: ["violations", "subject", subject.id],
    queryFn: () => violationsApi.list({ stage: "all", subjectId: subject.id }),
    enabled: readers.has(user.role),
  });
  if (!readers.has(user.role)) return null;
  return (
    <Section qa="section-violations" title="违规处置">
      <ResponsiveTable<CaseListItem>
        size="small"
        rowKey="id"
        pagination={false}
        loading={cases.isLoading}
        dataSource={cases.data?.items ?? []}
        locale={{ emptyText: "没有违规处置记录" }}
        columns={[
          {
            title: "发生时间",
            dataIndex: "occurredAt",
            width: 140,
            render: (v: string) => formatDateTime(v),
          },
          {
            title: "违规类型",
            key: "kind",
            render: (_, c) => <Link to={`/violations/${encodeURIComponent(c.id)}`}>{c.kindLabel}</Link>,
          },
          { title: "处置措施", key: "measure", render: (_, c) => c.measureLabel ?? "—" },
          {
            title: "阶段",
            key: "stage",
            render: (_, c) => <Tag color={stageColour[c.stage]}>{c.stageLabel}</Tag>,
          },
          {
            title: "改正情况",
            key: "corrected",
            render: (_, c) => (c.corrected === null ? "—" : c.corrected ? "已改正" : "仍不改正"),
          },
          { title: "人民法院期限", key: "clocks", render: (_, c) => <ClockTags clocks={c.clocks} /> },
        ]}
      />
      {finders.has(user.role) ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12 }}
          initialValues={{ resists: true }}
          onFinish={async (v) => {
            try {
              await violationsApi.resists(subject.id, v);
              message.success("已记录认定");
              form.resetFields();
              await queryClient.invalidateQueries({ queryKey: ["book", subject.id] });
            } catch (e) {
              message.error(e instanceof Error ? e.message : "保存失败");
            }
          }}
        >
          <Space wrap>
            <Form.Item name="resists" label="抗拒、不服从监管">
              <Radio.Group
                options={[
                  { value: true, label: "认定" },
                  { value: false, label: "撤销认定" },
                ]}
              />
            </Form.Item>
            <Form.Item name="reason" rules={[{ required: true, message: "请写明理由" }]}>
              <Input
                placeholder="认定理由（分类管理 K1）"
                style={{ width: 280 }}
                data-qa="field-resists-reason"
              />
            </Form.Item>
            <Button htmlType="submit">保存</Button>
          </Space>
        </Form>
      ) : null}
    </Section>
  );
}
