import { Table, type TableColumnsType } from "antd";
import type { LevelHistoryEntry, SubjectDetail } from "../../api.ts";
import { LevelTag } from "../../components/Tags.tsx";
import { formatDate, orDash } from "../../format.ts";
import { Section } from "./Section.tsx";

const columns: TableColumnsType<LevelHistoryEntry> = [
  { title: "起始日期", dataIndex: "fromDate", width: 120, render: (v: string) => formatDate(v) },
  {
    title: "管理等级",
    dataIndex: "levelLabel",
    width: 110,
    render: (_, e) => <LevelTag level={e.level} label={e.levelLabel} />,
  },
  { title: "调整原因", dataIndex: "reason", render: (v: string | null) => orDash(v) },
];

/** 管理等级记录: every level the person has had, from when and why. */
export function LevelHistorySection({ subject }: { subject: SubjectDetail }) {
  return (
    <Section qa="section-levels" title="管理等级记录">
      <Table<LevelHistoryEntry>
        size="small"
        bordered
        pagination={false}
        rowKey={(e) => `${e.fromDate}-${e.level}`}
        columns={columns}
        dataSource={subject.levelHistory}
        locale={{ emptyText: "暂无管理等级记录" }}
      />
    </Section>
  );
}
