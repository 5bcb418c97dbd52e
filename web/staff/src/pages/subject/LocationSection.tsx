// 位置监管 on the case page: the way to the person's trajectory map, and the electronic-location orders
// (Art. 29) with their extensions, which the agency records.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert as AntAlert,
  Button,
  type ButtonProps,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import type { Dayjs } from "dayjs";
import { type HTMLAttributes, useState } from "react";
import { Link } from "react-router-dom";
import { deviceOrderRoles } from "../../../../../src/features/devices/roles.ts";
import { deviceOrderReasonLabel } from "../../../../../src/glossary.ts";
import type { Role, SubjectDetail } from "../../api.ts";
import { useCurrentUser } from "../../user.ts";
import { type DeviceOrder, locationApi } from "../location/api.ts";
import { Section } from "./Section.tsx";

const may = (roles: readonly Role[], role: Role) => roles.includes(role);

export function LocationSection({ subject }: { subject: SubjectDetail }) {
  const user = useCurrentUser();
  const readsOrders = may(deviceOrderRoles.read, user.role);
  const orders = useQuery({
    queryKey: ["device-orders", subject.id],
    queryFn: () => locationApi.deviceOrders(subject.id),
    enabled: readsOrders,
  });
  const [form, setForm] = useState<{ extend: DeviceOrder | null } | null>(null);
  const writes = may(deviceOrderRoles.write, user.role) && subject.status === "in_correction";
  return (
    <Section
      qa="section-location"
      title="位置监管"
      extra={
        <Space>
          <Link to={`/location/${encodeURIComponent(subject.id)}`} data-qa="open-trajectory">
            <Button size="small">查看轨迹</Button>
          </Link>
          {writes ? (
            <Button size="small" data-qa="device-order-add" onClick={() => setForm({ extend: null })}>
              登记电子定位决定
            </Button>
          ) : null}
        </Space>
      }
    >
      {readsOrders ? (
        <Table<DeviceOrder>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={orders.data?.items ?? []}
          loading={orders.isFetching}
          onRow={() => ({ "data-qa": "device-order-row" }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: "没有电子定位决定（仅在《社区矫正法》第二十九条规定的情形下适用）" }}
          columns={[
            { title: "情形", dataIndex: "reason", render: (v: string) => deviceOrderReasonLabel[v] ?? v },
            { title: "批准人", dataIndex: "approvedBy", width: 100 },
            {
              title: "期限",
              key: "span",
              width: 230,
              render: (_, o) => (
                <>
                  {o.from} 至 {o.until}
                  {o.extensions.length ? `（延长 ${o.extensions.length} 次）` : ""}
                  {o.inForce ? (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      执行中
                    </Tag>
                  ) : null}
                </>
              ),
            },
            {
              title: "",
              key: "extend",
              width: 70,
              render: (_, o) =>
                writes ? (
                  <Button size="small" data-qa="device-order-extend" onClick={() => setForm({ extend: o })}>
                    延长
                  </Button>
                ) : null,
            },
          ]}
        />
      ) : null}
      <OrderModal subjectId={subject.id} state={form} onClose={() => setForm(null)} />
    </Section>
  );
}

function OrderModal({
  subjectId,
  state,
  onClose,
}: {
  subjectId: string;
  state: { extend: DeviceOrder | null } | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason?: string; approvedBy: string; range?: [Dayjs, Dayjs]; to?: Dayjs }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const queryClient = useQueryClient();
  const extending = state?.extend ?? null;
  const submit = async () => {
    let v: { reason?: string; approvedBy: string; range?: [Dayjs, Dayjs]; to?: Dayjs };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      if (extending)
        await locationApi.extendDeviceOrder(extending.id, {
          to: v.to?.format("YYYY-MM-DD") ?? "",
          approvedBy: v.approvedBy,
        });
      else
        await locationApi.createDeviceOrder(subjectId, {
          reason: v.reason ?? "",
          approvedBy: v.approvedBy,
          from: v.range?.[0].format("YYYY-MM-DD") ?? "",
          to: v.range?.[1].format("YYYY-MM-DD") ?? "",
        });
      await queryClient.invalidateQueries({ queryKey: ["device-orders", subjectId] });
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
      open={state !== null}
      title={extending ? `延长电子定位（现至 ${extending.until}）` : "登记电子定位决定"}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      confirmLoading={saving}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
      okButtonProps={{ "data-qa": "device-order-submit" } as ButtonProps}
    >
      {error ? <AntAlert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" preserve={false}>
        {extending ? (
          <Form.Item
            name="to"
            label="延长至（每次不超过3个月）"
            rules={[{ required: true, message: "请选择日期" }]}
          >
            <DatePicker />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="reason"
              label="适用情形（《社区矫正法》第二十九条）"
              rules={[{ required: true, message: "请选择适用情形" }]}
            >
              <Select
                options={Object.entries(deviceOrderReasonLabel).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item
              name="range"
              label="期限（不超过3个月）"
              rules={[{ required: true, message: "请选择期限" }]}
            >
              <DatePicker.RangePicker />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="approvedBy"
          label="批准人（县级司法行政部门负责人）"
          rules={[{ required: true, whitespace: true, message: "请填写批准人" }]}
        >
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
