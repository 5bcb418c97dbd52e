// 个案矫正责任人: the office head names the worker who answers for the case (seed 000 §二(五)); for a
// key person only the office head may be named (§九.3(4)), the others are shown but not selectable.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Form, Input, Modal, Select } from "antd";
import { request } from "../../api.ts";
import { ApiErrorView } from "../../components/StatusPages.tsx";

interface Options {
  current: string | null;
  keyPerson: boolean;
  candidates: { id: string; displayName: string; role: string; roleLabel: string; allowed: boolean }[];
}

export function ResponsibleModal({
  subjectId,
  open,
  onClose,
}: {
  subjectId: string;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ userId: string; reason?: string }>();
  const queryClient = useQueryClient();
  const options = useQuery({
    queryKey: ["responsible", subjectId],
    queryFn: () => request<Options>("GET", `/api/subjects/${encodeURIComponent(subjectId)}/responsible`),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: (body: { userId: string; reason?: string }) =>
      request("PUT", `/api/subjects/${encodeURIComponent(subjectId)}/responsible`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["subject", subjectId] });
      await queryClient.invalidateQueries({ queryKey: ["responsible", subjectId] });
      onClose();
    },
  });
  return (
    <Modal
      title="指定个案矫正责任人"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {options.data?.keyPerson ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="重点人员的个案矫正责任人应为司法所负责人"
        />
      ) : null}
      {save.isError ? <ApiErrorView error={save.error} /> : null}
      <Form
        form={form}
        layout="vertical"
        data-qa="responsible-form"
        initialValues={{ userId: options.data?.current ?? undefined }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="userId" label="责任人" rules={[{ required: true, message: "请选择个案矫正责任人" }]}>
          <Select
            data-qa="responsible-user"
            loading={options.isFetching}
            options={(options.data?.candidates ?? []).map((c) => ({
              value: c.id,
              label: `${c.displayName}（${c.roleLabel}）`,
              disabled: !c.allowed,
            }))}
          />
        </Form.Item>
        <Form.Item name="reason" label="说明">
          <Input maxLength={200} placeholder="例如：按片区分工调整" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
