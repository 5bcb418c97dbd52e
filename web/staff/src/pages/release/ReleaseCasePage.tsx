// 解矫 of one person: the release announcement (date, place, who was present), or termination
// (revocation, imprisonment, death) with its date and document; afterwards the certificate and the
// notices as Word documents, with when and how each notice was sent, and the book's state.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { supervisionApi } from "../supervision/api.ts";
import { type EndDocument, releaseApi } from "./api.ts";

const mayRecord = (role: string) =>
  ["agency_head", "agency_staff", "office_head", "office_assistant"].includes(role);

export default function ReleaseCasePage() {
  const { id = "" } = useParams();
  const subject = useQuery({ queryKey: ["subject", id], queryFn: () => api.subject(id) });
  const end = useQuery({ queryKey: ["case-end", id], queryFn: () => releaseApi.end(id) });
  usePageTitle(subject.data ? `${subject.data.name} - 解矫` : "解矫");
  const user = useCurrentUser();
  if (subject.isPending || end.isPending) return <PageLoading />;
  if (subject.isError) return <ApiErrorView error={subject.error} onRetry={() => subject.refetch()} />;
  if (end.isError) return <ApiErrorView error={end.error} onRetry={() => end.refetch()} />;
  const s = subject.data;
  const e = end.data;
  return (
    <Flex vertical gap={12} data-qa="release-case">
      <Card size="small">
        <Space size="middle" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {s.name}
          </Typography.Title>
          <Tag>{s.statusLabel}</Tag>
          <Typography.Text>
            矫正期限：
            <span className="mono">
              {s.termStart} 至 {s.termEnd}
            </span>
          </Typography.Text>
          <Typography.Text type="secondary">
            {s.correctionTypeLabel} · {s.office.name}
          </Typography.Text>
          <Link to={`/book/${encodeURIComponent(s.id)}`}>
            <Button size="small">工作记录本</Button>
          </Link>
          <Tag
            color={e.book.state === "closed" ? "default" : e.book.state === "open" ? "blue" : "orange"}
            data-qa="book-state"
          >
            {e.book.stateLabel}
            {e.book.closesOn
              ? `（${e.book.state === "closed" ? "封存日期" : "解矫分析总结截止"} ${e.book.closesOn}）`
              : ""}
          </Tag>
        </Space>
      </Card>
      {e.end ? (
        <EndDetails id={id} view={e} canRecord={mayRecord(user.role)} />
      ) : mayRecord(user.role) ? (
        <>
          <ReleaseForm id={id} termEnd={e.termEnd} />
          <TerminationForm id={id} />
        </>
      ) : (
        <Alert type="info" showIcon title="尚未解除或终止矫正" />
      )}
    </Flex>
  );
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return async () => {
    for (const key of [["case-end", id], ["subject", id], ["releases"], ["today"], ["book", id]])
      await queryClient.invalidateQueries({ queryKey: key });
  };
}

function ReleaseForm({ id, termEnd }: { id: string; termEnd: string }) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const refresh = useRefresh(id);
  const workers = useQuery({ queryKey: ["workers", id], queryFn: () => supervisionApi.workers(id) });
  const today = serverNow().format("YYYY-MM-DD");
  const early = today < termEnd;
  const submit = useMutation({
    mutationFn: (v: {
      date: dayjs.Dayjs;
      place: string;
      staff: string[];
      others?: string;
      remarks?: string;
    }) =>
      releaseApi.release(id, {
        kind: "release",
        date: v.date.format("YYYY-MM-DD"),
        place: v.place,
        present: [
          ...(v.staff ?? []).map((userId) => ({ userId })),
          ...(v.others ?? "")
            .split(/[，,、\n]/)
            .map((n) => n.trim())
            .filter(Boolean)
            .map((name) => ({ name })),
        ],
        remarks: v.remarks,
      }),
    onSuccess: async () => {
      message.success("已解除矫正，解除社区矫正证明书和通知书已制作");
      await refresh();
    },
    onError: (err) => message.error(err instanceof Error ? err.message : "办理失败"),
  });
  return (
    <Card size="small" title="解除矫正宣告（《社区矫正法》第四十四条）">
      {early ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`矫正期限至 ${termEnd} 届满，期满之日起方可宣告解除矫正`}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(today), staff: [] }}
        onFinish={(v) => submit.mutate(v)}
        disabled={early}
        data-qa="release-form"
      >
        <Form.Item name="date" label="宣告日期" rules={[{ required: true, message: "请选择宣告日期" }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="place" label="宣告地点" rules={[{ required: true, message: "请填写宣告地点" }]}>
          <Input maxLength={200} data-qa="release-place" />
        </Form.Item>
        <Form.Item name="staff" label="到场工作人员">
          <Select
            mode="multiple"
            data-qa="release-staff"
            options={(workers.data?.items ?? []).map((w) => ({
              value: w.id,
              label: `${w.displayName}（${w.roleLabel}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="others" label="其他到场人员（家属、村（居）委会代表等，用顿号分隔）">
          <Input maxLength={300} data-qa="release-others" />
        </Form.Item>
        <Form.Item name="remarks" label="备注">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-qa="release-submit">
          宣告解除矫正
        </Button>
      </Form>
    </Card>
  );
}

function TerminationForm({ id }: { id: string }) {
  const { message, modal } = AntApp.useApp();
  const refresh = useRefresh(id);
  const [open, setOpen] = useState(false);
  const submit = useMutation({
    mutationFn: (v: { kind: string; date: dayjs.Dayjs; documentText: string; remarks?: string }) =>
      releaseApi.terminate(id, { ...v, date: v.date.format("YYYY-MM-DD") }),
    onSuccess: async () => {
      message.success("已终止矫正，工作记录本已封存，通知书已制作");
      await refresh();
    },
    onError: (err) => message.error(err instanceof Error ? err.message : "办理失败"),
  });
  return (
    <Card size="small" title="终止矫正（《社区矫正法》第四十五条）">
      {!open ? (
        <Button onClick={() => setOpen(true)} data-qa="termination-open">
          办理终止矫正
        </Button>
      ) : (
        <Form
          layout="vertical"
          onFinish={(v) =>
            modal.confirm({
              title: "终止矫正后工作记录本即封存，不能再修改。确定办理？",
              onOk: () => submit.mutate(v),
            })
          }
        >
          <Form.Item name="kind" label="终止原因" rules={[{ required: true, message: "请选择终止原因" }]}>
            <Select
              options={[
                { value: "revocation", label: "撤销缓刑（假释）" },
                { value: "imprisonment", label: "收监执行" },
                { value: "death", label: "死亡" },
              ]}
            />
          </Form.Item>
          <Form.Item name="date" label="终止日期" rules={[{ required: true, message: "请选择终止日期" }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="documentText"
            label="文书（裁定书、决定书或死亡证明的名称和文号）"
            rules={[{ required: true, message: "请填写文书名称和文号" }]}
          >
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="remarks" label="备注">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Button danger htmlType="submit" loading={submit.isPending}>
            终止矫正
          </Button>
        </Form>
      )}
    </Card>
  );
}

function EndDetails({
  id,
  view,
  canRecord,
}: {
  id: string;
  view: Awaited<ReturnType<typeof releaseApi.end>>;
  canRecord: boolean;
}) {
  const end = view.end!;
  const [sending, setSending] = useState<EndDocument | null>(null);
  return (
    <>
      <Card size="small" title={end.kindLabel} data-qa="case-end">
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="日期">{end.endDate}</Descriptions.Item>
          <Descriptions.Item label="依据">{end.basis}</Descriptions.Item>
          {end.place ? <Descriptions.Item label="宣告地点">{end.place}</Descriptions.Item> : null}
          {end.present.length ? (
            <Descriptions.Item label="到场人员">
              {end.present.map((p) => (p.role ? `${p.name}（${p.role}）` : p.name)).join("、")}
            </Descriptions.Item>
          ) : null}
          {end.documentText ? <Descriptions.Item label="文书">{end.documentText}</Descriptions.Item> : null}
          {end.certificateNo ? (
            <Descriptions.Item label="证明书编号">{end.certificateNo}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label="办理时间">{formatDateTime(end.recordedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="文书和送达">
        <Table<EndDocument>
          rowKey="kind"
          size="small"
          pagination={false}
          dataSource={view.documents}
          columns={[
            { title: "文书", dataIndex: "kindLabel" },
            { title: "制作时间", dataIndex: "createdAt", render: (v: string) => formatDateTime(v) },
            {
              title: "下载",
              key: "download",
              render: (_, d) => (
                <a href={releaseApi.documentUrl(id, d.kind)} data-qa={`download-${d.kind}`}>
                  Word
                </a>
              ),
            },
            {
              title: "送达",
              key: "sent",
              render: (_, d) =>
                d.kind === "certificate" ? (
                  <Typography.Text type="secondary">当面发给本人</Typography.Text>
                ) : d.sent ? (
                  `${formatDateTime(d.sent.at)} · ${d.sent.methodLabel}${d.sent.note ? ` · ${d.sent.note}` : ""}`
                ) : canRecord ? (
                  <Button size="small" onClick={() => setSending(d)} data-qa={`send-${d.kind}`}>
                    登记送达
                  </Button>
                ) : (
                  "未登记"
                ),
            },
          ]}
        />
      </Card>
      <SentModal id={id} doc={sending} onClose={() => setSending(null)} />
    </>
  );
}

function SentModal({ id, doc, onClose }: { id: string; doc: EndDocument | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const refresh = useRefresh(id);
  const submit = useMutation({
    mutationFn: (v: { at: dayjs.Dayjs; method: string; note?: string }) =>
      releaseApi.sent(id, doc!.kind, {
        sentAt: v.at.format("YYYY-MM-DDTHH:mm:ssZ"),
        method: v.method,
        note: v.note,
      }),
    onSuccess: async () => {
      message.success("已登记送达");
      onClose();
      await refresh();
    },
    onError: (err) => message.error(err instanceof Error ? err.message : "登记失败"),
  });
  return (
    <Modal
      title={doc ? `登记送达：${doc.kindLabel}` : ""}
      open={!!doc}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={submit.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ at: serverNow(), method: "in_person" }}
        onFinish={(v) => submit.mutate(v)}
      >
        <Form.Item name="at" label="送达时间" rules={[{ required: true, message: "请选择送达时间" }]}>
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="method" label="送达方式" rules={[{ required: true }]}>
          <Select
            options={[
              { value: "in_person", label: "直接送达" },
              { value: "post", label: "邮寄" },
              { value: "fax", label: "传真" },
              { value: "online", label: "信息平台推送" },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
