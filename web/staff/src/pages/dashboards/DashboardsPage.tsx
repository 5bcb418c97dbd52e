// 监管工作统计: per day, week or month, the share of obligations met, overdue lists, the daily check
// standards and each worker's caseload against the 1:20 social-worker ratio; charts and Excel export.
import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Row,
  Segmented,
  Space,
  Statistic,
  Tabs,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { basisText } from "../../../../../src/glossary.ts";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { type Dashboard, type OfficeDashboard, supervisionApi } from "../supervision/api.ts";
import { EChart } from "./EChart.tsx";

const pct = (v: number | null) => (v === null ? "—" : `${v}%`);

function ShareChart({ data }: { data: Dashboard }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["已完成", "已逾期", "待完成"] },
      grid: { left: 40, right: 20, bottom: 30, top: 40 },
      xAxis: { type: "category", data: data.offices.map((o) => o.office.name) },
      yAxis: { type: "value", name: "项" },
      series: [
        {
          name: "已完成",
          type: "bar",
          stack: "s",
          color: "#52c41a",
          data: data.offices.map((o) => o.obligations.met),
        },
        {
          name: "已逾期",
          type: "bar",
          stack: "s",
          color: "#f5222d",
          data: data.offices.map((o) => o.obligations.overdue),
        },
        {
          name: "待完成",
          type: "bar",
          stack: "s",
          color: "#1677ff",
          data: data.offices.map((o) => o.obligations.open),
        },
      ],
    }),
    [data],
  );
  return <EChart option={option} qa="chart-share" />;
}

function CoverageChart({ office }: { office: OfficeDashboard }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["重点人员核查覆盖率(%)", "达标项数"] },
      grid: { left: 40, right: 40, bottom: 30, top: 40 },
      xAxis: { type: "category", data: office.checks.map((d) => d.day.slice(5)) },
      yAxis: [
        { type: "value", max: 100, name: "%" },
        { type: "value", name: "项", minInterval: 1 },
      ],
      series: [
        { name: "重点人员核查覆盖率(%)", type: "line", data: office.checks.map((d) => d.keyCoverage) },
        {
          name: "达标项数",
          type: "bar",
          yAxisIndex: 1,
          data: office.checks.map((d) => d.met),
          color: "#91caff",
        },
      ],
    }),
    [office],
  );
  return <EChart option={option} height={220} qa="chart-coverage" />;
}

function OfficePanel({ office }: { office: OfficeDashboard }) {
  const latest = office.checks[office.checks.length - 1];
  return (
    <Flex vertical gap={12}>
      <Row gutter={16}>
        <Col span={4}>
          <Statistic title="监管要求完成率" value={pct(office.obligations.share)} />
        </Col>
        <Col span={4}>
          <Statistic title="逾期事项" value={office.overdue.length} valueStyle={{ color: "#cf1322" }} />
        </Col>
        <Col span={4}>
          <Statistic title="记录本按期完成率" value={pct(office.deadlines.share)} />
        </Col>
        <Col span={4}>
          <Statistic title="在矫人数" value={office.caseload.subjects} />
        </Col>
        <Col span={8}>
          <Statistic
            title={`社工配比（按 1:${office.caseload.ratio} 应配 ${office.caseload.socialWorkersNeeded} 名）`}
            value={`${office.caseload.socialWorkers} 名社工${office.caseload.perSocialWorker ? `，每名 ${office.caseload.perSocialWorker} 人` : ""}`}
            valueStyle={{ color: office.caseload.shortfall > 0 ? "#ad4e00" : undefined, fontSize: 18 }}
          />
        </Col>
      </Row>
      <CoverageChart office={office} />
      {latest ? (
        <ResponsiveTable
          size="small"
          rowKey="id"
          pagination={false}
          title={() => `${latest.day} 信息化核查标准`}
          dataSource={latest.items}
          columns={[
            { title: "标准", dataIndex: "label" },
            { title: "应完成", dataIndex: "required", width: 80 },
            { title: "已完成", dataIndex: "done", width: 80 },
            {
              title: "状态",
              dataIndex: "status",
              width: 90,
              render: (s: string) => (
                <Tag color={s === "met" ? "green" : s === "overdue" ? "red" : "blue"}>
                  {s === "met" ? "达标" : s === "overdue" ? "未达标" : "进行中"}
                </Tag>
              ),
            },
          ]}
        />
      ) : null}
      <ResponsiveTable
        size="small"
        rowKey="kind"
        pagination={false}
        title={() => "按事项"}
        dataSource={office.byKind}
        columns={[
          { title: "事项", dataIndex: "label" },
          { title: "总数", dataIndex: "total", width: 70 },
          { title: "已完成", dataIndex: "met", width: 70 },
          { title: "已逾期", dataIndex: "overdue", width: 70 },
          { title: "待完成", dataIndex: "open", width: 70 },
          { title: "请假免除", dataIndex: "waived", width: 80 },
          { title: "完成率", dataIndex: "share", width: 80, render: pct },
        ]}
      />
      <ResponsiveTable
        size="small"
        rowKey={(r) => `${r.subjectId}|${r.item}|${r.period}`}
        title={() => `逾期清单（${office.overdue.length}）`}
        dataSource={office.overdue}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          {
            title: "社区矫正对象",
            dataIndex: "subjectName",
            render: (v: string, r) => <Link to={`/supervision/${encodeURIComponent(r.subjectId)}`}>{v}</Link>,
          },
          { title: "事项", dataIndex: "item" },
          { title: "期间", dataIndex: "period" },
          { title: "截止", dataIndex: "dueBy", render: (v: string) => formatDateTime(v) },
          { title: "依据", dataIndex: "basis", render: (v: string) => basisText(v) },
        ]}
      />
      <ResponsiveTable
        size="small"
        rowKey="id"
        pagination={false}
        title={() => `工作人员负责对象数（依据：${basisText(office.caseload.basis)}）`}
        dataSource={office.caseload.workers}
        columns={[
          { title: "工作人员", dataIndex: "name" },
          { title: "角色", dataIndex: "roleLabel" },
          { title: "负责对象数", dataIndex: "caseload" },
        ]}
      />
    </Flex>
  );
}

export default function DashboardsPage() {
  usePageTitle("监管工作统计");
  const [period, setPeriod] = useState("week");
  const [date, setDate] = useState<Dayjs>(serverNow());
  const [tab, setTab] = useState<string | undefined>(undefined);
  const query = { period, date: date.format("YYYY-MM-DD") };
  const board = useQuery({ queryKey: ["dashboard", query], queryFn: () => supervisionApi.dashboard(query) });
  if (board.isPending) return <PageLoading />;
  if (board.isError) return <ApiErrorView error={board.error} onRetry={() => board.refetch()} />;
  const data = board.data;
  return (
    <Flex vertical gap={12}>
      <Card
        title={`监管工作统计 · ${data.period.start} 至 ${data.period.end}`}
        extra={
          <Space wrap>
            <Segmented
              value={period}
              onChange={(v) => setPeriod(String(v))}
              options={[
                { value: "day", label: "日" },
                { value: "week", label: "周" },
                { value: "month", label: "月" },
              ]}
              data-qa="dashboard-period"
            />
            <DatePicker
              value={date}
              allowClear={false}
              onChange={(d) => d && setDate(d)}
              disabledDate={(d) =>
                d.isAfter(serverNow(), "day") || d.isBefore(serverNow().subtract(90, "day"), "day")
              }
            />
            <Button
              icon={<DownloadOutlined />}
              href={supervisionApi.exportUrl(query)}
              data-qa="dashboard-export"
            >
              导出 Excel
            </Button>
          </Space>
        }
      >
        <Row gutter={16}>
          <Col span={6}>
            <Statistic
              title="监管要求完成率"
              value={pct(data.county.obligations.share)}
              data-qa="dashboard-share"
            />
          </Col>
          <Col span={6}>
            <Statistic title="逾期事项" value={data.county.overdue} valueStyle={{ color: "#cf1322" }} />
          </Col>
          <Col span={6}>
            <Statistic title="在矫人数" value={data.county.subjects} />
          </Col>
          <Col span={6}>
            <Statistic
              title="社工（按1:20应配）"
              value={`${data.county.socialWorkers}（${data.county.socialWorkersNeeded}）`}
            />
          </Col>
        </Row>
        {data.offices.length > 1 ? <ShareChart data={data} /> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          统计时间 {formatDateTime(data.asOf)}；完成率 = 已完成（含逾期完成）÷（应完成 − 请假免除）。
        </Typography.Text>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab ?? data.offices[0]?.office.id}
          onChange={setTab}
          items={data.offices.map((o) => ({
            key: o.office.id,
            label: o.office.name,
            children: <OfficePanel office={o} />,
          }))}
        />
      </Card>
    </Flex>
  );
}
