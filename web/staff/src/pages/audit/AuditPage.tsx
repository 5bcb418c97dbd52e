// 审计日志: the append-only log of who saw or changed what. Only the agency head and the procuratorate
// liaison may read it; the server answers 403 to everyone else and the page says so.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Table, type TableColumnsType, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { type AuditEntry, api, isApiError } from "../../api.ts";
import { ApiErrorView, Forbidden } from "../../components/StatusPages.tsx";
import { formatDateTime, orDash } from "../../format.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { actionText, detailsText, recordTypeText } from "./labels.ts";

const PAGE_SIZE = 50;

const columns: TableColumnsType<AuditEntry> = [
  {
    title: "时间",
    dataIndex: "at",
    width: 170,
    render: (v: string) => <span className="mono">{formatDateTime(v, true)}</span>,
  },
  { title: "操作人", dataIndex: "actorName", width: 110, render: (v: string | null) => orDash(v) },
  { title: "角色", dataIndex: "actorRoleLabel", width: 170, render: (v: string | null) => orDash(v) },
  { title: "操作", dataIndex: "action", width: 160, render: (_, e) => actionText(e) },
  {
    title: "记录",
    key: "record",
    width: 200,
    render: (_, e) => {
      const text = recordTypeText(e.recordType);
      if (e.subjectId) {
        return <Link to={`/subjects/${encodeURIComponent(e.subjectId)}`}>{text ?? "社区矫正对象"}</Link>;
      }
      return orDash(text);
    },
  },
  { title: "说明", key: "details", render: (_, e) => orDash(detailsText(e.details)) },
  {
    title: "来源地址",
    dataIndex: "ip",
    width: 140,
    render: (v: string | null) => <span className="mono">{orDash(v)}</span>,
  },
];

export default function AuditPage() {
  usePageTitle("审计日志");
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const log = useQuery({
    queryKey: ["audit", page],
    queryFn: () => api.audit(page, PAGE_SIZE),
    placeholderData: keepPreviousData,
  });

  if (isApiError(log.error, 403)) return <Forbidden message={log.error.message} />;
  if (log.isError) return <ApiErrorView error={log.error} onRetry={() => log.refetch()} />;

  return (
    <Card
      title="审计日志"
      extra={
        <Typography.Text type="secondary">
          审计日志只增不改，记录每一次查看敏感信息、修改和导出
        </Typography.Text>
      }
    >
      <div
        data-qa="audit-table"
        data-query={params.toString()}
        data-ready={String(log.isSuccess && !log.isFetching && !log.isPlaceholderData)}
      >
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          bordered
          columns={columns}
          dataSource={log.data?.items ?? []}
          loading={log.isFetching}
          onRow={() => ({ "data-qa": "audit-row" }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: log.isPending ? "加载中…" : "暂无审计记录" }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: log.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (p) =>
              setParams((prev) => {
                const next = new URLSearchParams(prev);
                if (p === 1) next.delete("page");
                else next.set("page", String(p));
                return next;
              }),
          }}
          scroll={{ x: 1100 }}
        />
      </div>
    </Card>
  );
}
