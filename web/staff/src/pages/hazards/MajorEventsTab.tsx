// 重大事项 (seed 002 一): escapes, new crimes, deaths and mass incidents reported to the agency at once,
// the follow-up reports, and the agency's closing.
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
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
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { majorEventKindLabel } from "../../../../../src/glossary.ts";
import { request } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { useCurrentUser } from "../../user.ts";
import { SubjectPicker } from "./HazardsPage.tsx";

interface MajorEvent {
  id: number;
  kindLabel: string;
  office: { id: string; name: string };
  subject: { id: string; name: string } | null;
  occurredAt: string;
  summary: string;
  reportedBy: string;
  reportedAt: string;
  closedAt: string | null;
  closingNote: string | null;
  updates: { id: number; text: string; by: string; at: string }[];
}

const eventsApi = {
  list: () => request<{ items: MajorEvent[] }>("GET", "/api/major-events"),
  report: (body: unknown) => request<MajorEvent>("POST", "/api/major-events", body),
  update: (id: number, text: string) =>
    request<MajorEvent>("POST", `/api/major-events/${id}/updates`, { text }),
  close: (id: number, note: string) => request<MajorEvent>("POST", `/api/major-events/${id}/close`, { note }),
};

function EventDetail({ e, canWrite, canClose }: { e: MajorEvent; canWrite: boolean; canClose: boolean }) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [text, setText] = useState("");
  const refresh = () => client.invalidateQueries({ queryKey: ["major-events"] });
  const update = useMutation({
    mutationFn: () => eventsApi.update(e.id, text),
    onSuccess: () => {
      setText("");
      refresh();
    },
    onError: (err: Error) => message.error(err.message),
  });
  const close = useMutation({
    mutationFn: () => eventsApi.close(e.id, text),
    onSuccess: () => {
      setText("");
      refresh();
    },
    onError: (err: Error) => message.error(err.message),
  });
  return (
    <Flex vertical gap={6}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{e.summary}</Typography.Paragraph>
      {e.updates.map((u) => (
        <Typography.Text key={u.id}>
          续报（{formatDateTime(u.at)}，{u.by}）：{u.text}
        </Typography.Text>
      ))}
      {e.closedAt ? (
        <Typography.Text type="secondary">
          {formatDateTime(e.closedAt)} 结案：{e.closingNote}
        </Typography.Text>
      ) : canWrite ? (
        <Space wrap>
          <Input
            value={text}
            onChange={(v) => setText(v.target.value)}
            style={{ width: 360 }}
            placeholder="续报内容或结案说明"
          />
          <Button disabled={!text.trim()} loading={update.isPending} onClick={() => update.mutate()}>
            续报
          </Button>
          {canClose ? (
            <Button danger disabled={!text.trim()} loading={close.isPending} onClick={() => close.mutate()}>
              结案
            </Button>
          ) : null}
        </Space>
      ) : null}
    </Flex>
  );
}

export function MajorEventsTab() {
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const canWrite = ["office_head", "office_assistant", "agency_head", "agency_staff"].includes(user.role);
  const canClose = ["agency_head", "agency_staff"].includes(user.role);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ["major-events"], queryFn: eventsApi.list });
  const report = useMutation({
    mutationFn: eventsApi.report,
    onSuccess: () => {
      message.success("已报告社区矫正机构");
      client.invalidateQueries({ queryKey: ["major-events"] });
      form.resetFields();
      setOpen(false);
    },
    onError: (e: Error) => message.error(e.message),
  });
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <ApiErrorView error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Card
      size="small"
      title="重大事项报告"
      extra={
        canWrite ? (
          <Button type="primary" danger icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            报告重大事项
          </Button>
        ) : null
      }
    >
      <Table
        size="small"
        rowKey="id"
        dataSource={list.data.items}
        expandable={{
          expandedRowRender: (e) => <EventDetail e={e} canWrite={canWrite} canClose={canClose} />,
          expandRowByClick: true,
        }}
        columns={[
          {
            title: "发生时间",
            dataIndex: "occurredAt",
            render: (v: string) => formatDateTime(v),
            width: 150,
          },
          { title: "类别", dataIndex: "kindLabel", width: 100 },
          { title: "对象", render: (_: unknown, e: MajorEvent) => e.subject?.name ?? "—" },
          { title: "司法所", render: (_: unknown, e: MajorEvent) => e.office.name },
          { title: "报告人", dataIndex: "reportedBy", width: 90 },
          {
            title: "状态",
            width: 90,
            render: (_: unknown, e: MajorEvent) =>
              e.closedAt ? <Tag>已结案</Tag> : <Tag color="red">处置中</Tag>,
          },
        ]}
      />
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        title="报告重大事项"
        onOk={() => form.submit()}
        confirmLoading={report.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ occurredAt: serverNow() }}
          onFinish={(v) =>
            report.mutate({
              kind: v.kind,
              subjectId: v.subjectId,
              occurredAt: (v.occurredAt as Dayjs).format("YYYY-MM-DDTHH:mm:ssZ"),
              summary: v.summary,
            })
          }
        >
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: "请选择类别" }]}>
            <Select
              options={Object.entries(majorEventKindLabel).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="subjectId" label="涉及的社区矫正对象">
            <SubjectPicker />
          </Form.Item>
          <Form.Item name="occurredAt" label="发生时间" rules={[{ required: true }]}>
            <DatePicker showTime disabledDate={(d) => d.isAfter(serverNow(), "day")} />
          </Form.Item>
          <Form.Item name="summary" label="事项经过" rules={[{ required: true, message: "请填写事项经过" }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
