// 统计: the county's (or an office's) register as of a day, the period's intakes, releases and
// terminations, and the indicators of seeds 001, 003 and 004, each with its definition beside it, the
// previous period for comparison, a drill-down to the persons behind the number, charts, the yearly
// funding the agency enters, and the workbook (the table sent upward).
import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import type { Drill, Report } from "../../../../../src/features/statistics/service.ts";
import { queryString, request } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { EChart } from "../dashboards/EChart.tsx";

type Query = { period: string; date?: string; from?: string; to?: string; officeId?: string };
type FigureRow = Report["indicators"][number];

interface FundingEntry {
  id: number;
  year: number;
  amountYuan: number;
  note: string | null;
  enteredBy: string;
  enteredAt: string;
}

const statisticsApi = {
  report: (q: Query) => request<Report>("GET", `/api/statistics${queryString(q)}`),
  persons: (q: Query & { figure: string }) =>
    request<Drill>("GET", `/api/statistics/persons${queryString(q)}`),
  exportUrl: (q: Query) => `/api/statistics/export${queryString(q)}`,
  funding: () => request<{ entries: FundingEntry[] }>("GET", "/api/statistics/funding"),
  enterFunding: (body: { year: number; amountYuan: number; note?: string }) =>
    request<{ id: number }>("POST", "/api/statistics/funding", body),
};

/** A figure's value as read: a rate in %, a ratio, an amount or a head count. */
function show(unit: string, value: number | null): string {
  if (value === null) return "—";
  if (unit === "percent") return `${value}%`;
  if (unit === "persons_per_worker") return `${value}人/社工`;
  if (unit === "yuan_per_person") return `${value.toLocaleString("zh-CN")}元/人`;
  return `${value}人`;
}

function targetText(f: FigureRow): string {
  if (f.target === null) return "—";
  if (f.unit === "percent") return `≥${f.target}%`;
  if (f.unit === "persons_per_worker") return `≤${f.target}人/社工`;
  if (f.unit === "yuan_per_person") return `≥${f.target}元/人`;
  return String(f.target);
}

function Change({ f }: { f: FigureRow }) {
  if (f.value === null || f.previous.value === null) return <>—</>;
  const d = Math.round((f.value - f.previous.value) * 10) / 10;
  if (d === 0) return <>持平</>;
  // More persons per social worker, more lost contact or reoffending is worse; for the rest more is better.
  const better =
    ["persons_per_worker"].includes(f.unit) || ["lost_contact", "reoffending"].includes(f.id) ? d < 0 : d > 0;
  return (
    <Typography.Text type={better ? "success" : "warning"}>
      {d > 0 ? "↑" : "↓"}
      {Math.abs(d)}
      {f.unit === "percent" ? "个百分点" : ""}
    </Typography.Text>
  );
}

function IndicatorChart({ report }: { report: Report }) {
  const rates = report.indicators.filter((f) => f.unit === "percent");
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["本期", "上期"] },
      grid: { left: 40, right: 20, bottom: 70, top: 40 },
      xAxis: { type: "category", data: rates.map((f) => f.label), axisLabel: { interval: 0, rotate: 25 } },
      yAxis: { type: "value", name: "%", max: 100 },
      series: [
        { name: "本期", type: "bar", color: "#1677ff", data: rates.map((f) => f.value) },
        { name: "上期", type: "bar", color: "#bfbfbf", data: rates.map((f) => f.previous.value) },
      ],
    }),
    [rates],
  );
  return <EChart option={option} height={300} qa="chart-indicators" />;
}

function RegisterChart({ report }: { report: Report }) {
  const byOffice = report.register.breakdowns.find((b) => b.id === "byOffice")?.rows ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["统计日在册", "上期末在册"] },
      grid: { left: 40, right: 20, bottom: 30, top: 40 },
      xAxis: { type: "category", data: byOffice.map((r) => r.label) },
      yAxis: { type: "value", name: "人", minInterval: 1 },
      series: [
        { name: "统计日在册", type: "bar", color: "#1677ff", data: byOffice.map((r) => r.count) },
        { name: "上期末在册", type: "bar", color: "#bfbfbf", data: byOffice.map((r) => r.previous) },
      ],
    }),
    [byOffice],
  );
  return <EChart option={option} height={240} qa="chart-register" />;
}

function PersonsDrawer({
  query,
  figure,
  onClose,
}: {
  query: Query;
  figure: string | null;
  onClose: () => void;
}) {
  const drill = useQuery({
    queryKey: ["statistics-persons", query, figure],
    queryFn: () => statisticsApi.persons({ ...query, figure: figure! }),
    enabled: figure !== null,
  });
  const data = drill.data;
  const [only, setOnly] = useState<"counted" | "base">("counted");
  const rows = data?.persons.filter((p) => (only === "counted" ? p.counted : !p.counted)) ?? [];
  return (
    <Drawer
      open={figure !== null}
      onClose={onClose}
      width={760}
      title={data ? `${data.label}：${show(data.unit, data.value)}` : "人员明细"}
      destroyOnHidden
    >
      {drill.isPending ? (
        <PageLoading />
      ) : drill.isError ? (
        <ApiErrorView error={drill.error} onRetry={() => drill.refetch()} />
      ) : data ? (
        <Flex vertical gap={8} data-qa="drill">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {data.definition}
          </Typography.Paragraph>
          <Typography.Text>
            统计期间 {data.period.start} 至 {data.period.end}（统计日 {data.period.asOf}）；计入{" "}
            {data.numerator} 人{data.unit === "percent" ? `，基数 ${data.denominator}` : ""}
          </Typography.Text>
          {data.unit === "percent" ? (
            <Segmented
              value={only}
              onChange={(v) => setOnly(v as "counted" | "base")}
              options={[
                { value: "counted", label: `计入的人员（${data.numerator}）` },
                { value: "base", label: `未计入的人员（${data.denominator - data.numerator}）` },
              ]}
              data-qa="drill-filter"
            />
          ) : null}
          <Table
            size="small"
            rowKey={(r) => `${r.subjectId}|${r.detail}`}
            dataSource={rows}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            data-qa="drill-table"
            columns={[
              {
                title: "社区矫正对象",
                dataIndex: "name",
                render: (v: string, r) => (
                  <Link to={`/subjects/${encodeURIComponent(r.subjectId)}`}>{v}</Link>
                ),
              },
              { title: "司法所", dataIndex: "officeName" },
              { title: "情况", dataIndex: "detail", render: (v: string) => v || "—" },
            ]}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}

function FundingCard({ canEnter }: { canEnter: boolean }) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ["statistics-funding"], queryFn: statisticsApi.funding });
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: statisticsApi.enterFunding,
    onSuccess: () => {
      message.success("已录入");
      form.resetFields(["amountYuan", "note"]);
      client.invalidateQueries({ queryKey: ["statistics-funding"] });
      client.invalidateQueries({ queryKey: ["statistics"] });
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Card size="small" title="年度社区矫正经费（全县）" data-qa="funding">
      {canEnter ? (
        <Form
          form={form}
          layout="inline"
          initialValues={{ year: serverNow().year() }}
          onFinish={(v) => save.mutate({ year: v.year, amountYuan: v.amountYuan, note: v.note || undefined })}
          style={{ marginBottom: 12 }}
        >
          <Form.Item name="year" label="年度" rules={[{ required: true, message: "请填写年度" }]}>
            <InputNumber min={2000} max={2199} precision={0} data-qa="funding-year" />
          </Form.Item>
          <Form.Item
            name="amountYuan"
            label="经费（元）"
            rules={[{ required: true, message: "请填写经费金额" }]}
          >
            <InputNumber min={0} precision={0} style={{ width: 160 }} data-qa="funding-amount" />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input maxLength={500} placeholder="来源、文号等" style={{ width: 220 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-qa="funding-save">
            录入
          </Button>
        </Form>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.entries ?? []}
        pagination={{ pageSize: 5, showSizeChanger: false }}
        columns={[
          { title: "年度", dataIndex: "year", width: 80 },
          { title: "经费（元）", dataIndex: "amountYuan", render: (v: number) => v.toLocaleString("zh-CN") },
          { title: "说明", dataIndex: "note", render: (v: string | null) => v ?? "—" },
          { title: "录入人", dataIndex: "enteredBy" },
          { title: "录入时间", dataIndex: "enteredAt", render: (v: string) => formatDateTime(v) },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        同一年度再次录入以最新一次为准，之前的录入保留备查。
      </Typography.Text>
    </Card>
  );
}

export default function StatisticsPage() {
  usePageTitle("统计");
  const user = useCurrentUser();
  const county = ["agency_head", "agency_staff", "prosecutor"].includes(user.role);
  const [period, setPeriod] = useState("month");
  const [date, setDate] = useState<Dayjs>(serverNow());
  const [range, setRange] = useState<[Dayjs, Dayjs]>([serverNow().startOf("month"), serverNow()]);
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const [figure, setFigure] = useState<string | null>(null);
  const query: Query =
    period === "range"
      ? { period, from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD"), officeId }
      : { period, date: date.format("YYYY-MM-DD"), officeId };
  const report = useQuery({ queryKey: ["statistics", query], queryFn: () => statisticsApi.report(query) });
  const [offices, setOffices] = useState<{ id: string; name: string }[]>([]);
  // The offices to choose from are those of the whole county's report (a chosen office's has one).
  const scopeOffices = report.data?.scope.offices;
  useEffect(() => {
    if (!officeId && scopeOffices && scopeOffices.length > 1) setOffices(scopeOffices);
  }, [officeId, scopeOffices]);

  const future = (d: Dayjs) => d.isAfter(serverNow(), "day");
  const controls = (
    <Space wrap>
      <Segmented
        value={period}
        onChange={(v) => setPeriod(String(v))}
        options={[
          { value: "month", label: "月" },
          { value: "quarter", label: "季度" },
          { value: "year", label: "年" },
          { value: "range", label: "自定义" },
        ]}
        data-qa="stats-period"
      />
      {period === "range" ? (
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          disabledDate={future}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
      ) : (
        <DatePicker
          value={date}
          allowClear={false}
          picker={period === "month" ? "month" : period === "quarter" ? "quarter" : "year"}
          disabledDate={(d) =>
            d.startOf(period === "quarter" ? "month" : (period as "month" | "year")).isAfter(serverNow())
          }
          onChange={(d) => d && setDate(d)}
          data-qa="stats-date"
        />
      )}
      {county && offices.length > 1 ? (
        <Select
          allowClear
          placeholder="全县"
          value={officeId}
          onChange={setOfficeId}
          style={{ width: 160 }}
          options={offices.map((o) => ({ value: o.id, label: o.name }))}
          data-qa="stats-office"
        />
      ) : null}
      <Button icon={<DownloadOutlined />} href={statisticsApi.exportUrl(query)} data-qa="stats-export">
        导出统计表（Excel）
      </Button>
    </Space>
  );

  if (report.isPending) return <PageLoading />;
  if (report.isError)
    return (
      <Card title="统计" extra={controls}>
        <ApiErrorView error={report.error} onRetry={() => report.refetch()} />
      </Card>
    );
  const data = report.data;
  const flow = (id: string) => data.flows.find((f) => f.id === id)!;
  const indicatorColumns = [
    {
      title: "指标",
      dataIndex: "label",
      width: 150,
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: "本期",
      dataIndex: "value",
      width: 120,
      render: (_: unknown, f: FigureRow) =>
        f.drillable ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => setFigure(f.id)}
            data-qa={`figure-${f.id}`}
          >
            {show(f.unit, f.value)}
          </Button>
        ) : (
          <span data-qa={`figure-${f.id}`}>{show(f.unit, f.value)}</span>
        ),
    },
    {
      title: "分子 / 分母",
      width: 110,
      render: (_: unknown, f: FigureRow) =>
        f.unit === "yuan_per_person"
          ? `${f.numerator.toLocaleString("zh-CN")}元 / ${f.denominator}人`
          : `${f.numerator} / ${f.denominator}`,
    },
    { title: "上期", width: 100, render: (_: unknown, f: FigureRow) => show(f.unit, f.previous.value) },
    { title: "变化", width: 110, render: (_: unknown, f: FigureRow) => <Change f={f} /> },
    {
      title: "标准",
      width: 140,
      render: (_: unknown, f: FigureRow) =>
        f.target === null ? (
          "—"
        ) : (
          <Space size={4}>
            {targetText(f)}
            {f.met === null ? null : <Tag color={f.met ? "green" : "red"}>{f.met ? "达标" : "未达标"}</Tag>}
          </Space>
        ),
    },
    {
      title: "定义与依据",
      render: (_: unknown, f: FigureRow) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-qa={`definition-${f.id}`}>
          {f.definition}
          {f.basis ? `（依据：${f.basis}）` : ""}
          {f.hours !== null ? ` 本期累计${f.hours}小时。` : ""}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Card title={`统计 · ${data.period.start} 至 ${data.period.end}`} extra={controls}>
        <Row gutter={16}>
          <Col span={6}>
            <Statistic
              title={`在册人数（${data.period.asOf}）`}
              value={data.register.total}
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  上期末 {data.register.previous}
                </Typography.Text>
              }
              data-qa="stats-register"
            />
          </Col>
          {["intakes", "releases", "terminations", "transfers_out"].map((id) => (
            <Col span={4} key={id}>
              <Statistic
                title={flow(id).label}
                value={flow(id).value ?? 0}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    上期 {flow(id).previous.value ?? 0}
                  </Typography.Text>
                }
              />
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          比较期间 {data.previous.start} 至 {data.previous.end}
          。在册：入矫日期不晚于统计日、且解矫（终止、移出）日期晚于统计日；所有数字均由已登记的记录按日期推算，过去的日期可重现当时的数字。
        </Typography.Text>
      </Card>
      <Card size="small" title="工作指标">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={[...data.indicators, ...data.flows]}
          columns={indicatorColumns}
          data-qa="indicators"
        />
        <IndicatorChart report={data} />
      </Card>
      <Card size="small" title="在册人员构成">
        {data.scope.offices.length > 1 ? <RegisterChart report={data} /> : null}
        <Tabs
          items={data.register.breakdowns.map((b) => ({
            key: b.id,
            label: b.label,
            children: (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={b.rows}
                columns={[
                  { title: "项目", dataIndex: "label" },
                  { title: "统计日", dataIndex: "count", width: 100 },
                  { title: "上期末", dataIndex: "previous", width: 100 },
                ]}
              />
            ),
          }))}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          按罪名统计时，一人涉及多个罪名的在每个罪名下各计一次；年龄按统计日计算，未成年人单列。
        </Typography.Text>
      </Card>
      {county ? <FundingCard canEnter={user.role === "agency_head" || user.role === "agency_staff"} /> : null}
      <PersonsDrawer query={query} figure={figure} onClose={() => setFigure(null)} />
    </Flex>
  );
}
