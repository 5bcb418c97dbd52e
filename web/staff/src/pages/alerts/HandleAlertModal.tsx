// Handling an alert: what was verified and done, within 24 h of it being raised.
import { useQueryClient } from "@tanstack/react-query";
import type { ButtonProps } from "antd";
import { Alert as AntAlert, App as AntApp, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { supervisionApi } from "../supervision/api.ts";

export interface AlertRef {
  id: number;
  title: string;
  summary: string | null;
}

export function HandleAlertModal({
  alert,
  onClose,
}: {
  alert: AlertRef | null;
  onClose: (saved: boolean) => void;
}) {
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const submit = async () => {
    if (!alert) return;
    setError(null);
    let values: { note: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await supervisionApi.handleAlert(alert.id, values.note);
      message.success("预警已处置");
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["today"] }),
        queryClient.invalidateQueries({ queryKey: ["alerts"] }),
      ]);
      form.resetFields();
      onClose(true);
    } catch (e) {
      setError(e instanceof Error ? e.message.replace(/^[\w.]+：/, "") : "保存失败");
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={alert !== null}
      title={alert ? `处置预警 · ${alert.title}` : ""}
      okText="处置完毕"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose(false);
      }}
      destroyOnHidden
      okButtonProps={{ "data-qa": "alert-handle-submit" } as ButtonProps}
    >
      <div data-qa="alert-handle-modal">
        {alert?.summary ? (
          <Typography.Paragraph type="secondary">{alert.summary}</Typography.Paragraph>
        ) : null}
        {error ? <AntAlert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="note"
            label="核实情况和处置措施"
            rules={[{ required: true, min: 2, message: "请填写核实情况和处置措施（至少2个字）" }]}
          >
            <Input.TextArea rows={4} data-qa="alert-note" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
