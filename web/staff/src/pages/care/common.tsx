// Pieces the three care pages (调查评估, 安置帮教, 后续照管) share: the indicator cards with their seed
// names and targets, the person fields of an intake form, and a small form modal.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ButtonProps, FormInstance } from "antd";
import {
  App as AntApp,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Statistic,
  Tag,
} from "antd";
import type { Dayjs } from "dayjs";
import { type ReactNode, useState } from "react";
import { useSearchParams } from "react-router-dom";
import type { Indicator } from "../../../../../src/features/care/rate.ts";
import { careIndicatorLabel } from "../../../../../src/glossary.ts";
import { api } from "../../api.ts";
import { serverNow } from "../../server-time.ts";
import { useCurrentUser } from "../../user.ts";

export const day = (d: Dayjs | undefined | null) => (d ? d.format("YYYY-MM-DD") : undefined);
export const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
export const writers = ["office_head", "office_assistant", "agency_head", "agency_staff"];

export function IndicatorCards({ items }: { items: Indicator[] }) {
  return (
    <Flex wrap gap={12} data-qa="care-indicators">
      {items.map((i) => (
        <Card size="small" key={i.id} style={{ minWidth: 180 }} data-qa={`indicator-${i.id}`}>
          <Statistic
            title={careIndicatorLabel[i.id] ?? i.id}
            value={i.rate ?? "—"}
            suffix={i.rate === null ? undefined : "%"}
          />
          <div>
            {i.numerator}/{i.denominator}人
            {i.target !== null ? (
              <Tag style={{ marginLeft: 8 }} color={i.met === false ? "red" : i.met ? "green" : "default"}>
                目标{i.target}%
              </Tag>
            ) : null}
          </div>
        </Card>
      ))}
    </Flex>
  );
}

/** Name, gender, birth date, ID number and address of the person of a notice. */
export function PersonFields() {
  return (
    <Flex wrap gap={12}>
      <Form.Item name="name" label="姓名" rules={[{ required: true, message: "请填写姓名" }]}>
        <Input maxLength={50} data-qa="person-name" />
      </Form.Item>
      <Form.Item name="gender" label="性别" rules={[{ required: true, message: "请选择性别" }]}>
        <Radio.Group
          options={[
            { value: "male", label: "男" },
            { value: "female", label: "女" },
          ]}
        />
      </Form.Item>
      <Form.Item name="birthDate" label="出生日期" rules={[{ required: true, message: "请选择出生日期" }]}>
        <DatePicker data-qa="person-birth" />
      </Form.Item>
      <Form.Item name="idNumber" label="身份证号">
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="address" label="住址" rules={[{ required: true, message: "请填写住址" }]}>
        <Input maxLength={200} style={{ width: 320 }} data-qa="person-address" />
      </Form.Item>
    </Flex>
  );
}

export function personValues(v: Record<string, unknown>) {
  return {
    name: v.name,
    gender: v.gender,
    birthDate: day(v.birthDate as Dayjs),
    idNumber: (v.idNumber as string) || null,
    address: v.address,
  };
}

/** The office select for agency users (an office user records for their own office). */
export function OfficeField({
  offices,
  label = "司法所",
}: {
  offices: { id: string; name: string }[];
  label?: string;
}) {
  if (offices.length <= 1) return null;
  return (
    <Form.Item name="officeId" label={label} rules={[{ required: true, message: "请选择司法所" }]}>
      <Select
        style={{ width: 200 }}
        options={offices.map((o) => ({ value: o.id, label: o.name }))}
        data-qa="care-office"
      />
    </Form.Item>
  );
}

/** The offices a care form can choose from. */
export type Offices = { id: string; name: string }[];

/** The form of a notice received about a person: the person, the notice's own fields, and the office. */
export function NoticeFields({ offices, children }: { offices: Offices; children: ReactNode }) {
  return (
    <>
      <PersonFields />
      <Flex wrap gap={12}>
        {children}
        <OfficeField offices={offices} />
      </Flex>
    </>
  );
}

export function FormModal({
  open,
  title,
  form,
  onClose,
  onFinish,
  saving,
  children,
  initialValues,
  qa,
}: {
  open: boolean;
  title: string;
  form: FormInstance;
  onClose: () => void;
  onFinish: (v: Record<string, unknown>) => void;
  saving: boolean;
  children: ReactNode;
  initialValues?: Record<string, unknown>;
  qa: string;
}) {
  return (
    <Modal
      open={open}
      title={title}
      width={760}
      onCancel={onClose}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ "data-qa": `${qa}-save` } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ on: serverNow(), ...initialValues }}
      >
        {children}
      </Form>
    </Modal>
  );
}

/** Saves a care form: says so, refreshes the page's lists (and Today), resets and closes the form. */
function useCareSave(
  form: FormInstance,
  list: string,
  close: () => void,
  save: (v: Record<string, unknown>) => Promise<unknown>,
) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: save,
    onSuccess: () => {
      message.success("已保存");
      client.invalidateQueries({ queryKey: [list] });
      client.invalidateQueries({ queryKey: ["today"] });
      form.resetFields();
      close();
    },
    onError: (e: Error) => message.error(e.message),
  });
}

/**
 * What every care page starts with: the user, whether they write, the link's query, the open form, the
 * offices, and saving the open form (`send` says what it posts; `list` is the query the page refreshes).
 */
export function useCarePage<D>(
  list: string,
  send: (dialog: D, v: Record<string, unknown>) => Promise<unknown>,
) {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<D | null>(null);
  const [form] = Form.useForm();
  const places = useQuery({ queryKey: ["places"], queryFn: api.places });
  const offices = (places.data?.offices ?? []).map((o) => ({ id: o.id, name: o.name }));
  const save = useCareSave(
    form,
    list,
    () => setDialog(null),
    (v) => {
      if (!dialog) throw new Error("没有打开的表单");
      return send(dialog, v);
    },
  );
  return {
    user,
    canWrite: writers.includes(user.role),
    params,
    setParams,
    dialog,
    setDialog,
    form,
    offices,
    save,
  };
}

/** What `useCarePage` gives the frame of the page. */
export type CarePage<D> = ReturnType<typeof useCarePage<D>>;
