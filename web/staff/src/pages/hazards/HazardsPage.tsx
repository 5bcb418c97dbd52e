// 安全隐患 (seed 002): the register of disputes and hazards of persons and places, each with its
// measures (owner, deadline) and follow-ups until it is closed.
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ButtonProps } from "antd";
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { type ReactNode, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { HazardView } from "../../../../../src/features/hazards/service.ts";
import { hazardKindLabel, hazardLevelLabel } from "../../../../../src/glossary.ts";
import { api, queryString, request } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { MajorEventsTab } from "./MajorEventsTab.tsx";
import { RiskMeetingsTab } from "./RiskMeetingsTab.tsx";
import { ScreeningTab } from "./ScreeningTab.tsx";

interface Owner {
  id: string;
  name: string;
  roleLabel: string;
}

export const hazardsApi = {
  list: (q: { status: string; officeId?: string }) =>
    request<{ items: HazardView[] }>("GET", `/api/hazards${queryString(q)}`),
  owners: (officeId?: string) =>
    request<{ owners: Owner[] }>("GET", `/api/hazards/owners${queryString({ officeId })}`),
  record: (body: unknown) => request<HazardView>("POST", "/api/hazards", body),
  measure: (id: number, body: unknown) => request<HazardView>("POST", `/api/hazards/${id}/measures`, body),
  followup: (id: number, body: unknown) => request<HazardView>("POST", `/api/hazards/${id}/followups`, body),
  close: (id: number, note: string) => request<HazardView>("POST", `/api/hazards/${id}/close`, { note }),
};

const writers = ["office_head", "office_assistant", "agency_head", "agency_staff"];
const statusTag: Record<string, ReactNode> = {
  done: <Tag color="green">已完成</Tag>,
  overdue: <Tag color="red">已逾期</Tag>,
  due_today: <Tag color="orange">今日到期</Tag>,
  open: <Tag color="blue">整改中</Tag>,
};
const levelColour: Record<string, string> = { major: "red", serious: "orange", general: "blue" };
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** A subject picker: searches the persons of the user's scope by name or pinyin. */
export function SubjectPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState("");
  const found = useQuery({
    queryKey: ["hazard-subjects", q],
    queryFn: () => api.subjects({ q: q || undefined, pageSize: 30, status: "in_correction" }),
  });
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      placeholder="输入姓名或拼音查找"
      loading={found.isPending}
      options={(found.data?.items ?? []).map((s) => ({
        value: s.id,
        label: `${s.name}（${s.office.name}）`,
      }))}
      data-qa="hazard-subject"
    />
  );
}

export function MeasureFields({ owners, prefix }: { owners: Owner[]; prefix: (string | number)[] }) {
  return (
    <Space align="start" wrap>
      <Form.Item name={[...prefix, "measure"]} rules={[{ required: true, message: "请填写整改措施" }]}>
        <Input placeholder="整改措施" style={{ width: 280 }} maxLength={500} data-qa="measure-text" />
      </Form.Item>
      <Form.Item name={[...prefix, "ownerId"]} rules={[{ required: true, message: "请选择整改责任人" }]}>
        <Select
          placeholder="整改责任人"
          style={{ width: 180 }}
          options={owners.map((o) => ({ value: o.id, label: `${o.name}（${o.roleLabel}）` }))}
          data-qa="measure-owner"
        />
      </Form.Item>
      <Form.Item name={[...prefix, "deadline"]} rules={[{ required: true, message: "请选择整改时限" }]}>
        <DatePicker
          placeholder="整改时限"
          disabledDate={(d) => d.isBefore(serverNow(), "day")}
          data-qa="measure-deadline"
        />
      </Form.Item>
    </Space>
  );
}

function RecordModal({
  open,
  onClose,
  offices,
}: {
  open: boolean;
  onClose: () => void;
  offices: { id: string; name: string }[];
}) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const target = Form.useWatch("target", form) ?? "subject";
  const officeId = Form.useWatch("officeId", form);
  const owners = useQuery({
    queryKey: ["hazard-owners", officeId],
    queryFn: () => hazardsApi.owners(officeId),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: hazardsApi.record,
    onSuccess: () => {
      message.success("已登记");
      client.invalidateQueries({ queryKey: ["hazards"] });
      form.resetFields();
      onClose();
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title="登记安全隐患"
      width={760}
      okText="登记"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ "data-qa": "hazard-save" } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ target: "subject", level: "general", foundOn: serverNow(), measures: [{}] }}
        onFinish={(v) =>
          save.mutate({
            subjectId: v.target === "subject" ? v.subjectId : undefined,
            placeText: v.target === "place" ? v.placeText : undefined,
            officeId: v.target === "place" ? v.officeId : undefined,
            kind: v.kind,
            level: v.level,
            description: v.description,
            foundOn: (v.foundOn as Dayjs).format("YYYY-MM-DD"),
            measures: (v.measures as { measure: string; ownerId: string; deadline: Dayjs }[]).map((m) => ({
              measure: m.measure,
              ownerId: m.ownerId,
              deadline: m.deadline.format("YYYY-MM-DD"),
            })),
          })
        }
      >
        <Form.Item name="target" label="隐患所在">
          <Radio.Group
            options={[
              { value: "subject", label: "社区矫正对象" },
              { value: "place", label: "场所" },
            ]}
          />
        </Form.Item>
        {target === "subject" ? (
          <Form.Item
            name="subjectId"
            label="社区矫正对象"
            rules={[{ required: true, message: "请选择社区矫正对象" }]}
          >
            <SubjectPicker />
          </Form.Item>
        ) : (
          <Space align="start" wrap>
            <Form.Item name="placeText" label="场所" rules={[{ required: true, message: "请填写场所" }]}>
              <Input maxLength={200} style={{ width: 320 }} placeholder="村（社区）、场所名称或地址" />
            </Form.Item>
            {offices.length > 1 ? (
              <Form.Item
                name="officeId"
                label="所属司法所"
                rules={[{ required: true, message: "请选择司法所" }]}
              >
                <Select
                  style={{ width: 180 }}
                  options={offices.map((o) => ({ value: o.id, label: o.name }))}
                />
              </Form.Item>
            ) : null}
          </Space>
        )}
        <Space align="start" wrap>
          <Form.Item name="kind" label="隐患类别" rules={[{ required: true, message: "请选择隐患类别" }]}>
            <Select style={{ width: 260 }} options={options(hazardKindLabel)} data-qa="hazard-kind" />
          </Form.Item>
          <Form.Item name="level" label="隐患等级" rules={[{ required: true }]}>
            <Radio.Group options={options(hazardLevelLabel)} />
          </Form.Item>
          <Form.Item name="foundOn" label="发现日期" rules={[{ required: true, message: "请选择发现日期" }]}>
            <DatePicker disabledDate={(d) => d.isAfter(serverNow(), "day")} />
          </Form.Item>
        </Space>
        <Form.Item
          name="description"
          label="隐患情况"
          rules={[{ required: true, message: "请填写隐患情况" }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-qa="hazard-description" />
        </Form.Item>
        <Typography.Text strong>整改措施、整改责任人和整改时限</Typography.Text>
        <Form.List name="measures">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <MeasureFields owners={owners.data?.owners ?? []} prefix={[f.name]} />
                  {fields.length > 1 ? <Button onClick={() => remove(f.name)}>删除</Button> : null}
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} size="small">
                增加整改措施
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function HazardDetail({ h, canWrite }: { h: HazardView; canWrite: boolean }) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [followForm] = Form.useForm();
  const [measureForm] = Form.useForm();
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState("");
  const owners = useQuery({
    queryKey: ["hazard-owners", h.office.id],
    queryFn: () => hazardsApi.owners(h.office.id),
    enabled: adding,
  });
  const done = () => client.invalidateQueries({ queryKey: ["hazards"] });
  const followup = useMutation({
    mutationFn: (body: unknown) => hazardsApi.followup(h.id, body),
    onSuccess: () => {
      message.success("已登记跟进情况");
      followForm.resetFields();
      done();
    },
    onError: (e: Error) => message.error(e.message),
  });
  const measure = useMutation({
    mutationFn: (body: unknown) => hazardsApi.measure(h.id, body),
    onSuccess: () => {
      setAdding(false);
      done();
    },
    onError: (e: Error) => message.error(e.message),
  });
  const close = useMutation({
    mutationFn: () => hazardsApi.close(h.id, note),
    onSuccess: () => {
      message.success("已销号");
      setClosing(false);
      done();
    },
    onError: (e: Error) => message.error(e.message),
  });
  const openMeasures = h.measures.filter((m) => m.status !== "done");
  return (
    <Flex vertical gap={8} data-qa="hazard-detail">
      <Typography.Paragraph style={{ marginBottom: 0 }}>{h.description}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={h.measures}
        columns={[
          { title: "整改措施", dataIndex: "measure" },
          { title: "责任人", dataIndex: "ownerName", width: 100 },
          { title: "时限", dataIndex: "deadline", width: 110 },
          {
            title: "状态",
            dataIndex: "status",
            width: 90,
            render: (s: string) => <span data-qa="measure-status">{statusTag[s]}</span>,
          },
        ]}
      />
      {h.followups.length ? (
        <Descriptions size="small" column={1} title="跟进情况" bordered>
          {h.followups.map((f) => (
            <Descriptions.Item key={f.id} label={`${formatDateTime(f.at)} ${f.by}`}>
              {f.text}
              {f.measureId ? `（${h.measures.find((m) => m.id === f.measureId)?.measure ?? ""}）` : ""}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : null}
      {canWrite && !h.closedAt ? (
        <>
          <Form
            form={followForm}
            layout="inline"
            onFinish={(v) => followup.mutate({ text: v.text, measureId: v.measureId, done: Boolean(v.done) })}
          >
            <Form.Item name="text" rules={[{ required: true, message: "请填写跟进情况" }]}>
              <Input placeholder="跟进情况" style={{ width: 300 }} maxLength={2000} data-qa="followup-text" />
            </Form.Item>
            <Form.Item name="measureId">
              <Select
                allowClear
                placeholder="所跟进的整改措施"
                style={{ width: 220 }}
                options={openMeasures.map((m) => ({ value: m.id, label: m.measure }))}
                data-qa="followup-measure"
              />
            </Form.Item>
            <Form.Item name="done" valuePropName="checked">
              <Checkbox data-qa="followup-done">该措施已完成</Checkbox>
            </Form.Item>
            <Button htmlType="submit" loading={followup.isPending} data-qa="followup-save">
              登记跟进
            </Button>
          </Form>
          <Space>
            <Button size="small" onClick={() => setAdding(true)}>
              增加整改措施
            </Button>
            <Button
              size="small"
              danger
              disabled={openMeasures.length > 0}
              onClick={() => setClosing(true)}
              data-qa="hazard-close"
            >
              销号
            </Button>
          </Space>
          <Modal
            open={adding}
            title="增加整改措施"
            onCancel={() => setAdding(false)}
            onOk={() => measureForm.submit()}
            confirmLoading={measure.isPending}
            destroyOnHidden
            width={760}
          >
            <Form
              form={measureForm}
              onFinish={(v) => measure.mutate({ ...v, deadline: (v.deadline as Dayjs).format("YYYY-MM-DD") })}
            >
              <MeasureFields owners={owners.data?.owners ?? []} prefix={[]} />
            </Form>
          </Modal>
          <Modal
            open={closing}
            title="安全隐患销号"
            onCancel={() => setClosing(false)}
            onOk={() => close.mutate()}
            okButtonProps={{ disabled: !note.trim() }}
            confirmLoading={close.isPending}
          >
            <Input.TextArea
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="销号说明：隐患如何消除"
            />
          </Modal>
        </>
      ) : null}
      {h.closedAt ? (
        <Typography.Text type="secondary">
          {formatDateTime(h.closedAt)} 销号：{h.closingNote}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

export function HazardRegister() {
  const user = useCurrentUser();
  const canWrite = writers.includes(user.role);
  const [status, setStatus] = useState("open");
  const [officeId, setOfficeId] = useState<string | undefined>();
  const [recording, setRecording] = useState(false);
  const places = useQuery({ queryKey: ["places"], queryFn: api.places });
  const offices = (places.data?.offices ?? []).map((o) => ({ id: o.id, name: o.name }));
  const list = useQuery({
    queryKey: ["hazards", status, officeId],
    queryFn: () => hazardsApi.list({ status, officeId }),
  });
  if (list.isError) return <ApiErrorView error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Card
      size="small"
      title="安全隐患台账"
      extra={
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => setStatus(String(v))}
            options={[
              { value: "open", label: "整改中" },
              { value: "closed", label: "已销号" },
              { value: "all", label: "全部" },
            ]}
          />
          {offices.length > 1 ? (
            <Select
              allowClear
              placeholder="全部司法所"
              style={{ width: 160 }}
              value={officeId}
              onChange={setOfficeId}
              options={offices.map((o) => ({ value: o.id, label: o.name }))}
            />
          ) : null}
          {canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRecording(true)}
              data-qa="hazard-new"
            >
              登记隐患
            </Button>
          ) : null}
        </Space>
      }
    >
      {list.isPending ? (
        <PageLoading />
      ) : (
        <Table
          size="small"
          rowKey="id"
          dataSource={list.data.items}
          data-qa="hazard-list"
          pagination={{ pageSize: 20, showSizeChanger: false }}
          expandable={{
            expandedRowRender: (h) => <HazardDetail h={h} canWrite={canWrite} />,
            expandRowByClick: true,
          }}
          onRow={(h) => ({ "data-hazard": h.id }) as object}
          columns={[
            { title: "发现日期", dataIndex: "foundOn", width: 110 },
            {
              title: "对象或场所",
              render: (_: unknown, h: HazardView) =>
                h.subject ? (
                  <Link to={`/subjects/${encodeURIComponent(h.subject.id)}`}>{h.subject.name}</Link>
                ) : (
                  h.placeText
                ),
            },
            { title: "司法所", render: (_: unknown, h: HazardView) => h.office.name, width: 110 },
            { title: "类别", dataIndex: "kindLabel" },
            {
              title: "等级",
              dataIndex: "level",
              width: 70,
              render: (l: string, h: HazardView) => <Tag color={levelColour[l]}>{h.levelLabel}</Tag>,
            },
            {
              title: "整改",
              width: 160,
              render: (_: unknown, h: HazardView) =>
                h.closedAt ? (
                  <Tag>已销号</Tag>
                ) : (
                  <Space size={4}>
                    {h.measures.filter((m) => m.status === "done").length}/{h.measures.length} 项完成
                    {h.overdue ? <Tag color="red">逾期</Tag> : null}
                  </Space>
                ),
            },
          ]}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        依据《社区矫正安全隐患排查整治通知》：对排查出的安全隐患和矛盾纠纷逐一登记造册，落实整改措施、整改责任人和整改时限；逾期未完成的整改措施列入今日工作并预警。
      </Typography.Text>
      <RecordModal open={recording} onClose={() => setRecording(false)} offices={offices} />
    </Card>
  );
}

export default function HazardsPage() {
  usePageTitle("安全隐患");
  const [params, setParams] = useSearchParams();
  return (
    <Tabs
      activeKey={params.get("tab") ?? "register"}
      onChange={(tab) => setParams(tab === "register" ? {} : { tab })}
      items={[
        { key: "register", label: "安全隐患台账", children: <HazardRegister /> },
        { key: "screening", label: "季度排查", children: <ScreeningTab /> },
        { key: "meetings", label: "风险研判会议", children: <RiskMeetingsTab /> },
        { key: "events", label: "重大事项", children: <MajorEventsTab /> },
      ]}
    />
  );
}
