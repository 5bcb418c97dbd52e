// 轨迹: a person's location reports for a day or a range on a map, with a time slider that draws the
// track up to the chosen moment, the alerts marked and the zones drawn. Location data are confidential
// (statutory.md, Art. 29): the purpose is asked before anything is shown, and the server audits the read
// with it. From here the team leader records the day's trajectory analysis (an information check by
// location) and an alert is handled.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert as AntAlert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Slider,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type ComponentProps, type HTMLAttributes, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { alertKindLabel, reportSourceLabel } from "../../../../../src/glossary.ts";
import { api } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { type AlertRef, HandleAlertModal } from "../alerts/HandleAlertModal.tsx";
import { supervisionApi } from "../supervision/api.ts";
import { type LocationAlert, type LocationReport, locationApi } from "./api.ts";
import { LeafletMap, type MapPoint } from "./LeafletMap.tsx";
import { LeaveDestinationsCard, withDestinations } from "./LeaveDestinations.tsx";

const alertColour: Record<string, string> = {
  red: "#f5222d",
  orange: "#fa8c16",
  yellow: "#fadb14",
  blue: "#1677ff",
};
const tagColour: Record<string, string> = { red: "red", orange: "orange", yellow: "gold", blue: "blue" };
const colourLabel: Record<string, string> = { red: "红", orange: "橙", yellow: "黄", blue: "蓝" };
const kindLabel = (kind: string) => alertKindLabel[kind] ?? kind;
const PURPOSES = ["日常轨迹分析", "预警核查处置", "信息化核查", "检察监督", "请假期间核查"];
/** Who records an information check (the server's recordRoles.checks) and handles alerts. */
const checkers = new Set(["office_head", "office_assistant", "agency_head", "agency_staff"]);

const key = (id: string | number) => String(id);

export default function TrajectoryPage() {
  const { subjectId = "" } = useParams();
  const [search] = useSearchParams();
  const subject = useQuery({ queryKey: ["subject", subjectId], queryFn: () => api.subject(subjectId) });
  usePageTitle(subject.data ? `${subject.data.name} - 轨迹` : "轨迹");
  const today = serverNow().format("YYYY-MM-DD");
  const [range, setRange] = useState<[string, string]>([
    search.get("from") ?? today,
    search.get("to") ?? search.get("from") ?? today,
  ]);
  const [purpose, setPurpose] = useState<string | null>(null);

  if (subject.isPending) return <PageLoading />;
  if (subject.isError) return <ApiErrorView error={subject.error} onRetry={() => subject.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-qa="trajectory-title">
              {subject.data.name} · 位置轨迹
            </Typography.Title>
            <Typography.Text type="secondary">
              {subject.data.levelLabel} · {subject.data.office.name}
            </Typography.Text>
          </Space>
          <Space wrap>
            <DatePicker.RangePicker
              data-qa="trajectory-range"
              allowClear={false}
              value={[dayjs(range[0]), dayjs(range[1])]}
              onChange={(v) => {
                const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
                if (a && b) setRange([a.format("YYYY-MM-DD"), b.format("YYYY-MM-DD")]);
              }}
            />
            <Link to={`/subjects/${encodeURIComponent(subjectId)}`}>
              <Button>返回档案</Button>
            </Link>
          </Space>
        </Flex>
      </Card>
      {purpose === null ? (
        <PurposeForm onSubmit={setPurpose} />
      ) : (
        <Trajectory
          subjectId={subjectId}
          range={range}
          purpose={purpose}
          focusAlert={search.get("alertId")}
        />
      )}
    </Flex>
  );
}

/** The purpose of looking, asked first: the server records it with the read (Art. 29: confidential). */
function PurposeForm({ onSubmit }: { onSubmit: (purpose: string) => void }) {
  const [form] = Form.useForm<{ purpose: string; detail?: string }>();
  return (
    <Card size="small" title="查看目的" data-qa="purpose-form">
      <Typography.Paragraph type="secondary">
        位置信息属于保密信息，仅用于社区矫正工作（《社区矫正法》第二十九条）。每次查看都将连同目的记入审计日志。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => onSubmit(v.detail?.trim() ? `${v.purpose}：${v.detail.trim()}` : v.purpose)}
      >
        <Form.Item name="purpose" rules={[{ required: true, message: "请选择查看目的" }]}>
          <Select
            data-qa="purpose-select"
            placeholder="请选择查看目的"
            style={{ width: 200 }}
            options={PURPOSES.map((p) => ({ value: p, label: p }))}
          />
        </Form.Item>
        <Form.Item name="detail">
          <Input placeholder="补充说明（可选）" maxLength={100} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-qa="purpose-submit">
            查看轨迹
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function Trajectory({
  subjectId,
  range,
  purpose,
  focusAlert,
}: {
  subjectId: string;
  range: [string, string];
  purpose: string;
  focusAlert: string | null;
}) {
  const user = useCurrentUser();
  const settings = useQuery({
    queryKey: ["map-settings"],
    queryFn: locationApi.mapSettings,
    staleTime: Infinity,
  });
  const data = useQuery({
    queryKey: ["locations", subjectId, range[0], range[1], purpose],
    queryFn: () => locationApi.locations(subjectId, { from: range[0], to: range[1], purpose }),
  });
  const [upTo, setUpTo] = useState<number | null>(null);
  const [handling, setHandling] = useState<AlertRef | null>(null);
  const [analysing, setAnalysing] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);

  const reports = useMemo(
    () => [...(data.data?.reports ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    [data.data],
  );
  const alertOf = useMemo(() => {
    const byReport = new Map<string, LocationAlert>();
    for (const a of data.data?.alerts ?? []) for (const r of a.reportIds) byReport.set(key(r), a);
    return byReport;
  }, [data.data]);
  const last = reports.length - 1;
  const shown = upTo === null || upTo > last ? last : upTo;
  const points: MapPoint[] = useMemo(
    () =>
      reports.slice(0, shown + 1).map((r, i) => {
        const alert = alertOf.get(key(r.id));
        return {
          id: key(r.id),
          lat: r.lat,
          lon: r.lon,
          accuracyM: r.accuracyM,
          colour: alert ? (alertColour[alert.color] ?? "#f5222d") : r.lowQuality ? "#bfbfbf" : "#52c41a",
          tooltip: `${formatDateTime(r.at)} ${reportSourceLabel[r.source] ?? r.source}${alert ? ` · ${kindLabel(alert.kind)}` : ""}`,
          current: i === shown,
        };
      }),
    [reports, shown, alertOf],
  );

  if (data.isPending) return <PageLoading />;
  if (data.isError) return <ApiErrorView error={data.error} onRetry={() => data.refetch()} />;
  const alerts = data.data.alerts;
  const current = reports[shown];

  return (
    <Flex gap={12} wrap align="flex-start">
      <Card size="small" style={{ flex: "3 1 560px", minWidth: 0 }} title={`位置报告 ${reports.length} 次`}>
        <LeafletMap
          settings={settings.data}
          zones={withDestinations(data.data.zones, data.data.leaves)}
          points={points}
          fitKey={`${subjectId}|${range.join("|")}`}
        />
        {reports.length > 1 ? (
          <div data-qa="time-slider" style={{ padding: "8px 12px 0" }}>
            <Slider
              min={0}
              max={last}
              value={shown}
              onChange={(v) => setUpTo(v)}
              tooltip={{ formatter: (v) => (v === undefined ? "" : formatDateTime(reports[v]?.at)) }}
            />
          </div>
        ) : null}
        {reports.length === 0 ? (
          <Empty description="所选日期没有位置报告" />
        ) : (
          <Typography.Text type="secondary" data-qa="slider-time">
            显示至 {formatDateTime(current?.at, true)}（第 {shown + 1} / {reports.length} 次）
          </Typography.Text>
        )}
      </Card>
      <Flex vertical gap={12} style={{ flex: "1 1 300px" }}>
        <LeaveDestinationsCard
          leaves={data.data.leaves}
          canSet={checkers.has(user.role)}
          onSaved={() => data.refetch()}
        />
        <ResidenceCard
          subjectId={subjectId}
          residence={data.data.residence}
          canSet={checkers.has(user.role)}
          onSaved={() => data.refetch()}
        />
        <Card
          size="small"
          title="预警"
          extra={
            checkers.has(user.role) ? (
              <Button
                size="small"
                type="primary"
                data-qa="record-analysis"
                onClick={() => setAnalysing(true)}
              >
                记录轨迹分析
              </Button>
            ) : null
          }
        >
          <List
            size="small"
            dataSource={alerts}
            locale={{ emptyText: "所选日期没有位置预警" }}
            renderItem={(a) => (
              <List.Item
                data-qa="trajectory-alert"
                style={key(a.id) === focusAlert ? { background: "#fff7e6" } : undefined}
                actions={
                  a.status === "open" && checkers.has(user.role)
                    ? [
                        <Button
                          key="handle"
                          size="small"
                          data-qa="trajectory-alert-handle"
                          onClick={() =>
                            setHandling({
                              id: Number(a.id),
                              title: `${colourLabel[a.color] ?? ""}色预警：${kindLabel(a.kind)}`,
                              summary: `${formatDateTime(a.openedAt)} 起，${a.reportIds.length} 次位置报告`,
                            })
                          }
                        >
                          处置
                        </Button>,
                      ]
                    : []
                }
              >
                <Space direction="vertical" size={0}>
                  <span>
                    <Tag color={tagColour[a.color]}>{colourLabel[a.color] ?? a.color}</Tag>
                    {kindLabel(a.kind)}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(a.openedAt)} · {a.reportIds.length} 次报告 ·{" "}
                    {a.status === "open" ? "待处置" : "已处置"}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <ReportTable reports={reports} onPhoto={(id) => setPhoto(locationApi.photoUrl(subjectId, id))} />
      </Flex>
      <HandleAlertModal alert={handling} onClose={() => setHandling(null)} />
      <AnalysisModal open={analysing} subjectId={subjectId} onClose={() => setAnalysing(false)} />
      <Modal open={photo !== null} footer={null} onCancel={() => setPhoto(null)} title="签到照片">
        {photo ? <img src={photo} alt="签到照片" style={{ maxWidth: "100%" }} /> : null}
      </Modal>
    </Flex>
  );
}

function ReportTable({ reports, onPhoto }: { reports: LocationReport[]; onPhoto: (id: string) => void }) {
  return (
    <Card size="small" title="报告明细">
      <Table<LocationReport>
        size="small"
        rowKey={(r) => key(r.id)}
        dataSource={reports}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        onRow={() => ({ "data-qa": "report-row" }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: "时间", dataIndex: "at", render: (v: string) => formatDateTime(v) },
          { title: "来源", dataIndex: "source", render: (v: string) => reportSourceLabel[v] ?? v },
          {
            title: "精度",
            dataIndex: "accuracyM",
            render: (v: number | null, r) => (
              <>
                {v === null ? "—" : `${Math.round(v)}米`}
                {r.lowQuality ? <Tag style={{ marginLeft: 4 }}>精度不足</Tag> : null}
              </>
            ),
          },
          {
            title: "照片",
            key: "photo",
            render: (_, r) =>
              r.photoId ? (
                <Button size="small" type="link" onClick={() => onPhoto(String(r.photoId))}>
                  查看
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

/** The day's trajectory analysis: an information check by location, through the existing route. */
function AnalysisModal({
  open,
  subjectId,
  onClose,
}: {
  open: boolean;
  subjectId: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ result: "normal" | "abnormal"; abnormalKind?: string; note?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const result = Form.useWatch("result", form);
  const submit = async () => {
    let values: { result: "normal" | "abnormal"; abnormalKind?: string; note?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await supervisionApi.record(subjectId, "information-checks", { method: "location", ...values });
      message.success("轨迹分析已记录");
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["today"] }),
        queryClient.invalidateQueries({ queryKey: ["alerts"] }),
      ]);
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : "保存失败");
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title="记录轨迹分析（定位核查）"
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ "data-qa": "analysis-submit" } as ComponentProps<typeof Button>}
    >
      {error ? <AntAlert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ result: "normal" }} preserve={false}>
        <Form.Item name="result" label="分析结论">
          <Radio.Group
            options={[
              { value: "normal", label: "正常" },
              { value: "abnormal", label: "异常" },
            ]}
          />
        </Form.Item>
        {result === "abnormal" ? (
          <Form.Item
            name="abnormalKind"
            label="异常情况"
            rules={[{ required: true, message: "请选择异常情况的类别" }]}
          >
            <Select
              options={["out_of_area", "prohibited_place", "lost_contact", "abnormal_information"].map(
                (k) => ({
                  value: k,
                  label: alertKindLabel[k],
                }),
              )}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label="分析说明">
          <Input.TextArea rows={3} maxLength={1000} data-qa="analysis-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The registered residence as a point: suspected separation (人机分离) is judged against it, and not
 * at all while it is unknown — which the card says. The office enters it as WGS-84 longitude/latitude.
 */
function ResidenceCard({
  subjectId,
  residence,
  canSet,
  onSaved,
}: {
  subjectId: string;
  residence: { lon: number; lat: number } | null;
  canSet: boolean;
  onSaved: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ lon: number; lat: number }>();
  const [saving, setSaving] = useState(false);
  const save = async (point: { lon: number; lat: number }) => {
    setSaving(true);
    try {
      await locationApi.setResidence(subjectId, point);
      message.success("居住地坐标已登记");
      onSaved();
    } catch (error) {
      message.error(error instanceof Error ? error.message : "保存失败");
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title="居住地坐标" data-qa="residence-card">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-qa="residence-point">
        {residence
          ? `经度 ${residence.lon.toFixed(6)}，纬度 ${residence.lat.toFixed(6)}（据此判断疑似人机分离）`
          : "尚未登记：登记后才判断疑似人机分离"}
      </Typography.Paragraph>
      {canSet ? (
        <Form form={form} layout="inline" onFinish={save} initialValues={residence ?? undefined}>
          <Form.Item name="lon" label="经度" rules={[{ required: true, message: "请填写经度" }]}>
            <InputNumber
              min={-180}
              max={180}
              step={0.000001}
              style={{ width: 130 }}
              data-qa="residence-lon"
            />
          </Form.Item>
          <Form.Item name="lat" label="纬度" rules={[{ required: true, message: "请填写纬度" }]}>
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: 130 }} data-qa="residence-lat" />
          </Form.Item>
          <Button htmlType="submit" loading={saving} data-qa="residence-save">
            登记
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
