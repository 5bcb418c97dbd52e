// 信息共享 (seed 001; issue 15): the partner organisations of the county (courts, procuratorates, police
// stations, prisons, rehabilitation centres) that exchange with the agency through the signed API —
// registered here with their kinds of exchange, their key (the secret shown once, at creation or
// rotation), their recent calls and webhook deliveries, with 立即推送 to send a partner's due deliveries
// now rather than at the next minute's job — and the deliveries that failed for good, with a button to
// send them again.
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App as AntApp,
  Button,
  type ButtonProps,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { exchangeAdminRoles } from "../../../../../src/features/exchange/roles.ts";
import { exchangeScopeLabel, partnerKindLabel } from "../../../../../src/glossary.ts";
import { queryString, request } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";

interface Partner {
  id: string;
  kind: string;
  kindLabel: string;
  name: string;
  scopes: string[];
  scopeLabels: string[];
  keyId: string | null;
  keyCreatedAt: string | null;
  createdAt: string;
  retiredAt: string | null;
}
interface Delivery {
  id: string;
  partnerName: string;
  eventLabel: string;
  url: string;
  status: "pending" | "delivered" | "dead";
  statusLabel: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}
interface Call {
  at: string;
  method: string;
  path: string;
  status: number;
}
interface Activity {
  calls: Call[];
  webhooks: { id: string; url: string; events: string[]; retiredAt: string | null }[];
  deliveries: Delivery[];
}
interface PushRun {
  collected: number;
  delivered: number;
  failed: number;
  dead: number;
}
interface NewKey {
  keyId: string;
  secret: string;
}

const exchangeApi = {
  partners: () => request<{ items: Partner[] }>("GET", "/api/exchange/partners"),
  register: (body: unknown) => request<Partner & NewKey>("POST", "/api/exchange/partners", body),
  rotate: (id: string) =>
    request<NewKey>("POST", `/api/exchange/partners/${encodeURIComponent(id)}/rotate-key`, {}),
  retire: (id: string) =>
    request<unknown>("POST", `/api/exchange/partners/${encodeURIComponent(id)}/retire`, {}),
  activity: (id: string) =>
    request<Activity>("GET", `/api/exchange/partners/${encodeURIComponent(id)}/activity`),
  deliveries: (status: string) =>
    request<{ items: Delivery[] }>("GET", `/api/exchange/deliveries${queryString({ status })}`),
  retry: (id: string) =>
    request<unknown>("POST", `/api/exchange/deliveries/${encodeURIComponent(id)}/retry`, {}),
  push: (id: string) => request<PushRun>("POST", `/api/exchange/partners/${encodeURIComponent(id)}/push`, {}),
};

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
const statusColour: Record<string, string> = { pending: "blue", delivered: "green", dead: "red" };

/** The key just issued: shown this once, with a warning that it will not be shown again. */
function SecretModal({ shown, onClose }: { shown: (NewKey & { name: string }) | null; onClose: () => void }) {
  return (
    <Modal
      open={shown !== null}
      title={`${shown?.name ?? ""}的接入密钥`}
      onCancel={onClose}
      destroyOnHidden // the secret leaves the page once closed
      footer={
        <Button type="primary" onClick={onClose} data-qa="exchange-secret-close">
          我已妥善保存
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        message="密钥只显示这一次，关闭后无法再查看。请通过安全渠道交给对方单位的技术人员。"
        style={{ marginBottom: 12 }}
      />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="密钥编号">
          <Typography.Text copyable data-qa="exchange-key-id">
            {shown?.keyId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="签名密钥">
          <Typography.Text copyable code data-qa="exchange-secret">
            {shown?.secret}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}

function RegisterModal({
  open,
  onClose,
  onKey,
}: {
  open: boolean;
  onClose: () => void;
  onKey: (k: NewKey & { name: string }) => void;
}) {
  const [form] = Form.useForm();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: exchangeApi.register,
    onSuccess: (made) => {
      void client.invalidateQueries({ queryKey: ["exchange-partners"] });
      form.resetFields();
      onClose();
      onKey({ keyId: made.keyId ?? "", secret: made.secret, name: made.name });
    },
  });
  return (
    <Modal
      open={open}
      title="登记接入单位"
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记并生成密钥"
      confirmLoading={save.isPending}
      okButtonProps={{ "data-qa": "exchange-register-save" } as ButtonProps}
      destroyOnHidden
    >
      {save.error ? <ApiErrorView error={save.error} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ kind: "court", scopes: ["handover", "status"] }}
      >
        <Form.Item name="kind" label="单位类别" rules={[{ required: true, message: "请选择单位类别" }]}>
          <Select options={options(partnerKindLabel)} data-qa="exchange-kind" />
        </Form.Item>
        <Form.Item name="name" label="单位名称" rules={[{ required: true, message: "请填写单位名称" }]}>
          <Input maxLength={100} data-qa="exchange-name" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label="允许的信息交换"
          rules={[{ required: true, message: "请至少选择一种" }]}
        >
          <Checkbox.Group options={options(exchangeScopeLabel)} data-qa="exchange-scopes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeliveryTable({ items, canWrite }: { items: Delivery[]; canWrite: boolean }) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: exchangeApi.retry,
    onSuccess: () => {
      message.success("已重新排队，下次推送任务即发送");
      void client.invalidateQueries({ queryKey: ["exchange-deliveries"] });
      void client.invalidateQueries({ queryKey: ["exchange-activity"] });
    },
    onError: (error: Error) => message.error(error.message),
  });
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={{ pageSize: 10, showSizeChanger: false }}
      data-qa="exchange-deliveries"
      onRow={(d) => ({ "data-qa": "exchange-delivery-row", "data-status": d.status }) as object}
      columns={[
        {
          title: "生成时间",
          dataIndex: "createdAt",
          width: 170,
          render: (v: string) => v.slice(0, 16).replace("T", " "),
        },
        { title: "接入单位", dataIndex: "partnerName" },
        { title: "事件", dataIndex: "eventLabel" },
        {
          title: "状态",
          width: 100,
          render: (_: unknown, d: Delivery) => <Tag color={statusColour[d.status]}>{d.statusLabel}</Tag>,
        },
        { title: "尝试次数", dataIndex: "attempts", width: 80 },
        { title: "最近问题", dataIndex: "lastError", render: (v: string | null) => v ?? "—" },
        {
          title: "",
          width: 100,
          render: (_: unknown, d: Delivery) =>
            canWrite && d.status === "dead" ? (
              <Button
                size="small"
                loading={retry.isPending}
                onClick={() => retry.mutate(d.id)}
                data-qa="exchange-retry"
              >
                重新发送
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

/** What a 立即推送 did, in one sentence. */
function pushSummary(run: PushRun): string {
  const sent = run.delivered + run.failed + run.dead;
  if (sent === 0) return "没有到时间的待发送推送";
  const parts = [`送达 ${run.delivered} 条`];
  if (run.failed > 0) parts.push(`${run.failed} 条未送达，稍后按时间重试`);
  if (run.dead > 0) parts.push(`${run.dead} 条多次失败，已停止重试`);
  return `已推送：${parts.join("，")}`;
}

/** 立即推送: the partner's new events and due deliveries go now, not at the next minute's job. */
function PushNowButton({ partner }: { partner: Partner }) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const push = useMutation({
    mutationFn: () => exchangeApi.push(partner.id),
    onSuccess: (run) => {
      if (run.failed + run.dead > 0) message.warning(pushSummary(run));
      else message.success(pushSummary(run));
      void client.invalidateQueries({ queryKey: ["exchange-activity", partner.id] });
      void client.invalidateQueries({ queryKey: ["exchange-deliveries"] });
    },
    onError: (error: Error) => message.error(error.message),
  });
  return (
    <Button size="small" loading={push.isPending} onClick={() => push.mutate()} data-qa="exchange-push">
      立即推送
    </Button>
  );
}

function PartnerActivity({ partner, canWrite }: { partner: Partner; canWrite: boolean }) {
  const activity = useQuery({
    queryKey: ["exchange-activity", partner.id],
    queryFn: () => exchangeApi.activity(partner.id),
  });
  if (activity.isPending) return <PageLoading />;
  if (activity.error) return <ApiErrorView error={activity.error} />;
  const { calls, webhooks, deliveries } = activity.data;
  return (
    <Flex vertical gap={8} data-qa="exchange-activity">
      <Typography.Text strong>推送订阅</Typography.Text>
      {webhooks.length === 0 ? (
        <Typography.Text type="secondary">未订阅推送</Typography.Text>
      ) : (
        webhooks.map((w) => (
          <Typography.Text key={w.id} type={w.retiredAt ? "secondary" : undefined}>
            {w.url}（{w.retiredAt ? "已取消" : "有效"}）
          </Typography.Text>
        ))
      )}
      <Typography.Text strong>最近的接口调用</Typography.Text>
      <Table
        size="small"
        rowKey={(c) => `${c.at}${c.path}${c.status}`}
        dataSource={calls}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        data-qa="exchange-calls"
        locale={{ emptyText: "尚无调用" }}
        columns={[
          {
            title: "时间",
            dataIndex: "at",
            width: 170,
            render: (v: string) => v.slice(0, 19).replace("T", " "),
          },
          { title: "方法", dataIndex: "method", width: 70 },
          { title: "接口", dataIndex: "path" },
          {
            title: "结果",
            dataIndex: "status",
            width: 90,
            render: (s: number) => (
              <Tag color={s < 300 ? "green" : "red"}>{s < 300 ? "成功" : `失败 ${s}`}</Tag>
            ),
          },
        ]}
      />
      <Flex align="center" gap={8}>
        <Typography.Text strong>推送记录</Typography.Text>
        {canWrite && !partner.retiredAt && webhooks.some((w) => !w.retiredAt) ? (
          <PushNowButton partner={partner} />
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          推送任务每分钟自动发送一次
        </Typography.Text>
      </Flex>
      <DeliveryTable items={deliveries} canWrite={canWrite} />
    </Flex>
  );
}

function Partners({ canWrite }: { canWrite: boolean }) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [registering, setRegistering] = useState(false);
  const [shown, setShown] = useState<(NewKey & { name: string }) | null>(null);
  const partners = useQuery({ queryKey: ["exchange-partners"], queryFn: exchangeApi.partners });
  const rotate = useMutation({
    mutationFn: (p: Partner) => exchangeApi.rotate(p.id).then((k) => ({ ...k, name: p.name })),
    onSuccess: (k) => {
      void client.invalidateQueries({ queryKey: ["exchange-partners"] });
      setShown(k);
    },
    onError: (error: Error) => message.error(error.message),
  });
  const retire = useMutation({
    mutationFn: (p: Partner) => exchangeApi.retire(p.id),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["exchange-partners"] }),
    onError: (error: Error) => message.error(error.message),
  });
  if (partners.error) return <ApiErrorView error={partners.error} />;
  return (
    <Card
      title="接入单位"
      extra={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRegistering(true)}
            data-qa="exchange-register"
          >
            登记接入单位
          </Button>
        ) : null
      }
    >
      {partners.isPending ? (
        <PageLoading />
      ) : (
        <Table
          size="small"
          rowKey="id"
          dataSource={partners.data.items}
          data-qa="exchange-partners"
          pagination={false}
          expandable={{ expandedRowRender: (p) => <PartnerActivity partner={p} canWrite={canWrite} /> }}
          onRow={(p) => ({ "data-partner": p.name }) as object}
          columns={[
            { title: "单位名称", dataIndex: "name" },
            { title: "类别", dataIndex: "kindLabel", width: 100 },
            { title: "信息交换", render: (_: unknown, p: Partner) => p.scopeLabels.join("、") },
            {
              title: "密钥编号",
              width: 200,
              render: (_: unknown, p: Partner) =>
                p.retiredAt ? (
                  <Tag>已停用</Tag>
                ) : p.keyId ? (
                  <Typography.Text code>{p.keyId}</Typography.Text>
                ) : (
                  <Tag color="orange">无有效密钥</Tag>
                ),
            },
            {
              title: "",
              width: 180,
              render: (_: unknown, p: Partner) =>
                canWrite && !p.retiredAt ? (
                  <Space size={4}>
                    <Popconfirm
                      title="更换密钥后旧密钥立即失效，确定？"
                      onConfirm={() => rotate.mutate(p)}
                      okText="更换"
                      cancelText="取消"
                    >
                      <Button size="small" data-qa="exchange-rotate">
                        更换密钥
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title="停用后该单位的请求一律拒绝，确定？"
                      onConfirm={() => retire.mutate(p)}
                      okText="停用"
                      cancelText="取消"
                    >
                      <Button size="small" danger data-qa="exchange-retire">
                        停用
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        对方单位的系统以密钥编号和签名密钥调用开放接口（/api/exchange/v1，说明见接口文档）：发送交付材料和法院通知、查询本单位移交人员的接收和解除情况、订阅事件推送。每次调用记入审计日志。
      </Typography.Text>
      <RegisterModal open={registering} onClose={() => setRegistering(false)} onKey={setShown} />
      <SecretModal shown={shown} onClose={() => setShown(null)} />
    </Card>
  );
}

function DeadLetters({ canWrite }: { canWrite: boolean }) {
  const dead = useQuery({
    queryKey: ["exchange-deliveries", "dead"],
    queryFn: () => exchangeApi.deliveries("dead"),
  });
  if (dead.error) return <ApiErrorView error={dead.error} />;
  return (
    <Card title="推送失败（已停止重试）" data-qa="exchange-dead-letters">
      {dead.isPending ? <PageLoading /> : <DeliveryTable items={dead.data.items} canWrite={canWrite} />}
    </Card>
  );
}

export default function ExchangePage() {
  usePageTitle("信息共享");
  const user = useCurrentUser();
  const canWrite = (exchangeAdminRoles as readonly string[]).includes(user.role);
  return (
    <Flex vertical gap={16}>
      <Partners canWrite={canWrite} />
      <DeadLetters canWrite={canWrite} />
    </Flex>
  );
}
