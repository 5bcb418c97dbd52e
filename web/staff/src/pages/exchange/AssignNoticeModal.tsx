// A prison's or rehab centre's notice that came through the exchange with a division code of no
// office of the county: from 今日工作 one click opens this, the agency picks the office and saves
// (POST /api/resettlement/:id/assign or /api/aftercare/:id/assign); the record then is that office's.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ButtonProps } from "antd";
import { App as AntApp, Form, Modal, Select, Typography } from "antd";
import { api, request } from "../../api.ts";

export interface NoticeToAssign {
  feature: "resettlement" | "aftercare";
  id: string;
  title: string;
  detail: string | null;
}

export function AssignNoticeModal({
  notice,
  onClose,
}: {
  notice: NoticeToAssign | null;
  onClose: () => void;
}) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const places = useQuery({ queryKey: ["places"], queryFn: api.places, enabled: notice !== null });
  const save = useMutation({
    mutationFn: (officeId: string) =>
      request("POST", `/api/${notice!.feature}/${encodeURIComponent(notice!.id)}/assign`, { officeId }),
    onSuccess: () => {
      message.success("已分配司法所");
      client.invalidateQueries({ queryKey: [notice!.feature] });
      client.invalidateQueries({ queryKey: ["today"] });
      onClose();
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Modal
      open={notice !== null}
      onCancel={onClose}
      title="分配司法所"
      okText="分配"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-qa": "assign-notice-save" } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{notice?.title}</Typography.Paragraph>
      {notice?.detail ? <Typography.Paragraph type="secondary">{notice.detail}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.officeId)}>
        <Form.Item name="officeId" label="司法所" rules={[{ required: true, message: "请选择司法所" }]}>
          <Select
            style={{ width: 240 }}
            options={(places.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))}
            data-qa="assign-notice-office"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
