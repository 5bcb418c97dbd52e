// 外出日历: who is away in a month — one row per approved leave (the person, office, destination and
// state as of today), one column per day, each day coloured away / back early / overdue / still to
// come. The agency can narrow it to one office. A row opens the application.
import { useQuery } from "@tanstack/react-query";
import {
  DatePicker,
  Flex,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import dayjs from "dayjs";
import type { HTMLAttributes } from "react";
import { useState } from "react";
import { api } from "../../api.ts";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { useCurrentUser } from "../../user.ts";
import { type CalendarLeave, leaveApi } from "./api.ts";

const dayColour: Record<string, string> = {
  away: "#1677ff",
  back: "#d9d9d9",
  overdue: "#fa8c16",
  planned: "#bae0ff",
};
const dayText: Record<string, string> = {
  away: "外出中",
  back: "已返回",
  overdue: "逾期未归",
  planned: "尚未外出",
};
const stateColour: Record<string, string> = {
  away: "blue",
  back: "default",
  overdue: "orange",
  planned: "cyan",
};
const WEEKDAY = ["日", "一", "二", "三", "四", "五", "六"];

export function LeaveCalendarView({ onOpen }: { onOpen: (id: string) => void }) {
  const user = useCurrentUser();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const county = user.role === "agency_head" || user.role === "agency_staff" || user.role === "prosecutor";
  const places = useQuery({ queryKey: ["places"], queryFn: api.places, enabled: county });
  const calendar = useQuery({
    queryKey: ["leave", "calendar", month, officeId],
    queryFn: () => leaveApi.calendar(month, officeId),
  });
  if (calendar.isError) return <ApiErrorView error={calendar.error} onRetry={() => calendar.refetch()} />;
  const data = calendar.data;
  const columns: TableColumnsType<CalendarLeave> = [
    {
      title: "对象",
      key: "subject",
      fixed: "left",
      width: 150,
      render: (_, l) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{l.subject.name}</Typography.Text>
          <Tag color={stateColour[l.state]} data-qa="calendar-state" style={{ marginInlineEnd: 0 }}>
            {l.stateLabel}
          </Tag>
        </Space>
      ),
    },
    ...(county ? [{ title: "司法所", dataIndex: "officeName", width: 110, fixed: "left" as const }] : []),
    {
      title: "目的地及期间",
      key: "where",
      width: 200,
      fixed: "left",
      render: (_, l) => (
        <Space direction="vertical" size={0}>
          <span>{l.destinationName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.from} 至 {l.to}
          </Typography.Text>
        </Space>
      ),
    },
    ...(data?.days ?? []).map((day) => {
      const weekday = dayjs(day).day();
      return {
        title: (
          <Tooltip title={`${day} 星期${WEEKDAY[weekday]}`}>
            <div
              style={{
                textAlign: "center" as const,
                fontSize: 11,
                color: weekday === 0 || weekday === 6 ? "#cf1322" : undefined,
                fontWeight: day === data?.today ? 700 : undefined,
              }}
            >
              {Number(day.slice(8))}
            </div>
          </Tooltip>
        ),
        key: day,
        width: 30,
        onCell: () => ({ style: { padding: 2 } }),
        render: (_: unknown, l: CalendarLeave) => {
          const state = l.days[day];
          if (!state) return null;
          return (
            <Tooltip title={`${day} ${dayText[state]}`}>
              <div
                data-qa="calendar-day"
                data-day={day}
                data-state={state}
                style={{ height: 18, borderRadius: 3, background: dayColour[state] }}
              />
            </Tooltip>
          );
        },
      };
    }),
  ];
  return (
    <Flex
      vertical
      gap={12}
      data-qa="leave-calendar"
      data-ready={String(calendar.isSuccess && !calendar.isFetching)}
    >
      <Space wrap>
        <DatePicker
          picker="month"
          allowClear={false}
          value={data ? dayjs(`${data.month}-01`) : undefined}
          onChange={(d) => setMonth(d?.format("YYYY-MM"))}
          data-qa="calendar-month"
        />
        {county ? (
          <Select
            allowClear
            placeholder="全部司法所"
            style={{ width: 200 }}
            value={officeId}
            onChange={setOfficeId}
            options={(places.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))}
            data-qa="calendar-office"
          />
        ) : null}
        {Object.entries(dayText).map(([state, label]) => (
          <Space key={state} size={4}>
            <span
              style={{
                display: "inline-block",
                width: 14,
                height: 14,
                borderRadius: 3,
                background: dayColour[state],
              }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {label}
            </Typography.Text>
          </Space>
        ))}
      </Space>
      <Table<CalendarLeave>
        rowKey="id"
        size="small"
        bordered
        loading={calendar.isFetching}
        dataSource={data?.leaves ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: "本月没有外出的对象" }}
        onRow={(l) =>
          ({
            "data-qa": "calendar-row",
            "data-id": l.id,
            "data-subject": l.subject.id,
            onClick: () => onOpen(l.id),
            style: { cursor: "pointer" },
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </Flex>
  );
}
