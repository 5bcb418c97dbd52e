// 风险研判会议 (seed 002 二): the month's meeting of the office or of the agency, with the persons the
// month's records point at pre-filled, decisions with owners and deadlines, and the minutes in Word.
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App as AntApp,
  Button,
  type ButtonProps,
  Card,
  Checkbox,
  DatePicker,
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
import { useEffect, useState } from "react";
import { queryString, request } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { serverNow } from "../../server-time.ts";
import { useCurrentUser } from "../../user.ts";
import { hazardsApi } from "./HazardsPage.tsx";
import { PersonTable } from "./PersonTable.tsx";

interface Candidate {
  subjectId: string;
  name: string;
  officeName: string;
  reasonLabels: string[];
}
interface Meeting {
  id: number;
  unit: string;
  month: string;
  heldOn: string;
  host: string;
  attendees: { name: string }[];
  persons: { subjectId: string; name: string; assessment: string }[];
  decisions: {
    text: string;
    ownerName: string;
    deadline: string;
    done: { note: string; by: string; at: string } | null;
  }[];
}

const meetingsApi = {
  list: () => request<{ items: Meeting[] }>("GET", "/api/risk-meetings"),
  candidates: (month: string) =>
    request<{ persons: Candidate[] }>("GET", `/api/risk-meetings/candidates${queryString({ month })}`),
  record: (body: unknown) => request<Meeting>("POST", "/api/risk-meetings", body),
  minutesUrl: (id: number) => `/api/risk-meetings/${id}/minutes`,
  done: (meetingId: number, index: number, note: string) =>
    request<Meeting>("POST", `/api/risk-meetings/${meetingId}/decisions/${index}/done`, { note }),
};

/** 办结决定事项: the owner's unit marks a meeting's decision done with a note (Today's one click). */
export function DecisionDoneModal({
  decision,
  onClose,
}: {
  decision: { meetingId: number; index: number; title: string; detail: string | null } | null;
  onClose: () => void;
}) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (note: string) => meetingsApi.done(decision!.meetingId, decision!.index, note),
    onSuccess: () => {
      message.success("已办结该决定事项");
      client.invalidateQueries({ queryKey: ["risk-meetings"] });
      client.invalidateQueries({ queryKey: ["today"] });
      onClose();
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Modal
      open={decision !== null}
      onCancel={onClose}
      title="办结风险研判会议决定事项"
      okText="办结"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-qa": "decision-done-save" } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{decision?.title}</Typography.Paragraph>
      {decision?.detail ? (
        <Typography.Paragraph type="secondary">{decision.detail}</Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.note)}>
        <Form.Item
          name="note"
          label="办理情况"
          rules={[{ required: true, whitespace: true, message: "请填写办理情况" }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-qa="decision-done-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const DEFAULT_ASSESSMENT = "情况稳定，继续按现有管理等级监管";

function MeetingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const month =
    (Form.useWatch("month", form) as Dayjs | undefined)?.format("YYYY-MM") ?? serverNow().format("YYYY-MM");
  const owners = useQuery({
    queryKey: ["hazard-owners", undefined],
    queryFn: () => hazardsApi.owners(),
    enabled: open,
  });
  const pre = useQuery({
    queryKey: ["risk-candidates", month],
    queryFn: () => meetingsApi.candidates(month),
    enabled: open,
  });
  const [persons, setPersons] = useState<(Candidate & { include: boolean; assessment: string })[]>([]);
  useEffect(() => {
    setPersons(
      (pre.data?.persons ?? []).map((p) => ({ ...p, include: true, assessment: DEFAULT_ASSESSMENT })),
    );
  }, [pre.data]);
  const save = useMutation({
    mutationFn: meetingsApi.record,
    onSuccess: () => {
      message.success("已登记本月风险研判会议");
      client.invalidateQueries({ queryKey: ["risk-meetings"] });
      onClose();
    },
    onError: (e: Error) => message.error(e.message),
  });
  const ownerOptions = (owners.data?.owners ?? []).map((o) => ({
    value: o.id,
    label: `${o.name}（${o.roleLabel}）`,
  }));
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title="登记风险研判分析会议"
      width={900}
      okText="登记"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-qa": "meeting-save" } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ month: serverNow(), heldOn: serverNow(), decisions: [] }}
        onFinish={(v) =>
          save.mutate({
            month,
            heldOn: (v.heldOn as Dayjs).format("YYYY-MM-DD"),
            place: v.place,
            host: v.host,
            attendeeIds: v.attendeeIds,
            persons: persons
              .filter((p) => p.include)
              .map((p) => ({ subjectId: p.subjectId, assessment: p.assessment })),
            decisions: (v.decisions as { text: string; ownerId: string; deadline: Dayjs }[]).map((d) => ({
              text: d.text,
              ownerId: d.ownerId,
              deadline: d.deadline.format("YYYY-MM-DD"),
            })),
            summary: v.summary,
          })
        }
      >
        <Space align="start" wrap>
          <Form.Item name="month" label="研判月份" rules={[{ required: true }]}>
            <DatePicker picker="month" disabledDate={(d) => d.isAfter(serverNow(), "month")} />
          </Form.Item>
          <Form.Item name="heldOn" label="会议日期" rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(serverNow(), "day")} />
          </Form.Item>
          <Form.Item name="place" label="会议地点" rules={[{ required: true, message: "请填写会议地点" }]}>
            <Input maxLength={200} data-qa="meeting-place" />
          </Form.Item>
          <Form.Item name="host" label="主持人" rules={[{ required: true, message: "请填写主持人" }]}>
            <Input maxLength={50} data-qa="meeting-host" />
          </Form.Item>
        </Space>
        <Form.Item
          name="attendeeIds"
          label="参会人员"
          rules={[{ required: true, message: "请选择参会人员" }]}
        >
          <Select mode="multiple" options={ownerOptions} data-qa="meeting-attendees" />
        </Form.Item>
        <Typography.Text strong>
          研判对象（由本月预警、违规、安全隐患、等级调整、重大事项和重点人员自动列出）
        </Typography.Text>
        <PersonTable
          persons={persons}
          qa="meeting-persons"
          pagination={false}
          loading={pre.isPending}
          scroll={{ y: 260 }}
          lead={[
            {
              title: "研判",
              width: 60,
              render: (_: unknown, p, i) => (
                <Checkbox
                  checked={p.include}
                  onChange={(e) =>
                    setPersons((all) =>
                      all.map((x, j) => (j === i ? { ...x, include: e.target.checked } : x)),
                    )
                  }
                />
              ),
            },
          ]}
          columns={[
            {
              title: "事由",
              render: (_: unknown, p) => p.reasonLabels.map((r) => <Tag key={r}>{r}</Tag>),
            },
            {
              title: "研判意见",
              render: (_: unknown, p, i) => (
                <Input
                  value={p.assessment}
                  maxLength={1000}
                  onChange={(e) =>
                    setPersons((all) =>
                      all.map((x, j) => (j === i ? { ...x, assessment: e.target.value } : x)),
                    )
                  }
                />
              ),
            },
          ]}
        />
        <Typography.Text strong>会议决定事项</Typography.Text>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, "text"]} rules={[{ required: true, message: "请填写事项" }]}>
                    <Input placeholder="决定事项" style={{ width: 300 }} maxLength={500} />
                  </Form.Item>
                  <Form.Item name={[f.name, "ownerId"]} rules={[{ required: true, message: "请选择责任人" }]}>
                    <Select placeholder="责任人" style={{ width: 180 }} options={ownerOptions} />
                  </Form.Item>
                  <Form.Item name={[f.name, "deadline"]} rules={[{ required: true, message: "请选择时限" }]}>
                    <DatePicker placeholder="完成时限" />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => add({})}
                style={{ marginBottom: 12 }}
              >
                增加决定事项
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="summary" label="会议小结" rules={[{ required: true, message: "请填写会议小结" }]}>
          <Input.TextArea rows={3} maxLength={4000} data-qa="meeting-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RiskMeetingsTab() {
  const user = useCurrentUser();
  const canWrite = ["office_head", "office_assistant", "agency_head", "agency_staff"].includes(user.role);
  const [open, setOpen] = useState(false);
  const list = useQuery({ queryKey: ["risk-meetings"], queryFn: meetingsApi.list });
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <ApiErrorView error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Card
      size="small"
      title="风险研判分析会议"
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-qa="meeting-new">
            登记本月会议
          </Button>
        ) : null
      }
    >
      <Table
        size="small"
        rowKey="id"
        dataSource={list.data.items}
        data-qa="meeting-list"
        pagination={{ pageSize: 12, showSizeChanger: false }}
        columns={[
          { title: "月份", dataIndex: "month", width: 90 },
          { title: "单位", dataIndex: "unit" },
          { title: "会议日期", dataIndex: "heldOn", width: 110 },
          { title: "主持人", dataIndex: "host", width: 90 },
          { title: "参会", render: (_: unknown, m: Meeting) => `${m.attendees.length}人`, width: 70 },
          { title: "研判对象", render: (_: unknown, m: Meeting) => `${m.persons.length}人`, width: 90 },
          {
            title: "决定事项",
            render: (_: unknown, m: Meeting) =>
              m.decisions.length
                ? `${m.decisions.length}项（已办结${m.decisions.filter((d) => d.done).length}项）`
                : "无",
            width: 150,
          },
          {
            title: "会议记录",
            width: 120,
            render: (_: unknown, m: Meeting) => (
              <Button
                size="small"
                icon={<DownloadOutlined />}
                href={meetingsApi.minutesUrl(m.id)}
                data-qa="meeting-minutes"
              >
                Word
              </Button>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        依据《社区矫正安全隐患排查整治通知》：每月组织一次风险研判分析会；司法所和社区矫正机构每月各登记一次。
      </Typography.Text>
      <MeetingModal open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}
