// 执行地变更: the requests of this county (moving out) and, inside onebook, those moving in, each with
// its step, the answer and report clocks, and the button of the step this user may do: the office
// requests, the agency sends the letter, the answering agency records the answer (choosing the
// receiving office inside onebook), the acting side records the report. The letters are in Word;
// the proof files open from the row (each download audited by the server).
import { UploadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App as AntApp,
  Button,
  Cascader,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Popover,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Upload,
  type UploadFile,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { api, isApiError, queryString, request } from "../../api.ts";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { serverNow } from "../../server-time.ts";
import { useCurrentUser } from "../../user.ts";
import { useDivisions } from "./ApplicationForm.tsx";
import { fileToBase64 } from "./api.ts";

interface Clock {
  due: string;
  status: string;
}

export interface Transfer {
  id: string;
  subject: { id: string; name: string };
  side: "sending" | "receiving";
  newCountyName: string;
  newAddress: string;
  reason: string;
  internal: boolean;
  status: string;
  statusLabel: string;
  sentOn: string | null;
  answeredOn: string | null;
  reportedOn: string | null;
  answerClock: Clock | null;
  reportClock: Clock | null;
  can: { send: boolean; answer: boolean; report: boolean };
}

const transferApi = {
  list: () => request<{ items: Transfer[] }>("GET", "/api/transfers"),
  detail: (id: string) =>
    request<
      Transfer & {
        receivingOffices: { id: string; name: string }[];
        proofs: { id: string; fileName: string; contentType: string; sha256: string }[];
      }
    >("GET", `/api/transfers/${encodeURIComponent(id)}`),
  create: (body: unknown) => request<{ id: string }>("POST", "/api/transfers", body),
  step: (id: string, step: "send" | "answer" | "report", body: unknown) =>
    request<unknown>("POST", `/api/transfers/${encodeURIComponent(id)}/${step}`, body),
  proofUrl: (id: string, proofId: string) =>
    `/api/transfers/${encodeURIComponent(id)}/proofs/${encodeURIComponent(proofId)}`,
  letterUrl: (id: string, kind: "request" | "handover") =>
    `/api/transfers/${encodeURIComponent(id)}/letter${queryString({ kind })}`,
};

const clockColour: Record<string, string> = {
  overdue: "red",
  due_today: "orange",
  open: "blue",
  done: "green",
};
const clockText: Record<string, string> = {
  overdue: "已逾期",
  due_today: "今日到期",
  open: "未到期",
  done: "已完成",
};

function ClockTag({ label, clock }: { label: string; clock: Clock | null }) {
  if (!clock) return null;
  return (
    <Tag color={clockColour[clock.status]} data-qa="transfer-clock" data-status={clock.status}>
      {label} {clock.due} 前（{clockText[clock.status] ?? clock.status}）
    </Tag>
  );
}

/** The request's proof files, loaded when the list is opened. */
function ProofList({ id }: { id: string }) {
  const detail = useQuery({ queryKey: ["transfer", id], queryFn: () => transferApi.detail(id) });
  if (detail.isPending) return <Spin size="small" />;
  if (detail.isError) return <span>{detail.error instanceof Error ? detail.error.message : "加载失败"}</span>;
  if (detail.data.proofs.length === 0) return <span>未提交证明材料</span>;
  return (
    <Space direction="vertical" size={2} data-qa="transfer-proofs">
      {detail.data.proofs.map((p) => (
        <a
          key={p.id}
          href={transferApi.proofUrl(id, p.id)}
          target="_blank"
          rel="noreferrer"
          data-qa="transfer-proof"
        >
          {p.fileName}
        </a>
      ))}
    </Space>
  );
}

type Step = { id: string; step: "send" | "answer" | "report" };

function StepModal({ step, onClose }: { step: Step | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const detail = useQuery({
    queryKey: ["transfer", step?.id],
    queryFn: () => transferApi.detail(step!.id),
    enabled: step?.step === "answer",
  });
  const decision = Form.useWatch("decision", form);
  if (!step) return null;
  const title = { send: "发出征求意见函", answer: "登记新执行地的回复", report: "登记对象报到" }[step.step];
  const dateName = { send: "sentOn", answer: "answeredOn", report: "reportedOn" }[step.step];
  const submit = async () => {
    setError(null);
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = { ...v, [dateName]: (v[dateName] as Dayjs).format("YYYY-MM-DD") };
    try {
      await transferApi.step(step.id, step.step, body);
      message.success("已登记");
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["transfers"] }),
        queryClient.invalidateQueries({ queryKey: ["today"] }),
      ]);
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : "保存失败");
      if (isApiError(e, 400) && e.field && form.getFieldInstance(e.field as never) !== undefined)
        form.setFields([{ name: e.field as never, errors: [e.message] }]);
    }
  };
  const internalAccept = step.step === "answer" && detail.data?.internal && decision === "accepted";
  return (
    <Modal open title={title} onOk={submit} onCancel={onClose} okText="保存" destroyOnHidden>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ [dateName]: serverNow().startOf("day"), decision: "accepted" }}
      >
        <Form.Item name={dateName} label="日期" rules={[{ required: true, message: "请选择日期" }]}>
          <DatePicker />
        </Form.Item>
        {step.step === "send" ? (
          <Form.Item name="method" label="发函方式" rules={[{ required: true, message: "请选择发函方式" }]}>
            <Radio.Group
              options={[
                { value: "post", label: "邮寄" },
                { value: "fax", label: "传真" },
                { value: "online", label: "网上传送" },
                { value: "in_person", label: "当面送达" },
              ]}
            />
          </Form.Item>
        ) : null}
        {step.step === "answer" ? (
          <Form.Item name="decision" label="回复意见">
            <Radio.Group
              options={[
                { value: "accepted", label: "同意接收" },
                { value: "refused", label: "不同意接收" },
              ]}
            />
          </Form.Item>
        ) : null}
        {internalAccept ? (
          <Form.Item
            name="receivingOfficeId"
            label="接收的司法所（同意后对象及其记录本即移交该所）"
            rules={[{ required: true, message: "请选择接收的司法所" }]}
          >
            <Select
              options={(detail.data?.receivingOffices ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RequestDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const [search, setSearch] = useState("");
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const divisions = useDivisions();
  const subjects = useQuery({
    queryKey: ["transfer-subject-search", search],
    queryFn: () => api.subjects({ q: search || undefined, status: "in_correction", pageSize: 20 }),
    enabled: open,
  });
  const submit = async () => {
    setError(null);
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      const proofs = await Promise.all(
        ((v.proofs ?? []) as UploadFile[]).map(async (f) => ({
          fileName: f.name,
          contentType: f.type || undefined,
          contentBase64: await fileToBase64(f.originFileObj as File),
        })),
      );
      await transferApi.create({
        subjectId: v.subjectId,
        newCounty: (v.newCounty as string[])[(v.newCounty as string[]).length - 1],
        newAddress: v.newAddress,
        reason: v.reason,
        proofs,
      });
      await queryClient.invalidateQueries({ queryKey: ["transfers"] });
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : "提交失败");
    }
  };
  return (
    <Drawer
      open={open}
      title="执行地变更申请"
      width={640}
      destroyOnHidden
      onClose={onClose}
      extra={
        <Button type="primary" onClick={submit} data-qa="transfer-submit">
          提交申请
        </Button>
      }
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ proofs: [] }}>
        <Form.Item
          name="subjectId"
          label="社区矫正对象"
          rules={[{ required: true, message: "请选择社区矫正对象" }]}
        >
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder="输入姓名或拼音首字母搜索"
            options={(subjects.data?.items ?? []).map((s) => ({
              value: s.id,
              label: `${s.name}（${s.office.name}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="newCounty"
          label="新执行地（省、市、县）"
          rules={[{ required: true, message: "请选择新执行地所在的县（市、区）" }]}
        >
          <Cascader
            options={divisions.options}
            loadData={divisions.loadData}
            placeholder="省 / 市 / 县（市、区）"
          />
        </Form.Item>
        <Form.Item
          name="newAddress"
          label="新居住地详细地址"
          rules={[{ required: true, whitespace: true, message: "请填写新居住地详细地址" }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="变更事由"
          rules={[{ required: true, whitespace: true, message: "请填写变更事由" }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="proofs"
          label="证明材料（PDF、JPEG 或 PNG）"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
        >
          <Upload
            accept="application/pdf,image/jpeg,image/png"
            beforeUpload={() => false}
            multiple
            maxCount={10}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Drawer>
  );
}

export function TransferView({ highlight }: { highlight: string | null }) {
  const user = useCurrentUser();
  const [filing, setFiling] = useState(false);
  const [step, setStep] = useState<Step | null>(null);
  const list = useQuery({ queryKey: ["transfers"], queryFn: transferApi.list });
  const office = user.role === "office_head" || user.role === "office_assistant";
  if (list.isError) return <ApiErrorView error={list.error} onRetry={() => list.refetch()} />;
  return (
    <div data-qa="transfer-view" data-ready={String(list.isSuccess && !list.isFetching)}>
      {office ? (
        <Button
          type="primary"
          onClick={() => setFiling(true)}
          style={{ marginBottom: 12 }}
          data-qa="transfer-new"
        >
          提出执行地变更申请
        </Button>
      ) : null}
      <Table<Transfer>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: "没有执行地变更申请" }}
        rowClassName={(r) => (r.id === highlight ? "ant-table-row-selected" : "")}
        onRow={(r) => ({ "data-qa": "transfer-row", "data-id": r.id }) as object}
        columns={[
          { title: "对象", render: (_, r) => r.subject.name },
          {
            title: "新执行地",
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{r.newCountyName}</span>
                <span style={{ fontSize: 12, color: "#888" }}>{r.newAddress}</span>
              </Space>
            ),
          },
          { title: "方向", render: (_, r) => (r.side === "sending" ? "移出" : "移入") },
          { title: "进度", render: (_, r) => <Tag data-qa="transfer-status">{r.statusLabel}</Tag> },
          {
            title: "期限",
            render: (_, r) => (
              <Space direction="vertical" size={2}>
                <ClockTag label="回复" clock={r.answerClock} />
                <ClockTag label="报到" clock={r.reportClock} />
              </Space>
            ),
          },
          {
            title: "办理",
            render: (_, r) => (
              <Space wrap>
                {r.can.send ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setStep({ id: r.id, step: "send" })}
                    data-qa="transfer-send"
                  >
                    发函
                  </Button>
                ) : null}
                {r.can.answer ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setStep({ id: r.id, step: "answer" })}
                    data-qa="transfer-answer"
                  >
                    登记回复
                  </Button>
                ) : null}
                {r.can.report ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setStep({ id: r.id, step: "report" })}
                    data-qa="transfer-report"
                  >
                    登记报到
                  </Button>
                ) : null}
                <Popover trigger="click" title="证明材料" content={<ProofList id={r.id} />} destroyOnHidden>
                  <Button size="small" type="link" data-qa="transfer-proofs-open">
                    证明材料
                  </Button>
                </Popover>
                <a href={transferApi.letterUrl(r.id, "request")}>征求意见函</a>
                {r.status === "accepted" || r.status === "reported" ? (
                  <a href={transferApi.letterUrl(r.id, "handover")}>移交函</a>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <RequestDrawer open={filing} onClose={() => setFiling(false)} />
      <StepModal step={step} onClose={() => setStep(null)} />
    </div>
  );
}
