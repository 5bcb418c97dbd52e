// 节假日安排: the years of the holiday calendar the rules engine counts working days with — a loaded
// State Council notice, the calendar shipped with the program, or the statutory holidays derived from
// the national rules (provisional) — and, for the agency, loading the coming year's notice from a file.

import { UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Space, Table, type TableColumnsType, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { type CalendarVersion, type CalendarYear, calendarApi } from "./api.ts";

const sourceColour: Record<CalendarYear["source"], string> = {
  notice: "green",
  package: "blue",
  derived: "orange",
};

const yearColumns: TableColumnsType<CalendarYear> = [
  { title: "年度", dataIndex: "year", width: 80 },
  {
    title: "来源",
    key: "source",
    width: 200,
    render: (_, y) => (
      <Tag color={sourceColour[y.source]} data-qa="calendar-source">
        {y.sourceLabel}
      </Tag>
    ),
  },
  {
    title: "依据",
    key: "reference",
    render: (_, y) => (
      <div>
        <div>{y.source === "package" ? "国务院办公厅历年节假日安排通知（随软件提供）" : y.reference}</div>
        {y.loaded ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            第 {y.loaded.version} 版，{y.loaded.fileName}，{y.loaded.loadedByName} 于{" "}
            {formatDateTime(y.loaded.loadedAt)} 载入
          </Typography.Text>
        ) : null}
        {y.provisional ? (
          <Typography.Text type="warning" style={{ fontSize: 12, display: "block" }}>
            仅含法定节假日，不含调休和补班；相关期限为暂定，请在国务院通知发布后载入。
          </Typography.Text>
        ) : null}
      </div>
    ),
  },
  {
    title: "放假日期",
    key: "holidays",
    width: 260,
    render: (_, y) => (
      <Typography.Text style={{ fontSize: 12 }} className="mono">
        共 {y.holidays.length} 天：{y.holidays.map((d) => d.slice(5)).join("、")}
      </Typography.Text>
    ),
  },
  {
    title: "调休上班",
    key: "workdays",
    width: 160,
    render: (_, y) => (
      <Typography.Text style={{ fontSize: 12 }} className="mono">
        {y.workdays.length ? y.workdays.map((d) => d.slice(5)).join("、") : "无"}
      </Typography.Text>
    ),
  },
];

const versionColumns: TableColumnsType<CalendarVersion> = [
  { title: "年度", dataIndex: "year", width: 80 },
  { title: "版本", dataIndex: "version", width: 70 },
  { title: "通知", dataIndex: "source" },
  { title: "文件", dataIndex: "fileName", width: 200 },
  {
    title: "放假 / 调休上班",
    key: "days",
    width: 130,
    render: (_, v) => `${v.holidays} 天 / ${v.workdays} 天`,
  },
  { title: "载入人", dataIndex: "loadedByName", width: 110 },
  { title: "载入时间", dataIndex: "loadedAt", width: 160, render: (v: string) => formatDateTime(v, true) },
];

const fieldNames: Record<string, string> = {
  year: "年份",
  source: "通知文号",
  holidays: "放假日期",
  workdays: "调休上班日期",
};

/** The server names the file's field by its JSON path (`notice.holidays[3]`); shown in Chinese. */
function fieldText(field: string): string {
  const m = /^notice\.?(\w*)(?:\[(\d+)\])?$/.exec(field);
  if (!m) return "文件";
  const name = m[1] ? (fieldNames[m[1]] ?? "文件中的字段") : "文件";
  return m[2] === undefined ? name : `${name}第 ${Number(m[2]) + 1} 项`;
}

export default function CalendarPage() {
  usePageTitle("节假日安排");
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: ["calendar"], queryFn: calendarApi.overview });
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Each file picked is one attempt; its outcome is marked with the attempt's number.
  const [attempt, setAttempt] = useState(0);
  const load = useMutation({
    mutationFn: ({ fileName, notice }: { fileName: string; notice: unknown }) =>
      calendarApi.load(fileName, notice),
    onSuccess: (r) => {
      setProblem(null);
      setDone(`已载入 ${r.year} 年节假日安排（${r.source}，第 ${r.version} 版）`);
      queryClient.invalidateQueries();
    },
    onError: (error: Error & { field?: string }) => {
      setDone(null);
      setProblem(error.field ? `${fieldText(error.field)}：${error.message}` : error.message);
    },
  });

  const pick = async (file: File) => {
    setDone(null);
    setProblem(null);
    setAttempt((n) => n + 1);
    let notice: unknown;
    try {
      notice = JSON.parse(await file.text());
    } catch {
      setProblem(`${file.name} 不是有效的 JSON 文件`);
      return;
    }
    load.mutate({ fileName: file.name, notice });
  };

  if (overview.isError) return <ApiErrorView error={overview.error} onRetry={() => overview.refetch()} />;
  const data = overview.data;
  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <Card
        size="small"
        title="节假日安排"
        extra={
          data?.canLoad ? (
            <Upload
              accept=".json,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                void pick(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button
                type="primary"
                icon={<UploadOutlined />}
                loading={load.isPending}
                data-qa="calendar-load"
              >
                载入国务院通知文件
              </Button>
            </Upload>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          “N个工作日内”的期限按下列节假日安排计算。某年度的国务院办公厅节假日安排通知发布后，请将其整理为 JSON
          文件载入（格式：
          {
            '{"year": 2027, "source": "通知文号", "holidays": ["2027-01-01", …], "workdays": ["调休上班日", …]}'
          }
          ）；载入后立即生效，每次载入保留为新版本并记入审计日志。尚未载入的年度按《全国年节及纪念日放假办法》推算法定节假日，为暂定。
        </Typography.Paragraph>
        {data?.task ? (
          <Alert
            type={data.task.overdue ? "error" : "warning"}
            showIcon
            data-qa="calendar-task"
            title={`请载入${data.task.year}年度节假日安排（截止 ${formatDateTime(data.task.dueBy)}）`}
            style={{ marginBottom: 8 }}
          />
        ) : null}
        {problem ? (
          <Alert
            type="error"
            showIcon
            data-qa="calendar-problem"
            data-attempt={attempt}
            title={`未载入：${problem}`}
            style={{ marginBottom: 8 }}
          />
        ) : null}
        {done ? (
          <Alert
            type="success"
            showIcon
            data-qa="calendar-done"
            data-attempt={attempt}
            title={done}
            style={{ marginBottom: 8 }}
          />
        ) : null}
        <div data-qa="calendar-years" data-ready={String(overview.isSuccess && !overview.isFetching)}>
          <Table<CalendarYear>
            rowKey="year"
            size="small"
            columns={yearColumns}
            dataSource={data?.years ?? []}
            loading={overview.isFetching}
            pagination={false}
            onRow={(y) =>
              ({ "data-qa": "calendar-year", "data-year": y.year, "data-source": y.source }) as never
            }
          />
        </div>
      </Card>
      <Card size="small" title="载入记录">
        <Table<CalendarVersion>
          rowKey="id"
          size="small"
          columns={versionColumns}
          dataSource={data?.versions ?? []}
          pagination={false}
          locale={{ emptyText: "尚未载入过通知" }}
        />
      </Card>
    </Space>
  );
}
