// A table of applications (the 请销假 page's lists and the case page's section).
import { type TableColumnsType, Tag } from "antd";
import type { HTMLAttributes } from "react";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import type { LeaveItem } from "./api.ts";
import { statusColour } from "./LeaveDetail.tsx";

export function LeaveTable({
  items,
  loading,
  showSubject,
  onOpen,
}: {
  items: LeaveItem[];
  loading: boolean;
  showSubject: boolean;
  onOpen: (id: string) => void;
}) {
  const columns: TableColumnsType<LeaveItem> = [
    ...(showSubject
      ? [{ title: "对象", key: "subject", width: 110, render: (_: unknown, a: LeaveItem) => a.subject.name }]
      : []),
    { title: "类别", dataIndex: "kindLabel", width: 130 },
    {
      title: "期间",
      key: "period",
      width: 210,
      render: (_, a) => (a.to ? `${a.from} 至 ${a.to}（${a.days} 日）` : `${a.from} 迁居`),
    },
    { title: "目的地", dataIndex: "destinationName" },
    { title: "审批", dataIndex: "approverLabel", width: 150 },
    {
      title: "状态",
      key: "status",
      width: 150,
      render: (_, a) => (
        <>
          <Tag color={statusColour[a.status]}>{a.statusLabel}</Tag>
          {a.overdue ? <Tag color="orange">逾期未归</Tag> : a.away ? <Tag color="blue">外出中</Tag> : null}
        </>
      ),
    },
  ];
  return (
    <ResponsiveTable<LeaveItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      onRow={(a) =>
        ({
          "data-qa": "leave-row",
          "data-id": a.id,
          "data-status": a.status,
          style: { cursor: "pointer" },
          onClick: () => onOpen(a.id),
        }) as HTMLAttributes<HTMLElement>
      }
      locale={{ emptyText: "没有申请" }}
    />
  );
}
