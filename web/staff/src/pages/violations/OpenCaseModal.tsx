// Opening a violation case: the person, where it came from, the kind with its severity or days, the
// facts, and two or more investigators picked from the staff accounts of the office and the agency.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert as AntAlert,
  App as AntApp,
  type ButtonProps,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { violationKindLabel } from "../../../../../src/glossary.ts";
import { api, isApiError } from "../../api.ts";
import { serverNow } from "../../server-time.ts";
import { violationsApi } from "./api.ts";

const KINDS = [
  "reporting",
  "visitor",
  "leave",
  "moving",
  "prohibition_order",
  "education_refusal",
  "out_of_supervision",
  "no_report",
] as const;
const withSeverity = new Set(["reporting", "visitor", "leave", "moving", "prohibition_order"]);
const withDays = new Set(["out_of_supervision", "no_report"]);

/** Shows a server refusal next to the field it names, or returns its text for the modal's banner. */
export function fieldError(form: FormInstance, e: unknown): string | null {
  const text = e instanceof Error ? e.message : "保存失败";
  if (isApiError(e, 400) && e.field) {
    const name = e.field.split(".")[0]!;
    if (name in (form.getFieldsValue(true) as object) || form.getFieldInstance(name) !== undefined) {
      form.setFields([{ name, errors: [text] }]);
      return null;
    }
  }
  return text;
}

type Values = {
  subjectId: string;
  source: "finding" | "alert" | "report";
  alertId?: number;
  kind: string;
  severity?: "minor" | "serious";
  days?: number;
  occurredAt: Dayjs;
  facts: string;
  investigators: string[];
};

export function OpenCaseModal({
  open,
  initial,
  onClose,
}: {
  open: boolean;
  initial: { subjectId?: string | undefined; alertId?: number | undefined; kind?: string | undefined };
  onClose: (caseId: string | null) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const subjectId = Form.useWatch("subjectId", form) ?? initial.subjectId;
  const kind = Form.useWatch("kind", form);
  const source = Form.useWatch("source", form);
  const subjects = useQuery({
    queryKey: ["violation-subjects"],
    queryFn: () => api.subjects({ pageSize: 200, status: "in_correction" }),
    enabled: open,
  });
  const staff = useQuery({
    queryKey: ["investigators", subjectId],
    queryFn: () => violationsApi.investigators(subjectId!),
    enabled: open && Boolean(subjectId),
  });

  const submit = async () => {
    setError(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const { occurredAt, ...rest } = values;
      const saved = await violationsApi.open({
        ...rest,
        occurredAt: occurredAt.format("YYYY-MM-DDTHH:mm:ssZ"),
      });
      message.success("已立案调查");
      await queryClient.invalidateQueries({ queryKey: ["violations"] });
      form.resetFields();
      onClose(saved.id);
    } catch (e) {
      setError(fieldError(form, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="违规立案调查"
      okText="立案"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose(null);
      }}
      destroyOnHidden
      width={680}
      okButtonProps={{ "data-qa": "case-submit" } as ButtonProps}
    >
      <div data-qa="case-modal">
        {error ? (
          <AntAlert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-qa="case-error" />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            subjectId: initial.subjectId,
            source: initial.alertId ? "alert" : "finding",
            alertId: initial.alertId,
            kind: initial.kind,
            occurredAt: serverNow(),
            investigators: [],
          }}
        >
          <Form.Item
            name="subjectId"
            label="社区矫正对象"
            rules={[{ required: true, message: "请选择社区矫正对象" }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              data-qa="field-subject"
              loading={subjects.isLoading}
              options={(subjects.data?.items ?? []).map((s) => ({
                value: s.id,
                label: `${s.name}（${s.office.name}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="source" label="案件来源">
            <Radio.Group
              options={[
                { value: "finding", label: "工作中发现" },
                { value: "alert", label: "预警" },
                { value: "report", label: "举报" },
              ]}
            />
          </Form.Item>
          {source === "alert" ? (
            <Form.Item
              name="alertId"
              label="预警编号"
              rules={[{ required: true, message: "请填写预警编号" }]}
            >
              <InputNumber min={1} data-qa="field-alert" />
            </Form.Item>
          ) : null}
          <Form.Item name="kind" label="违规类型" rules={[{ required: true, message: "请选择违规类型" }]}>
            <Select
              data-qa="field-kind"
              options={KINDS.map((k) => ({ value: k, label: violationKindLabel[k] }))}
            />
          </Form.Item>
          {kind && withSeverity.has(kind) ? (
            <Form.Item name="severity" label="情节" rules={[{ required: true, message: "请选择情节" }]}>
              <Radio.Group
                data-qa="field-severity"
                options={[
                  { value: "minor", label: "情节轻微" },
                  { value: "serious", label: kind === "prohibition_order" ? "情节严重" : "情节较重" },
                ]}
              />
            </Form.Item>
          ) : null}
          {kind && withDays.has(kind) ? (
            <Form.Item name="days" label="天数" rules={[{ required: true, message: "请填写天数" }]}>
              <InputNumber min={1} max={3650} addonAfter="日" data-qa="field-days" />
            </Form.Item>
          ) : null}
          <Form.Item
            name="occurredAt"
            label="发生时间"
            rules={[{ required: true, message: "请选择发生时间" }]}
          >
            <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" data-qa="field-occurred" />
          </Form.Item>
          <Form.Item name="facts" label="违规事实" rules={[{ required: true, message: "请填写违规事实" }]}>
            <Input.TextArea rows={4} maxLength={8000} data-qa="field-facts" />
          </Form.Item>
          <Form.Item
            name="investigators"
            label="调查人员（二名以上）"
            extra="须为本司法所或社区矫正机构的工作人员"
            rules={[{ required: true, type: "array", min: 2, message: "违规调查须由两名以上工作人员进行" }]}
          >
            <Select
              mode="multiple"
              data-qa="field-investigators"
              loading={staff.isLoading}
              optionFilterProp="label"
              options={(staff.data?.items ?? []).map((s) => ({
                value: s.id,
                label: `${s.name}（${s.roleLabel}）`,
              }))}
            />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
