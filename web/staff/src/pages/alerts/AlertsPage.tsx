// 预警: the four-colour alerts of the offices a user may see, unhandled first, and their handling.
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Segmented, Space, type TableColumnsType, Tag, Typography } from "antd";
import { type HTMLAttributes, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { basisText } from "../../../../../src/glossary.ts";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { formatDate, formatDateTime } from "../../format.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { type Alert, supervisionApi } from "../supervision/api.ts";
import { type AlertRef, HandleAlertModal } from "./HandleAlertModal.tsx";

const colour: Record<string, string> = { red: "red", orange: "orange", yellow: "gold", blue: "blue" };
const stateTag: Record<Alert["state"], { color: string; label: string }> = {
  open: { color: "orange", label: "待处置" },
  overdue: { color: "red", label: "超时未处置" },
  handled: { color: "green", label: "已处置" },
  handled_late: { color: "gold", label: "超时处置" },
};
const handlers = new Set(["office_head", "office_assistant", "agency_head", "agency_staff"]);
/** Alerts that may become a violation case, with the case kind they suggest (违规处置). */
const caseKindOf: Record<string, string> = {
  lost_contact: "out_of_supervision",
  out_of_area: "leave",
  prohibited_place: "prohibition_order",
  missed_report: "reporting",
};
const caseOpeners = new Set(["office_head", "office_assistant"]);
/** Alerts of the location rules: their reports are seen on the person's trajectory map. */
const locationKinds = new Set([
  "out_of_area",
  "possible_out_of_area",
  "prohibited_place",
  "lost_contact",
  "suspected_separation",
]);

export default function AlertsPage() {
  usePageTitle("预警");
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [status, setStatus] = useState("open");
  const [page, setPage] = useState(1);
  const [handling, setHandling] = useState<AlertRef | null>(null);
  const alerts = useQuery({
    queryKey: ["alerts", status, page],
    queryFn: () => supervisionApi.alerts({ status, page }),
  });
  const columns: TableColumnsType<Alert> = [
    {
      title: "预警",
      key: "kind",
      width: 170,
      render: (_, a) => (
        <>
          <Tag color={colour[a.colour]}>{a.colourLabel}</Tag>
          {a.kindLabel}
        </>
      ),
    },
    {
      title: "对象 / 单位",
      key: "who",
      width: 160,
      render: (_, a) =>
        a.subject ? (
          <>
            <Link to={`/supervision/${encodeURIComponent(a.subject.id)}`}>{a.subject.name}</Link>
            <div style={{ fontSize: 12, color: "#666" }}>{a.office.name}</div>
          </>
        ) : (
          a.office.name
        ),
    },
    {
      title: "情况",
      dataIndex: "summary",
      render: (v: string, a) => (
        <>
          <div>{v}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            依据：{basisText(a.basis)}
          </Typography.Text>
          {a.note ? (
            <div style={{ fontSize: 12 }}>
              处置：{a.note}（{a.handledBy}，{formatDateTime(a.handledAt)}）
            </div>
          ) : null}
        </>
      ),
    },
    { title: "发起", dataIndex: "raisedAt", width: 130, render: (v: string) => formatDateTime(v) },
    { title: "处置期限", dataIndex: "dueBy", width: 130, render: (v: string) => formatDateTime(v) },
    {
      title: "状态",
      key: "state",
      width: 120,
      render: (_, a) => (
        <>
          <Tag color={stateTag[a.state].color}>{stateTag[a.state].label}</Tag>
          {a.escalated ? <Tag color="volcano">已上报机构</Tag> : null}
        </>
      ),
    },
    {
      title: "操作",
      key: "action",
      width: 200,
      render: (_, a) => (
        <Space size={4} wrap>
          {renderHandle(a)}
          {a.subject && locationKinds.has(a.kind) ? (
            <Link
              data-qa="alert-open-map"
              to={`/location/${encodeURIComponent(a.subject.id)}?from=${formatDate(a.raisedAt)}&alertId=${a.id}`}
            >
              <Button size="small">轨迹</Button>
            </Link>
          ) : null}
          {a.subject && caseKindOf[a.kind] && caseOpeners.has(user.role) ? (
            <Button
              size="small"
              data-qa="alert-open-case"
              onClick={() =>
                navigate(
                  `/violations?subjectId=${encodeURIComponent(a.subject!.id)}&alertId=${a.id}&kind=${caseKindOf[a.kind]}`,
                )
              }
            >
              立案
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  function renderHandle(a: Alert) {
    return !a.handledAt && handlers.has(user.role) ? (
      <Button
        size="small"
        type="primary"
        ghost
        data-qa="alert-handle"
        onClick={() =>
          setHandling({ id: a.id, title: `${a.colourLabel}：${a.kindLabel}`, summary: a.summary })
        }
      >
        处置
      </Button>
    ) : null;
  }
  return (
    <Card
      title="预警"
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(String(v));
            setPage(1);
          }}
          options={[
            { value: "open", label: "待处置" },
            { value: "overdue", label: "超时" },
            { value: "escalated", label: "已上报" },
            { value: "handled", label: "已处置" },
            { value: "all", label: "全部" },
          ]}
        />
      }
    >
      {alerts.isError ? (
        <ApiErrorView error={alerts.error} onRetry={() => alerts.refetch()} />
      ) : (
        <ResponsiveTable<Alert>
          rowKey="id"
          size="small"
          columns={columns}
          loading={alerts.isFetching}
          dataSource={alerts.data?.items ?? []}
          onRow={() => ({ "data-qa": "alert-row" }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: "没有预警" }}
          pagination={{
            current: page,
            pageSize: 20,
            total: alerts.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => `共 ${n} 条`,
            showSizeChanger: false,
          }}
        />
      )}
      <HandleAlertModal alert={handling} onClose={() => setHandling(null)} />
    </Card>
  );
}
