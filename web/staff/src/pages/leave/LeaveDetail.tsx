// One application: what was asked, the engine's advice as of now, proof files, the decisions so far,
// and what the user may do — approve / refuse / return for more proof (with comment and, when the
// engine warns, the written reason), 销假, the Word documents. An application returned for more
// proof is edited and filed again from here; its earlier versions are listed as they were.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ButtonProps } from "antd";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { isApiError } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { DestinationAreaNote } from "../location/LeaveDestinations.tsx";
import { AdvicePanel } from "./AdvicePanel.tsx";
import { ApplicationForm } from "./ApplicationForm.tsx";
import { type LeaveDetail as Detail, leaveApi } from "./api.ts";

export const statusColour: Record<string, string> = {
  pending: "gold",
  returned: "orange",
  approved: "green",
  refused: "red",
  closed: "default",
};

function DecisionForm({ leave, onDone }: { leave: Detail; onDone: () => void }) {
  const [form] = Form.useForm<{ decision: string; comment: string; overrideReason?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const decision = Form.useWatch("decision", form) ?? "approve";
  const needsOverride = leave.advice.warnings.length > 0 && decision === "approve";
  const submit = async () => {
    setError(null);
    let v: { decision: string; comment: string; overrideReason?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await leaveApi.decide(leave.id, { ...v, overrideReason: v.overrideReason ?? null });
      onDone();
    } catch (e) {
      const text = e instanceof Error ? e.message : "保存失败";
      if (isApiError(e, 400) && (e.field === "comment" || e.field === "overrideReason"))
        form.setFields([{ name: e.field, errors: [text] }]);
      else setError(text);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title="审批" data-qa="leave-decision">
      {error ? (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} data-qa="decision-error" />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ decision: "approve" }}>
        <Form.Item name="decision" label="审批结果">
          <Radio.Group
            data-qa="decision-kind"
            options={[
              { value: "approve", label: "批准" },
              { value: "refuse", label: "不予批准" },
              { value: "return", label: "退回补充材料" },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label="审批意见"
          rules={[{ required: true, whitespace: true, message: "请填写审批意见" }]}
        >
          <Input.TextArea rows={2} data-qa="decision-comment" />
        </Form.Item>
        {needsOverride ? (
          <Form.Item
            name="overrideReason"
            label={`批准理由（${leave.advice.warnings.map((w) => w.label).join("；")}）`}
            rules={[{ required: true, whitespace: true, message: "批准须书面说明理由" }]}
          >
            <Input.TextArea rows={2} data-qa="decision-override" />
          </Form.Item>
        ) : null}
        <Button
          type="primary"
          loading={saving}
          onClick={submit}
          {...({ "data-qa": "decision-submit" } as ButtonProps)}
        >
          提交审批
        </Button>
      </Form>
    </Card>
  );
}

function ReturnForm({ leave, onDone }: { leave: Detail; onDone: () => void }) {
  const [form] = Form.useForm<{ method: string; at: Dayjs; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    const v = await form.validateFields();
    try {
      await leaveApi.close(leave.id, {
        method: v.method,
        at: v.at.format("YYYY-MM-DDTHH:mm:ssZ"),
        note: v.note ?? null,
      });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : "保存失败");
    }
  };
  return (
    <Card size="small" title="销假" data-qa="leave-return">
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ method: "in_person", at: serverNow() }}>
        <Form.Item name="method" label="销假方式">
          <Radio.Group
            options={[
              { value: "in_person", label: "到所当面" },
              { value: "phone", label: "电话" },
              { value: "app", label: "手机应用" },
            ]}
          />
        </Form.Item>
        <Form.Item name="at" label="报告返回时间" rules={[{ required: true, message: "请选择时间" }]}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="note" label="情况说明">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" onClick={submit} {...({ "data-qa": "return-submit" } as ButtonProps)}>
          登记销假
        </Button>
      </Form>
    </Card>
  );
}

export function LeaveDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const leave = useQuery({
    queryKey: ["leave", "detail", id],
    queryFn: () => leaveApi.get(id!),
    enabled: id !== null,
  });
  const refresh = async (text: string) => {
    message.success(text);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ["leave"] }),
      queryClient.invalidateQueries({ queryKey: ["today"] }),
    ]);
  };
  const d = leave.data;
  const [editing, setEditing] = useState(false);
  return (
    <Drawer open={id !== null} onClose={onClose} width={760} title="请假（外出、迁居）申请" destroyOnHidden>
      {leave.isPending ? <PageLoading /> : null}
      {leave.isError ? <ApiErrorView error={leave.error} onRetry={() => leave.refetch()} /> : null}
      {d ? (
        <Space
          direction="vertical"
          style={{ width: "100%" }}
          size={12}
          data-qa="leave-detail"
          data-status={d.status}
        >
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="对象">{d.subject.name}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={statusColour[d.status]} data-qa="leave-status">
                {d.statusLabel}
              </Tag>
              {d.overdue ? <Tag color="orange">逾期未归</Tag> : null}
              {d.away ? <Tag color="blue">外出中</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="类别">{d.kindLabel}</Descriptions.Item>
            <Descriptions.Item label="期间">
              {d.to ? `${d.from} 至 ${d.to}（${d.days} 日）` : `迁居日期 ${d.from}`}
            </Descriptions.Item>
            <Descriptions.Item label="目的地" span={2}>
              {d.destinationName}
              {d.destinationAddress ? ` ${d.destinationAddress}` : ""}
              {d.kind === "ordinary" ? <DestinationAreaNote leaveId={d.id} /> : null}
            </Descriptions.Item>
            <Descriptions.Item label="事由" span={2}>
              {d.reason}
            </Descriptions.Item>
            <Descriptions.Item label="申请时间">{formatDateTime(d.appliedAt)}</Descriptions.Item>
            <Descriptions.Item label="销假">
              {d.returnedAt ? formatDateTime(d.returnedAt) : "—"}
            </Descriptions.Item>
            <Descriptions.Item label="证明材料" span={2}>
              {d.proofs.length === 0
                ? "未提交"
                : d.proofs.map((p) => (
                    <div key={p.id}>
                      <a href={leaveApi.proofUrl(d.id, p.id)} target="_blank" rel="noreferrer">
                        {p.fileName}
                      </a>{" "}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {(p.sizeBytes / 1024).toFixed(0)} KB
                      </Typography.Text>
                    </div>
                  ))}
            </Descriptions.Item>
          </Descriptions>
          <AdvicePanel advice={d.advice} />
          {d.revisions.length ? (
            <Card size="small" title={`历次版本（当前为第 ${d.version} 版）`} data-qa="leave-revisions">
              <Timeline
                items={d.revisions.map((r) => ({
                  color: "gray",
                  children: (
                    <div data-qa="leave-revision" data-version={r.version}>
                      <Typography.Text strong>第 {r.version} 版</Typography.Text>　
                      {r.to ? `${r.from} 至 ${r.to}` : r.from}　{r.destinationName}
                      {r.destinationAddress ? ` ${r.destinationAddress}` : ""}（{r.approverLabel}）
                      <div>事由：{r.reason}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.replacedBy} 于 {formatDateTime(r.replacedAt)} 修改
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            </Card>
          ) : null}
          {d.decisions.length ? (
            <Card size="small" title="审批记录">
              <Timeline
                items={d.decisions.map((x) => ({
                  children: (
                    <div data-qa="leave-decision-entry">
                      <Typography.Text strong>{x.decisionLabel}</Typography.Text>　{x.decidedBy}（
                      {x.decidedRole}）{formatDateTime(x.decidedAt)}
                      <div>{x.comment}</div>
                      {x.overrideReason ? <div>批准理由：{x.overrideReason}</div> : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          ) : null}
          {d.can.decide ? <DecisionForm leave={d} onDone={() => refresh("审批已保存")} /> : null}
          {d.can.close ? <ReturnForm leave={d} onDone={() => refresh("已销假")} /> : null}
          {d.can.edit || d.can.resubmit ? (
            <Space>
              {d.can.edit ? (
                <Button type="primary" onClick={() => setEditing(true)} data-qa="leave-edit">
                  修改申请
                </Button>
              ) : null}
              {d.can.resubmit ? (
                <Button onClick={() => leaveApi.resubmit(d.id).then(() => refresh("已重新提交"))}>
                  不修改，直接重新提交
                </Button>
              ) : null}
            </Space>
          ) : null}
          {editing ? (
            <ApplicationForm
              open
              editing={d}
              onClose={(saved) => {
                setEditing(false);
                if (saved) void queryClient.invalidateQueries({ queryKey: ["today"] });
              }}
            />
          ) : null}
          <Space>
            <a href={leaveApi.documentUrl(d.id, "approval_form")} data-qa="doc-approval-form">
              <Button>下载审批表（Word）</Button>
            </a>
            {d.status === "approved" || d.status === "closed" ? (
              <a href={leaveApi.documentUrl(d.id, "notice")} data-qa="doc-notice">
                <Button>下载批准通知书（Word）</Button>
              </a>
            ) : null}
          </Space>
        </Space>
      ) : null}
    </Drawer>
  );
}
