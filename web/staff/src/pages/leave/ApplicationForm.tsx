// The application form (请假、经常性跨市县活动、迁居申请), filed by the office for a person: dates,
// destination from the division pickers (province → city → county), reason, proof files. The engine's
// advice is shown as the form is filled, and again on saving. The same form edits an application
// returned for more proof (`editing`): the person and kind stay, the rest is prefilled, the
// destination stays unless another is picked, and saving files it again as the next version.
import { UploadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ButtonProps, CascaderProps } from "antd";
import {
  Alert,
  App as AntApp,
  Button,
  Cascader,
  DatePicker,
  Drawer,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Upload,
  type UploadFile,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { api, isApiError } from "../../api.ts";
import { AdvicePanel } from "./AdvicePanel.tsx";
import { type Division, fileToBase64, type LeaveDetail, type LeaveForm, leaveApi } from "./api.ts";

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

interface Values {
  subjectId?: string;
  kind: string;
  from?: Dayjs;
  to?: Dayjs;
  destination?: string[];
  destinationAddress?: string;
  reason?: string;
  proofs?: UploadFile[];
}

const toOption = (d: Division): Option => ({ value: d.code, label: d.name, isLeaf: d.leaf });

export function useDivisions() {
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    leaveApi.divisions().then(
      (r) => setOptions(r.items.map(toOption)),
      () => setOptions([]),
    );
  }, []);
  const loadData: CascaderProps<Option>["loadData"] = async (selected) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    const below = await leaveApi.divisions(target.value);
    target.children = below.items.map(toOption);
    setOptions((o) => [...o]);
  };
  return { options, loadData };
}

function formOf(values: Values, keptCounty?: string): LeaveForm | null {
  const county = values.destination?.[values.destination.length - 1] ?? keptCounty;
  if (!values.subjectId || !values.from || !county) return null;
  if (values.kind !== "move_house" && !values.to) return null;
  return {
    subjectId: values.subjectId,
    kind: values.kind,
    from: values.from.format("YYYY-MM-DD"),
    to: values.kind === "move_house" ? null : (values.to?.format("YYYY-MM-DD") ?? null),
    destinationCounty: county,
    destinationAddress: values.destinationAddress || null,
    reason: values.reason ?? "",
  };
}

export function ApplicationForm({
  open,
  subject: fixedSubject,
  editing,
  onClose,
}: {
  open: boolean;
  /** Filing from a case page: the person is fixed. */
  subject?: { id: string; name: string };
  /** An application returned for more proof, to edit and file again. */
  editing?: LeaveDetail;
  onClose: (createdId: string | null) => void;
}) {
  const subject = editing ? editing.subject : fixedSubject;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [search, setSearch] = useState("");
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const divisions = useDivisions();
  const values = Form.useWatch([], form) as Values | undefined;
  const draft = values ? formOf(values, editing?.destinationCounty) : null;
  const proofAttached = (values?.proofs?.length ?? 0) > 0 || (editing?.proofs.length ?? 0) > 0;
  const subjects = useQuery({
    queryKey: ["leave-subject-search", search],
    queryFn: () => api.subjects({ q: search || undefined, status: "in_correction", pageSize: 20 }),
    enabled: open && !subject,
  });
  const advice = useQuery({
    queryKey: ["leave-advice", draft, proofAttached],
    queryFn: () => leaveApi.advice({ ...draft!, proofAttached }),
    enabled: open && draft !== null,
    retry: false,
  });

  const submit = async () => {
    setError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = formOf(v, editing?.destinationCounty);
    if (!body) return;
    setSaving(true);
    try {
      const proofs = await Promise.all(
        (v.proofs ?? []).map(async (f) => ({
          fileName: f.name,
          contentType: f.type || undefined,
          contentBase64: await fileToBase64(f.originFileObj as File),
        })),
      );
      let id: string;
      if (editing) {
        await leaveApi.revise(editing.id, { ...body, version: editing.version, proofs, resubmit: true });
        message.success("已修改并重新提交，等待审批");
        id = editing.id;
      } else {
        id = (await leaveApi.create({ ...body, proofs })).id;
        message.success("申请已提交，等待审批");
      }
      await queryClient.invalidateQueries({ queryKey: ["leave"] });
      form.resetFields();
      onClose(id);
    } catch (e) {
      const text = e instanceof Error ? e.message : "提交失败";
      if (isApiError(e, 400) && e.field) {
        const name =
          e.field === "destinationCounty" ? "destination" : e.field.startsWith("proofs") ? "proofs" : e.field;
        if (form.getFieldInstance(name as never) !== undefined)
          form.setFields([{ name: name as never, errors: [text] }]);
        else setError(text);
      } else setError(text);
    } finally {
      setSaving(false);
    }
  };

  const kind = values?.kind ?? "ordinary";
  return (
    <Drawer
      open={open}
      title={
        editing
          ? `修改退回的申请（第 ${editing.version} 版）· ${editing.subject.name}`
          : subject
            ? `新建请假（外出、迁居）申请 · ${subject.name}`
            : "新建请假（外出、迁居）申请"
      }
      width={720}
      destroyOnHidden
      // A click beside the form (or one landing there as a dropdown closes) must not throw away what
      // was typed: the form closes by its own button or Esc only.
      maskClosable={false}
      onClose={() => {
        form.resetFields();
        setError(null);
        onClose(null);
      }}
      extra={
        <Button
          type="primary"
          loading={saving}
          onClick={submit}
          {...({ "data-qa": "leave-submit" } as ButtonProps)}
        >
          {editing ? "保存修改并重新提交" : "提交申请"}
        </Button>
      }
    >
      <div data-qa="leave-form">
        {error ? (
          <Alert
            type="error"
            showIcon
            message={error}
            style={{ marginBottom: 12 }}
            data-qa="leave-form-error"
          />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={
            editing
              ? {
                  kind: editing.kind,
                  subjectId: editing.subject.id,
                  from: dayjs(editing.from),
                  to: editing.to ? dayjs(editing.to) : undefined,
                  destinationAddress: editing.destinationAddress ?? undefined,
                  reason: editing.reason,
                  proofs: [],
                }
              : { kind: "ordinary", subjectId: subject?.id, proofs: [] }
          }
        >
          {subject ? (
            <Form.Item name="subjectId" hidden>
              <Input />
            </Form.Item>
          ) : (
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
                loading={subjects.isFetching}
                options={(subjects.data?.items ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.name}（${s.levelLabel}，${s.office.name}）`,
                }))}
                data-qa="leave-subject"
              />
            </Form.Item>
          )}
          <Form.Item name="kind" label="申请类别">
            <Radio.Group
              disabled={editing !== undefined}
              data-qa="leave-kind"
              options={[
                { value: "ordinary", label: "请假外出" },
                { value: "standing", label: "经常性跨市县活动" },
                { value: "move_house", label: "迁居" },
              ]}
            />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item
              name="from"
              label={kind === "move_house" ? "迁居日期" : "外出开始日期"}
              rules={[{ required: true, message: "请选择日期" }]}
            >
              <DatePicker data-qa="leave-from" />
            </Form.Item>
            {kind !== "move_house" ? (
              <Form.Item
                name="to"
                label="外出结束日期（含当日）"
                rules={[{ required: true, message: "请选择结束日期" }]}
              >
                <DatePicker data-qa="leave-to" />
              </Form.Item>
            ) : null}
          </Space>
          <Form.Item
            name="destination"
            label={
              editing
                ? `目的地（不选则仍为 ${editing.destinationName}）`
                : kind === "move_house"
                  ? "迁入地（省、市、县）"
                  : "目的地（省、市、县）"
            }
            rules={[{ required: !editing, message: "请选择目的地所在的县（市、区）" }]}
          >
            <Cascader
              options={divisions.options}
              loadData={divisions.loadData}
              changeOnSelect={false}
              placeholder="省 / 市 / 县（市、区）"
              data-qa="leave-destination"
            />
          </Form.Item>
          <Form.Item name="destinationAddress" label="详细地址">
            <Input maxLength={200} data-qa="leave-address" />
          </Form.Item>
          <Form.Item
            name="reason"
            label="事由"
            rules={[{ required: true, whitespace: true, message: "请填写事由" }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-qa="leave-reason" />
          </Form.Item>
          <Form.Item
            name="proofs"
            label={
              editing
                ? `补充证明材料（已有 ${editing.proofs.length} 份，保留不变；PDF、JPEG 或 PNG）`
                : "证明材料（PDF、JPEG 或 PNG，单个不超过 20 MB）"
            }
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          >
            <Upload
              accept="application/pdf,image/jpeg,image/png"
              beforeUpload={() => false}
              multiple
              maxCount={10}
            >
              <Button icon={<UploadOutlined />} data-qa="leave-proof">
                选择文件
              </Button>
            </Upload>
          </Form.Item>
        </Form>
        {advice.data ? <AdvicePanel advice={advice.data} /> : null}
        {advice.isError ? (
          <Alert
            type="info"
            showIcon
            message={advice.error instanceof Error ? advice.error.message : "无法计算"}
          />
        ) : null}
      </div>
    </Drawer>
  );
}
