// 违规处置: the cases of the offices a user may see, by stage, with the court's clocks; the office opens a
// case (from a finding, an alert or a report), the agency finds its review queue under 待审批.
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Segmented, Space, type TableColumnsType, Tag, Typography } from "antd";
import { type HTMLAttributes, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { type CaseListItem, type CourtClockView, violationsApi } from "./api.ts";
import { OpenCaseModal } from "./OpenCaseModal.tsx";

export const stageColour: Record<string, string> = {
  investigating: "blue",
  proposed: "gold",
  signed: "orange",
  returned: "red",
  approved: "green",
};
export const clockColour: Record<string, string> = {
  met: "green",
  late: "gold",
  overdue: "red",
  open: "blue",
};
const openers = new Set(["office_head", "office_assistant"]);
const agency = new Set(["agency_head", "agency_staff"]);

export function ClockTags({ clocks }: { clocks: CourtClockView[] }) {
  if (clocks.length === 0) return null;
  return (
    <Space direction="vertical" size={2}>
      {clocks.map((c) => (
        <span key={c.id} data-qa="court-clock" data-id={c.id} data-status={c.status}>
          <Tag color={clockColour[c.status]}>{c.statusLabel}</Tag>
          <Typography.Text style={{ fontSize: 12 }}>
            {c.label}：{formatDateTime(c.dueBy)} 前
          </Typography.Text>
        </span>
      ))}
    </Space>
  );
}

export default function ViolationsPage() {
  usePageTitle("违规处置");
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [stage, setStage] = useState(agency.has(user.role) ? "signed" : "open");
  const fromAlert = params.get("alertId");
  const [opening, setOpening] = useState(Boolean(params.get("subjectId")));
  const cases = useQuery({ queryKey: ["violations", stage], queryFn: () => violationsApi.list({ stage }) });

  const columns: TableColumnsType<CaseListItem> = [
    {
      title: "社区矫正对象",
      key: "subject",
      width: 150,
      render: (_, c) => (
        <>
          <Link to={`/subjects/${encodeURIComponent(c.subject.id)}`}>{c.subject.name}</Link>
          <div style={{ fontSize: 12, color: "#666" }}>{c.office.name}</div>
        </>
      ),
    },
    { title: "违规类型", dataIndex: "kindLabel", width: 200 },
    { title: "发生时间", dataIndex: "occurredAt", width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: "阶段",
      key: "stage",
      width: 170,
      render: (_, c) => <Tag color={stageColour[c.stage]}>{c.stageLabel}</Tag>,
    },
    { title: "处置措施", key: "measure", width: 150, render: (_, c) => c.measureLabel ?? "—" },
    { title: "人民法院期限", key: "clocks", render: (_, c) => <ClockTags clocks={c.clocks} /> },
    {
      title: "操作",
      key: "open",
      width: 90,
      render: (_, c) => (
        <Link to={`/violations/${encodeURIComponent(c.id)}`} data-qa="case-open">
          查看案卷
        </Link>
      ),
    },
  ];

  return (
    <Card
      title="违规处置"
      extra={
        <Space>
          <Segmented
            value={stage}
            onChange={(v) => setStage(String(v))}
            data-qa="stage-filter"
            options={[
              { value: "open", label: "未办结" },
              { value: "investigating", label: "调查中" },
              { value: "returned", label: "已退回" },
              { value: "proposed", label: "待签署" },
              { value: "signed", label: "待审批" },
              { value: "approved", label: "已审批" },
              { value: "all", label: "全部" },
            ]}
          />
          {openers.has(user.role) ? (
            <Button type="primary" data-qa="case-new" onClick={() => setOpening(true)}>
              违规立案
            </Button>
          ) : null}
        </Space>
      }
    >
      {cases.isError ? (
        <ApiErrorView error={cases.error} />
      ) : (
        <ResponsiveTable<CaseListItem>
          rowKey="id"
          size="middle"
          loading={cases.isLoading}
          columns={columns}
          dataSource={cases.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: "没有符合条件的案件" }}
          onRow={(c) => ({ "data-qa": "case-row", "data-id": c.id }) as HTMLAttributes<HTMLElement>}
          data-ready={String(cases.isSuccess && !cases.isFetching)}
        />
      )}
      <OpenCaseModal
        open={opening}
        initial={{
          subjectId: params.get("subjectId") ?? undefined,
          alertId: fromAlert ? Number(fromAlert) : undefined,
          kind: params.get("kind") ?? undefined,
        }}
        onClose={(id) => {
          setOpening(false);
          if (id) navigate(`/violations/${encodeURIComponent(id)}`);
        }}
      />
    </Card>
  );
}
