// One modal for every daily-supervision record: phone and in-person reports, information checks,
// field visits (two or more workers), education and assistance, and the team's feedback forms. The
// server checks everything; a refusal about a field is shown under that field.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ButtonProps } from "antd";
import {
  Alert as AntAlert,
  App as AntApp,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Upload,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { isApiError, request } from "../../api.ts";
import { serverNow } from "../../server-time.ts";
import { useCurrentUser } from "../../user.ts";
import { supervisionApi } from "./api.ts";
import { photoDataUrl } from "./photo.ts";

export type RecordKind =
  | "phone_report"
  | "in_person_report"
  | "information_check"
  | "field_visit"
  | "support"
  | "feedback_form"
  | "leave_signin_check"
  | "leave_phone_check";

export const recordTitles: Record<RecordKind, string> = {
  phone_report: "登记电话（通讯软件）报告",
  in_person_report: "登记当面报告",
  information_check: "登记信息化核查",
  field_visit: "登记实地查访",
  support: "登记教育帮扶",
  feedback_form: "填写情况信息反馈表",
  leave_signin_check: "登记请假期间在线签到核查",
  leave_phone_check: "登记请假期间电话核查及轨迹分析",
};

const paths: Record<RecordKind, string> = {
  phone_report: "reports",
  in_person_report: "reports",
  information_check: "information-checks",
  field_visit: "field-visits",
  support: "support",
  feedback_form: "feedback-forms",
  leave_signin_check: "leave-checks",
  leave_phone_check: "leave-checks",
};

const isLeaveCheck = (kind: RecordKind | null) =>
  kind === "leave_signin_check" || kind === "leave_phone_check";

type Values = Record<string, unknown> & { at?: Dayjs; month?: Dayjs };

export function RecordModal({
  kind,
  subject,
  onClose,
}: {
  kind: RecordKind | null;
  subject: { id: string; name: string } | null;
  onClose: (saved: boolean) => void;
}) {
  const user = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const open = kind !== null && subject !== null;
  const needsWorkers = kind === "field_visit" || (kind === "feedback_form" && user.role !== "team_member");
  const workers = useQuery({
    queryKey: ["workers", subject?.id],
    queryFn: () => supervisionApi.workers(subject!.id),
    enabled: open && needsWorkers,
  });
  const result = Form.useWatch("result", form);
  const supportType = Form.useWatch("type", form);
  const at = Form.useWatch("at", form) as Dayjs | undefined;
  const chosenWorkers = Form.useWatch("workers", form) as string[] | undefined;
  // The county's limit for a late entry (补录, profile `records`): past it the reason is asked for here;
  // the server decides either way.
  const records = useQuery({
    queryKey: ["policy", "profile"],
    queryFn: () => request<{ records?: { lateEntryAfterHours: number } }>("GET", "/api/policy/profile"),
    enabled: open,
    staleTime: 5 * 60_000,
  });
  const lateHours = records.data?.records?.lateEntryAfterHours ?? 2;
  const late =
    kind !== "feedback_form" && at !== undefined && serverNow().diff(at, "minute") > lateHours * 60;
  const recorderAbsent =
    kind === "field_visit" && (chosenWorkers?.length ?? 0) > 0 && !chosenWorkers?.includes(user.id);

  const submit = async () => {
    if (!kind || !subject) return;
    setError(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const { at, month, ...rest } = values;
    const body: Record<string, unknown> = { ...rest };
    if (at) body.at = at.format("YYYY-MM-DDTHH:mm:ssZ");
    if (kind === "phone_report" || kind === "in_person_report") body.type = kind;
    if (kind === "in_person_report") body.channel = "office";
    if (isLeaveCheck(kind)) body.kind = kind;
    if (kind === "feedback_form") body.month = (month ?? serverNow()).format("YYYY-MM");
    if (kind === "field_visit") {
      const files = (values.photos as { originFileObj?: File }[] | undefined) ?? [];
      body.photos = await Promise.all(
        files.filter((f) => f.originFileObj).map((f) => photoDataUrl(f.originFileObj!)),
      ).catch(() => null);
      if (!body.photos) {
        setError("照片无法读取，请重新拍摄或选择照片");
        return;
      }
    }
    setSaving(true);
    try {
      const saved = await supervisionApi.record(subject.id, paths[kind], body);
      message.success(saved.alertId ? "已登记，核查异常已生成预警，请在24小时内处置" : "已登记");
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["today"] }),
        queryClient.invalidateQueries({ queryKey: ["timeline", subject.id] }),
        queryClient.invalidateQueries({ queryKey: ["alerts"] }),
        queryClient.invalidateQueries({ queryKey: ["subject", subject.id] }),
      ]);
      form.resetFields();
      onClose(true);
    } catch (e) {
      const text = e instanceof Error ? e.message.replace(/^[\w.]+：/, "") : "保存失败";
      if (isApiError(e, 400) && e.field) {
        const name = e.field.split(".")[0]!;
        if (form.getFieldInstance(name) !== undefined || name in (form.getFieldsValue(true) as object)) {
          form.setFields([{ name, errors: [text] }]);
        } else setError(text);
      } else setError(text);
    } finally {
      setSaving(false);
    }
  };

  const workerOptions = (workers.data?.items ?? []).map((w) => ({
    value: w.id,
    label: `${w.displayName}（${w.roleLabel}）`,
    role: w.role,
  }));

  return (
    <Modal
      open={open}
      title={kind && subject ? `${recordTitles[kind]} · ${subject.name}` : ""}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose(false);
      }}
      destroyOnHidden
      okButtonProps={{ "data-qa": "record-submit" } as ButtonProps}
      width={640}
    >
      <div data-qa="record-modal" data-kind={kind ?? ""}>
        {error ? (
          <AntAlert
            type="error"
            showIcon
            message={error}
            style={{ marginBottom: 12 }}
            data-qa="record-error"
          />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            at: serverNow(),
            result: "normal",
            channel: "phone",
            type: "education",
            reason: "routine",
          }}
        >
          {kind !== "feedback_form" ? (
            <Form.Item name="at" label="发生时间" rules={[{ required: true, message: "请选择发生时间" }]}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" data-qa="field-at" />
            </Form.Item>
          ) : null}
          {late ? (
            <Form.Item
              name="lateReason"
              label="补录原因"
              extra={`发生时间距现在已超过${lateHours}小时，将标记为补录`}
              rules={[{ required: true, message: "请填写补录原因" }]}
            >
              <Input.TextArea rows={2} data-qa="field-lateReason" />
            </Form.Item>
          ) : null}
          {kind === "phone_report" ? (
            <Form.Item name="channel" label="报告渠道">
              <Radio.Group
                options={[
                  { value: "phone", label: "电话" },
                  { value: "wechat", label: "微信等通讯软件" },
                  { value: "video", label: "视频" },
                ]}
              />
            </Form.Item>
          ) : null}
          {kind === "phone_report" || kind === "in_person_report" ? (
            <Form.Item
              name="content"
              label="报告内容"
              rules={[{ required: true, message: "请填写报告内容" }]}
            >
              <Input.TextArea rows={3} placeholder="近期思想、工作、生活情况" data-qa="field-content" />
            </Form.Item>
          ) : null}
          {kind === "information_check" || isLeaveCheck(kind) ? (
            <>
              <Form.Item
                name="method"
                label="核查方式"
                initialValue={kind === "leave_signin_check" ? "online_signin" : "phone"}
              >
                <Radio.Group
                  data-qa="field-method"
                  options={[
                    ...(kind === "leave_signin_check" ? [{ value: "online_signin", label: "在线签到" }] : []),
                    { value: "phone", label: "电话核查" },
                    { value: "location", label: "定位（轨迹）核查" },
                    { value: "video", label: "视频核查" },
                  ]}
                />
              </Form.Item>
              <Form.Item name="result" label="核查结果">
                <Radio.Group
                  data-qa="field-result"
                  options={[
                    { value: "normal", label: "正常" },
                    { value: "abnormal", label: "异常" },
                  ]}
                />
              </Form.Item>
              {result === "abnormal" ? (
                <Form.Item name="abnormalKind" label="异常类别" initialValue="abnormal_information">
                  <Select
                    options={[
                      { value: "lost_contact", label: "失联（无法联系）" },
                      { value: "out_of_area", label: "越界" },
                      { value: "prohibited_place", label: "进入禁止区域" },
                      { value: "abnormal_information", label: "其他异常" },
                    ]}
                  />
                </Form.Item>
              ) : null}
              <Form.Item
                name="note"
                label="核查情况"
                rules={
                  result === "abnormal"
                    ? [{ required: true, message: "核查结果异常时，请填写异常情况说明" }]
                    : []
                }
              >
                <Input.TextArea rows={2} data-qa="field-note" />
              </Form.Item>
            </>
          ) : null}
          {kind === "field_visit" ? (
            <>
              <Form.Item
                name="workers"
                label="同行工作人员（第一位为带队人员；至少二名司法所或机构工作人员，矫正小组成员不计入）"
                rules={[{ required: true, message: "请选择同行的工作人员" }]}
              >
                <Select
                  mode="multiple"
                  options={workerOptions}
                  loading={workers.isPending}
                  data-qa="field-workers"
                />
              </Form.Item>
              {recorderAbsent ? (
                <Form.Item
                  name="notPresentReason"
                  label="您未参加本次查访：代为登记的原因"
                  rules={[{ required: true, message: "请说明由谁查访、为何由您代为登记" }]}
                >
                  <Input.TextArea rows={2} data-qa="field-notPresentReason" />
                </Form.Item>
              ) : null}
              <Form.Item
                name="place"
                label="查访地点"
                rules={[{ required: true, message: "请填写查访地点" }]}
              >
                <Input placeholder="家中、工作单位、村（社区）……" data-qa="field-place" />
              </Form.Item>
              <Form.Item
                name="peopleMet"
                label="走访对象"
                rules={[{ required: true, message: "请填写见到的人" }]}
              >
                <Input placeholder="本人、家属、村（居）委会干部……" data-qa="field-peopleMet" />
              </Form.Item>
              <Form.Item
                name="findings"
                label="查访情况"
                rules={[{ required: true, message: "请填写查访情况" }]}
              >
                <Input.TextArea rows={3} data-qa="field-findings" />
              </Form.Item>
              <Form.Item name="reason" label="查访原因">
                <Select
                  options={[
                    { value: "routine", label: "日常查访" },
                    { value: "lost_contact", label: "失联后立即查访" },
                    { value: "emergency", label: "突发异常情况" },
                    { value: "sampling", label: "机构抽查走访" },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="photos"
                label="现场照片（最多3张，较大的照片自动压缩）"
                valuePropName="fileList"
                getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList}
              >
                {/* On a phone, `capture` opens the rear camera; photos are shrunk to 300 KB on saving. */}
                <Upload
                  listType="picture"
                  accept="image/*"
                  capture="environment"
                  maxCount={3}
                  beforeUpload={(file) => {
                    if (!file.type.startsWith("image/")) {
                      message.error("请选择照片（图片文件）");
                      return Upload.LIST_IGNORE;
                    }
                    return false;
                  }}
                  data-qa="field-photos"
                >
                  <Button size="small">拍照或选择照片</Button>
                </Upload>
              </Form.Item>
            </>
          ) : null}
          {kind === "support" ? (
            <>
              <Form.Item name="type" label="类别">
                <Select
                  data-qa="field-type"
                  options={[
                    { value: "education", label: "教育学习" },
                    { value: "public_service", label: "公益活动" },
                    { value: "counselling", label: "心理辅导" },
                    { value: "assistance", label: "帮扶" },
                  ]}
                />
              </Form.Item>
              {supportType === "education" || supportType === "public_service" ? (
                <>
                  <Form.Item
                    name="hours"
                    label="时长（小时）"
                    rules={[{ required: true, message: "请填写时长" }]}
                  >
                    <InputNumber min={0.5} max={24} step={0.5} />
                  </Form.Item>
                  <Form.Item
                    name={supportType === "education" ? "topic" : "activity"}
                    label={supportType === "education" ? "学习内容" : "公益活动内容"}
                    rules={[{ required: true, message: "请填写内容" }]}
                  >
                    <Input />
                  </Form.Item>
                </>
              ) : null}
              {supportType === "counselling" ? (
                <>
                  <Form.Item name="method" label="形式" initialValue="individual">
                    <Radio.Group
                      options={[
                        { value: "individual", label: "个体辅导" },
                        { value: "group", label: "团体辅导" },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item
                    name="minutes"
                    label="时长（分钟）"
                    rules={[{ required: true, message: "请填写时长" }]}
                  >
                    <InputNumber min={5} max={600} step={5} />
                  </Form.Item>
                  <Form.Item
                    name="summary"
                    label="辅导情况"
                    rules={[{ required: true, message: "请填写辅导情况" }]}
                  >
                    <Input.TextArea rows={3} />
                  </Form.Item>
                </>
              ) : null}
              {supportType === "assistance" ? (
                <>
                  <Form.Item
                    name="kind"
                    label="帮扶类别"
                    rules={[{ required: true, message: "请选择帮扶类别" }]}
                  >
                    <Select
                      options={[
                        { value: "employment_training", label: "就业培训" },
                        { value: "subsistence_allowance", label: "最低生活保障" },
                        { value: "temporary_relief", label: "临时救助" },
                        { value: "schooling", label: "就学" },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item
                    name="note"
                    label="帮扶情况"
                    rules={[{ required: true, message: "请填写帮扶情况" }]}
                  >
                    <Input.TextArea rows={3} />
                  </Form.Item>
                </>
              ) : null}
            </>
          ) : null}
          {kind === "feedback_form" ? (
            <>
              <Form.Item name="month" label="反馈月份" initialValue={serverNow()}>
                <DatePicker picker="month" format="YYYY-MM" />
              </Form.Item>
              {user.role !== "team_member" ? (
                <Form.Item
                  name="memberId"
                  label="矫正小组成员"
                  rules={[{ required: true, message: "请选择填写反馈表的成员" }]}
                >
                  <Select
                    options={workerOptions.filter((w) => w.role === "team_member")}
                    loading={workers.isPending}
                  />
                </Form.Item>
              ) : null}
              <Form.Item
                name="situation"
                label="本月表现情况"
                rules={[{ required: true, message: "请填写本月表现情况" }]}
              >
                <Input.TextArea rows={3} data-qa="field-situation" />
              </Form.Item>
              <Form.Item name="risks" label="发现的风险或异常">
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="suggestions" label="意见建议">
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}
