// 今日工作: what is due today and overdue for the offices and people the user answers for, most
// urgent first, each with its basis and one click to record it; the day's check standards on top.
import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Switch,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { type HTMLAttributes, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { basisText } from "../../../../../src/glossary.ts";
import { request } from "../../api.ts";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { type AlertRef, HandleAlertModal } from "../alerts/HandleAlertModal.tsx";
import { bookApi } from "../book/client.ts";
import { AssignNoticeModal, type NoticeToAssign } from "../exchange/AssignNoticeModal.tsx";
import { DecisionDoneModal } from "../hazards/RiskMeetingsTab.tsx";
import { ScreeningModal } from "../hazards/ScreeningTab.tsx";
import { type ActionKind, type Standard, supervisionApi, type TodayItem } from "../supervision/api.ts";
import { type RecordKind, RecordModal } from "../supervision/RecordModal.tsx";

const statusTag: Record<TodayItem["status"], { color: string; label: string }> = {
  overdue: { color: "red", label: "已逾期" },
  due_today: { color: "orange", label: "今日到期" },
  open: { color: "blue", label: "待完成" },
};
const colourTag: Record<string, string> = { red: "red", orange: "orange", yellow: "gold", blue: "blue" };

const recordOf: Partial<Record<ActionKind, RecordKind>> = {
  phone_report: "phone_report",
  in_person_report: "in_person_report",
  information_check: "information_check",
  field_visit: "field_visit",
  feedback_form: "feedback_form",
  leave_signin_check: "leave_signin_check",
  leave_phone_check: "leave_phone_check",
};
const actionLabel: Record<ActionKind, string> = {
  phone_report: "登记报告",
  in_person_report: "登记报告",
  information_check: "登记核查",
  field_visit: "登记查访",
  leave_signin_check: "登记签到核查",
  leave_phone_check: "登记电话核查",
  leave_files: "请假材料",
  feedback_form: "填写反馈表",
  book: "打开记录本",
  handle_alert: "处置",
  sample: "抽查名单",
  load_calendar: "载入",
  violation_case: "查看案件",
  release: "办理解矫",
  transfer: "执行地变更",
  hazard: "安全隐患",
  major_event: "重大事项",
  screening: "排查谈话",
  risk_decision: "办结",
  decide_level: "同意拟定等级",
  investigation: "调查评估",
  resettlement: "安置帮教",
  aftercare_phone: "登记电话回访",
  aftercare_visit: "登记见面回访",
  exchange_retry: "重新发送",
  resettlement_assign: "分配司法所",
  aftercare_assign: "分配司法所",
};

function StandardCard({ s }: { s: Standard }) {
  const percent = s.required === 0 ? 100 : Math.min(100, Math.round((s.done / s.required) * 100));
  return (
    <Tooltip title={`依据：${basisText(s.basis)}`}>
      <div
        data-qa="standard"
        data-id={s.id}
        data-done={s.done}
        data-required={s.required}
        style={{ minWidth: 180 }}
      >
        <Typography.Text style={{ fontSize: 12 }}>{s.label}</Typography.Text>
        <Progress
          aria-label={`${s.label}：已完成 ${s.done}，应完成 ${s.required}`}
          percent={percent}
          size="small"
          status={s.status === "overdue" ? "exception" : s.status === "met" ? "success" : "active"}
          format={() => `${s.done}/${s.required}`}
        />
      </div>
    </Tooltip>
  );
}

export default function TodayPage() {
  usePageTitle("今日工作");
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const county = ["agency_head", "agency_staff", "prosecutor"].includes(user.role);
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const [mine, setMine] = useState(false);
  const [horizon, setHorizon] = useState(7);
  const [record, setRecord] = useState<{ kind: RecordKind; subject: { id: string; name: string } } | null>(
    null,
  );
  const [alert, setAlert] = useState<AlertRef | null>(null);
  const [screening, setScreening] = useState<{ campaignId: string; subjectId: string; name: string } | null>(
    null,
  );
  const [decision, setDecision] = useState<{
    meetingId: number;
    index: number;
    title: string;
    detail: string | null;
  } | null>(null);
  const [notice, setNotice] = useState<NoticeToAssign | null>(null);
  const today = useQuery({
    queryKey: ["today", officeId, mine, horizon],
    queryFn: () => supervisionApi.today({ officeId, mine, horizon }),
    refetchInterval: 60_000,
  });

  const act = (item: TodayItem) => {
    const action = item.action;
    if (!action) return;
    if (action.kind === "handle_alert" && action.alertId) {
      setAlert({ id: action.alertId, title: item.title, summary: item.detail });
      return;
    }
    if (action.kind === "book" && action.subjectId) {
      navigate(`/subjects/${encodeURIComponent(action.subjectId)}`);
      return;
    }
    if (action.kind === "release" && action.subjectId) {
      navigate(`/release/${encodeURIComponent(action.subjectId)}`);
      return;
    }
    if (action.kind === "transfer" && action.transferId) {
      navigate(`/leave?status=transfer&transfer=${encodeURIComponent(action.transferId)}`);
      return;
    }
    if (action.kind === "leave_files") {
      navigate("/leave?status=files");
      return;
    }
    if (action.kind === "sample") {
      navigate(`/supervision/sampling${action.officeId ? `?officeId=${action.officeId}` : ""}`);
      return;
    }
    if (action.kind === "violation_case" && action.caseId) {
      navigate(`/violations/${encodeURIComponent(action.caseId)}`);
      return;
    }
    if (action.kind === "load_calendar") {
      navigate("/calendar");
      return;
    }
    if (action.kind === "hazard") {
      navigate("/hazards");
      return;
    }
    if (action.kind === "decide_level" && action.subjectId && action.levelDecision) {
      // One click agrees with the proposal; a refusal (say, a reason is needed) opens the case's book.
      const subjectId = action.subjectId;
      bookApi
        .decide(subjectId, action.levelDecision)
        .then((r) => {
          message.success(`管理等级已决定为${r.levelLabel}`);
          void today.refetch();
        })
        .catch(() => navigate(`/subjects/${encodeURIComponent(subjectId)}`));
      return;
    }
    if (action.kind === "investigation" || action.kind === "resettlement") {
      navigate(`/${action.kind}?id=${encodeURIComponent(action.recordId ?? "")}`);
      return;
    }
    if (action.kind === "aftercare_phone" || action.kind === "aftercare_visit") {
      const kind = action.kind === "aftercare_phone" ? "phone" : "visit";
      navigate(`/aftercare?id=${encodeURIComponent(action.recordId ?? "")}&record=${kind}`);
      return;
    }
    if (action.kind === "major_event") {
      navigate("/hazards?tab=events");
      return;
    }
    if (action.kind === "screening" && action.campaignId && action.subjectId) {
      setScreening({
        campaignId: action.campaignId,
        subjectId: action.subjectId,
        name: item.subject?.name ?? "",
      });
      return;
    }
    if (action.kind === "risk_decision" && action.decision) {
      setDecision({ ...action.decision, title: item.title, detail: item.detail });
      return;
    }
    if (action.kind === "exchange_retry" && action.deliveryId) {
      // One click: the dead letter goes back in the queue (features/exchange) and leaves Today.
      request("POST", `/api/exchange/deliveries/${encodeURIComponent(action.deliveryId)}/retry`, {})
        .then(() => {
          message.success("已重新排队，下次推送任务即发送");
          return today.refetch();
        })
        .catch((error: Error) => message.error(error.message));
      return;
    }
    if ((action.kind === "resettlement_assign" || action.kind === "aftercare_assign") && action.recordId) {
      // A partner's notice without an office (features/exchange): the assignment opens here.
      const feature = action.kind === "resettlement_assign" ? "resettlement" : "aftercare";
      setNotice({ feature, id: action.recordId, title: item.title, detail: item.detail });
      return;
    }
    const kind = recordOf[action.kind];
    const subjectId = action.subjectId;
    if (!kind) return;
    if (!subjectId) {
      navigate("/supervision");
      return;
    }
    const name = item.subject?.name ?? item.missing.find((m) => m.id === subjectId)?.name ?? "";
    setRecord({ kind, subject: { id: subjectId, name } });
  };

  const columns: TableColumnsType<TodayItem> = [
    {
      title: "状态",
      dataIndex: "status",
      width: 90,
      render: (_, item) => (
        <Space size={2} direction="vertical">
          <Tag color={statusTag[item.status].color}>{statusTag[item.status].label}</Tag>
          {item.colour ? <Tag color={colourTag[item.colour]}>预警</Tag> : null}
        </Space>
      ),
    },
    {
      title: "事项",
      dataIndex: "title",
      render: (_, item) => (
        <div>
          <Typography.Text strong data-qa="today-title">
            {item.title}
          </Typography.Text>
          {item.detail ? <div style={{ fontSize: 12, color: "#666" }}>{item.detail}</div> : null}
          {item.missing.length ? (
            <div style={{ fontSize: 12 }}>
              尚未核查：
              {item.missing.slice(0, 8).map((m) => (
                <Link
                  key={m.id}
                  to={`/supervision/${encodeURIComponent(m.id)}`}
                  // Underlined: inside a line of text a link must not be told apart by colour alone.
                  style={{ marginRight: 6, textDecoration: "underline" }}
                >
                  {m.name}
                </Link>
              ))}
              {item.missing.length > 8 ? `等 ${item.missing.length} 人` : ""}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: "对象 / 单位",
      key: "who",
      width: 170,
      render: (_, item) =>
        item.subject ? (
          <Space size={4} wrap>
            <Link to={`/supervision/${encodeURIComponent(item.subject.id)}`} data-qa="today-subject">
              {item.subject.name}
            </Link>
            <Tag>{item.subject.levelLabel}</Tag>
            {county ? <Typography.Text type="secondary">{item.office.name}</Typography.Text> : null}
          </Space>
        ) : (
          item.office.name
        ),
    },
    {
      title: "期间 / 完成",
      key: "period",
      width: 200,
      render: (_, item) => (
        <div style={{ fontSize: 12 }}>
          {item.period ? <div className="mono">{item.period.replace("/", " ~ ")}</div> : null}
          {item.required !== null ? (
            <div>
              应 {item.required}，已 {item.done}
            </div>
          ) : null}
        </div>
      ),
    },
    { title: "截止", dataIndex: "dueBy", width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: "依据",
      key: "basis",
      width: 200,
      // The rule itself; its source and the document's own sentence on hover.
      render: (_, item) => (
        <Tooltip
          title={
            <div data-qa="today-basis-quote">
              <div>{item.basisSource}</div>
              {item.basisQuote ? <div style={{ marginTop: 4 }}>{item.basisQuote}</div> : null}
            </div>
          }
        >
          <Typography.Text
            type="secondary"
            style={{ fontSize: 12 }}
            data-qa="today-basis"
            data-code={item.basisCode}
          >
            {item.basisText}
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: "操作",
      key: "action",
      width: 100,
      render: (_, item) =>
        item.action ? (
          <Button size="small" type="primary" ghost onClick={() => act(item)} data-qa="today-action">
            {item.status === "overdue" && item.group === "obligation"
              ? "补登记"
              : actionLabel[item.action.kind]}
          </Button>
        ) : null,
    },
  ];

  const offices = today.data?.offices ?? [];
  return (
    <Flex vertical gap={12}>
      <Card
        title={`今日工作${today.data ? ` · ${today.data.day}` : ""}`}
        extra={
          <Space wrap>
            {county && offices.length > 0 ? (
              <Select
                allowClear
                aria-label="司法所"
                placeholder="全部司法所"
                style={{ width: 160 }}
                value={officeId}
                onChange={setOfficeId}
                options={(today.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))}
                data-qa="today-office"
              />
            ) : null}
            <Segmented
              data-qa="today-horizon"
              value={horizon}
              onChange={(v) => setHorizon(Number(v))}
              options={[
                { value: 0, label: "今日" },
                { value: 7, label: "7天内" },
                { value: 31, label: "本月" },
              ]}
            />
            {!county ? (
              <Space size={4}>
                <Switch
                  size="small"
                  checked={mine}
                  onChange={setMine}
                  data-qa="today-mine"
                  aria-label="只看我负责的"
                />
                只看我负责的
              </Space>
            ) : null}
          </Space>
        }
      >
        {today.data ? (
          <Row gutter={16}>
            <Col xs={8} md={4}>
              <Statistic
                title="已逾期"
                value={today.data.counts.overdue}
                valueStyle={{ color: "#cf1322" }}
                data-qa="count-overdue"
              />
            </Col>
            <Col xs={8} md={4}>
              <Statistic
                title="今日到期"
                value={today.data.counts.dueToday}
                valueStyle={{ color: "#d46b08" }}
              />
            </Col>
            <Col xs={8} md={4}>
              <Statistic title="近期待办" value={today.data.counts.open} />
            </Col>
            <Col xs={24} md={12}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                统计时间 {formatDateTime(today.data.asOf)}
                。事项及期限由规则引擎按《一人一册实施方案》计算，每项列出依据。
              </Typography.Text>
            </Col>
          </Row>
        ) : null}
      </Card>
      {(today.data?.warnings ?? []).map((w) => (
        <Alert
          key={w.year}
          type="warning"
          showIcon
          data-qa="calendar-warning"
          data-year={w.year}
          title={w.message}
          action={
            <Link to="/calendar" data-qa="calendar-warning-link">
              节假日安排
            </Link>
          }
        />
      ))}
      {offices.map((office) => (
        <Card
          key={office.id}
          size="small"
          title={`${office.name} · 当日核查`}
          data-qa="office-standards"
          data-office={office.id}
        >
          <Flex wrap gap={16}>
            {office.standards.map((s) => (
              <StandardCard key={s.id} s={s} />
            ))}
          </Flex>
        </Card>
      ))}
      <Card size="small">
        {today.isError ? (
          <ApiErrorView error={today.error} onRetry={() => today.refetch()} />
        ) : (
          <div data-qa="today-table" data-ready={String(today.isSuccess && !today.isFetching)}>
            <ResponsiveTable<TodayItem>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={today.data?.items ?? []}
              // A person's alerts for old misses come as one row that expands to them.
              expandable={{ childrenColumnName: "grouped", indentSize: 12 }}
              loading={today.isFetching}
              onRow={(item) =>
                ({
                  "data-qa": "today-row",
                  "data-key": item.key,
                  "data-status": item.status,
                  "data-count": item.grouped?.length ?? 1,
                }) as HTMLAttributes<HTMLElement>
              }
              pagination={{
                pageSize: 50,
                showSizeChanger: false,
                showTotal: (n) =>
                  today.data && today.data.total > n
                    ? `显示最紧急的 ${n} 项，共 ${today.data.total} 项`
                    : `共 ${n} 项`,
              }}
              locale={{ emptyText: today.isPending ? "加载中…" : "今天没有待办事项" }}
            />
          </div>
        )}
      </Card>
      <RecordModal
        kind={record?.kind ?? null}
        subject={record?.subject ?? null}
        onClose={() => setRecord(null)}
      />
      <HandleAlertModal alert={alert} onClose={() => setAlert(null)} />
      <ScreeningModal target={screening} onClose={() => setScreening(null)} />
      <DecisionDoneModal decision={decision} onClose={() => setDecision(null)} />
      <AssignNoticeModal notice={notice} onClose={() => setNotice(null)} />
    </Flex>
  );
}
