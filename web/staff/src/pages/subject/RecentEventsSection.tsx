import { Table, type TableColumnsType } from "antd";
import type { HTMLAttributes } from "react";
import type { RecentEvent, SubjectDetail } from "../../api.ts";
import { formatDateTime, orDash } from "../../format.ts";
import { Section } from "./Section.tsx";

const columns: TableColumnsType<RecentEvent> = [
  { title: "时间", dataIndex: "at", width: 150, render: (v: string) => formatDateTime(v) },
  { title: "类型", dataIndex: "typeLabel", width: 180 },
  { title: "事项", dataIndex: "kindLabel", width: 140, render: (v: string | null) => orDash(v) },
  {
    title: "摘要",
    dataIndex: "summary",
    // The server falls back to the type's name when an event has no text of its own: don't say it twice.
    render: (v: string | null, e) => orDash(v === e.typeLabel ? null : v),
  },
];

/** 近期记录: the latest things that happened on the case (reports, visits, checks, leave, alerts…). */
export function RecentEventsSection({ subject }: { subject: SubjectDetail }) {
  return (
    <Section qa="section-events" title="近期记录">
      <Table<RecentEvent>
        size="small"
        bordered
        pagination={subject.recentEvents.length > 10 ? { pageSize: 10, size: "small" } : false}
        rowKey="id"
        columns={columns}
        dataSource={subject.recentEvents}
        onRow={() => ({ "data-qa": "event-row" }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: "暂无记录" }}
      />
    </Section>
  );
}
