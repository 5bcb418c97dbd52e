// Asks why the full name and ID number are needed before the server reveals them. The server records
// the purpose in the audit log; a reveal without one is refused (400, field `purpose`).
import { useMutation } from "@tanstack/react-query";
import { Alert, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { api, isFieldError } from "../../api.ts";

export interface Revealed {
  name: string;
  idNumber: string;
  /** A minor's birth date is masked with the ID number and revealed with it. */
  birthDate: string;
}

export function UnmaskModal({
  subjectId,
  open,
  onClose,
  onRevealed,
}: {
  subjectId: string;
  open: boolean;
  onClose: () => void;
  onRevealed: (revealed: Revealed) => void;
}) {
  const [form] = Form.useForm<{ purpose: string }>();
  const [fieldError, setFieldError] = useState<string | null>(null);
  const unmask = useMutation({
    mutationFn: (purpose: string) => api.unmaskSubject(subjectId, purpose),
    onSuccess: (revealed) => {
      onRevealed(revealed);
      onClose();
    },
    onError: (error) => {
      if (isFieldError(error, "purpose")) setFieldError(error.message);
    },
  });
  const otherError = unmask.isError && !isFieldError(unmask.error, "purpose");

  return (
    <Modal
      title="查看完整号码"
      open={open}
      okText="确认查看"
      cancelText="取消"
      confirmLoading={unmask.isPending}
      okButtonProps={{ "data-qa": "unmask-confirm" }}
      cancelButtonProps={{ "data-qa": "unmask-cancel" }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        setFieldError(null);
        unmask.reset();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        完整的姓名和身份证号码属于个人敏感信息。请填写查看目的，本次查看将记入审计日志。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={({ purpose }) => {
          setFieldError(null);
          unmask.mutate(purpose.trim());
        }}
        onValuesChange={() => setFieldError(null)}
      >
        <Form.Item
          label="查看目的"
          name="purpose"
          rules={[
            { required: true, whitespace: true, message: "请填写查看目的" },
            {
              validator: (_, value: string | undefined) =>
                !value || value.trim().length >= 2
                  ? Promise.resolve()
                  : Promise.reject(new Error("查看目的至少2个字")),
            },
          ]}
          validateStatus={fieldError ? "error" : undefined}
          help={fieldError ?? undefined}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder="例如：办理请假审批需核对身份"
            data-qa="unmask-purpose"
          />
        </Form.Item>
      </Form>
      {otherError ? (
        <Alert type="error" showIcon title={unmask.error?.message} data-qa="unmask-error" />
      ) : null}
    </Modal>
  );
}
