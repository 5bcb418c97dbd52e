// The latest daily records of a case in the book's 个案矫正工作记录: the records entered on 日常监管
// (reports, checks, visits, education and help, leave, alerts), read from the timeline — a fact is
// entered once. Late entries are marked 补录 with their reason; the Word book holds them all.
import { useQuery } from "@tanstack/react-query";
import { Table, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { formatDateTime } from "../../format.ts";
import { supervisionApi, type TimelineItem } from "../supervision/api.ts";

export function DailyRecords({ subjectId }: { subjectId: string }) {
  const timeline = useQuery({
    queryKey: ["timeline", subjectId, 1, undefined],
    queryFn: () => supervisionApi.timeline(subjectId, 1),
  });
  const items = (timeline.data?.items ?? []).filter((i) => i.type !== "book_section");
  return (
    <div data-qa="daily-records" style={{ marginTop: 8 }}>
      <Typography.Text strong>日常监管和教育帮扶记录（最近 {items.length} 条）</Typography.Text>{" "}
      <Link className="no-print" to={`/supervision/${encodeURIComponent(subjectId)}`}>
        全部记录（共 {timeline.data?.total ?? 0} 条）
      </Link>
      <Table<TimelineItem>
        rowKey="id"
        size="small"
        loading={timeline.isFetching}
        pagination={false}
        dataSource={items}
        columns={[
          { title: "日期", dataIndex: "at", width: 140, render: (v: string) => formatDateTime(v) },
          {
            title: "类别",
            dataIndex: "typeLabel",
            width: 160,
            render: (v: string, e) => (e.kindLabel ? `${v}（${e.kindLabel}）` : v),
          },
          {
            title: "人员",
            dataIndex: "recordedBy",
            width: 120,
            render: (v: string | null, e) => (e.workers.length ? e.workers.join("、") : (v ?? "—")),
          },
          { title: "内容", dataIndex: "summary", render: (v: string) => v || "—" },
          {
            title: "补录",
            dataIndex: "late",
            width: 160,
            render: (late: boolean, e) =>
              late ? (
                <span data-qa="daily-late">
                  <Tag color="orange">补录</Tag>
                  {e.lateReason ?? ""}
                </span>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
