// 手机端 on the case page: give or reset the person's one-time code for the phone app (shown once,
// with what to tell the person), whether the app is activated and the last check-in, and notices
// sent to the person with whether they were read.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { appOfficeRoles } from "../../../../../src/features/app/roles.ts";
import { appAccessStateLabel } from "../../../../../src/glossary.ts";
import { request, type SubjectDetail } from "../../api.ts";
import { formatDateTime } from "../../format.ts";
import { useCurrentUser } from "../../user.ts";
import { Section } from "./Section.tsx";

interface AppState {
  access: {
    state: string;
    codeIssuedAt: string | null;
    codeExpiresAt: string | null;
    activatedAt: string | null;
    lastCheckInAt: string | null;
  };
  notices: { id: string; title: string; body: string; sentAt: string; readAt: string | null }[];
}

const when = (iso: string | null) => (iso ? formatDateTime(iso) : "—"); // (never given: a dash)

export function AppSection({ subject }: { subject: SubjectDetail }) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const readers: readonly string[] = appOfficeRoles.read;
  const writers: readonly string[] = appOfficeRoles.write;
  const mayRead = readers.includes(user.role);
  const mayWrite = writers.includes(user.role) && subject.status === "in_correction";
  const key = ["app", subject.id];
  const state = useQuery({
    queryKey: key,
    queryFn: () => request<AppState>("GET", `/api/subjects/${subject.id}/app`),
    enabled: mayRead,
  });
  const [code, setCode] = useState<{ code: string; expiresAt: string } | null>(null);
  const [noticeForm] = Form.useForm<{ title: string; body: string }>();
  const give = useMutation({
    mutationFn: () =>
      request<{ code: string; expiresAt: string; reset: boolean }>(
        "POST",
        `/api/subjects/${subject.id}/app-access`,
      ),
    onSuccess: (answer) => {
      setCode(answer);
      queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const send = useMutation({
    mutationFn: (body: { title: string; body: string }) =>
      request("POST", `/api/subjects/${subject.id}/notices`, body),
    onSuccess: () => {
      noticeForm.resetFields();
      queryClient.invalidateQueries({ queryKey: key });
    },
  });
  if (!mayRead) return null;
  const access = state.data?.access;
  const active = access?.state === "active" || access?.state === "code_issued";

  return (
    <Section
      qa="section-app"
      title="手机端"
      extra={
        mayWrite ? (
          <Popconfirm
            title={active ? "重置手机端？" : "开通手机端？"}
            description={
              active ? "原密码和未使用的激活码将失效，已登录的手机会被退出。" : "将生成一次性激活码。"
            }
            okText="生成激活码"
            cancelText="取消"
            onConfirm={() => give.mutate()}
          >
            <Button size="small" loading={give.isPending} data-qa="app-give-code">
              {active ? "重置激活码" : "开通并生成激活码"}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      {give.isError && (
        <Alert type="error" showIcon message={give.error.message} style={{ marginBottom: 8 }} />
      )}
      <Descriptions size="small" column={{ xs: 1, md: 4 }}>
        <Descriptions.Item label="状态">
          <span data-qa="app-state">
            {access ? (appAccessStateLabel[access.state] ?? access.state) : "—"}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="激活码有效期至">{when(access?.codeExpiresAt ?? null)}</Descriptions.Item>
        <Descriptions.Item label="激活时间">{when(access?.activatedAt ?? null)}</Descriptions.Item>
        <Descriptions.Item label="最近签到">
          <span data-qa="app-last-checkin">{when(access?.lastCheckInAt ?? null)}</span>
        </Descriptions.Item>
      </Descriptions>

      <Typography.Text strong>通知</Typography.Text>
      {mayWrite && (
        <Form
          form={noticeForm}
          layout="inline"
          style={{ margin: "8px 0" }}
          onFinish={(values) => send.mutate(values)}
        >
          <Form.Item name="title" rules={[{ required: true, message: "请填写通知标题" }]}>
            <Input placeholder="标题" maxLength={100} data-qa="app-notice-title" />
          </Form.Item>
          <Form.Item name="body" rules={[{ required: true, message: "请填写通知内容" }]} style={{ flex: 1 }}>
            <Input.TextArea placeholder="内容" maxLength={2000} autoSize data-qa="app-notice-body" />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" type="primary" loading={send.isPending} data-qa="app-notice-send">
              发送
            </Button>
          </Form.Item>
        </Form>
      )}
      {send.isError && <Alert type="error" showIcon message={send.error.message} />}
      <List
        size="small"
        dataSource={state.data?.notices ?? []}
        locale={{ emptyText: "尚未发送通知" }}
        renderItem={(n) => (
          <List.Item data-qa="app-notice">
            <Space direction="vertical" size={0} style={{ flex: 1 }}>
              <Typography.Text strong>{n.title}</Typography.Text>
              <Typography.Text type="secondary">{n.body}</Typography.Text>
            </Space>
            <Space>
              <Typography.Text type="secondary">发送于 {formatDateTime(n.sentAt)}</Typography.Text>
              {n.readAt ? (
                <Tag color="green" data-qa="app-notice-read">
                  已读 {formatDateTime(n.readAt)}
                </Tag>
              ) : (
                <Tag>未读</Tag>
              )}
            </Space>
          </List.Item>
        )}
      />

      <Modal
        open={code !== null}
        title="手机端激活码"
        okText="已告知对象"
        cancelButtonProps={{ style: { display: "none" } }}
        onOk={() => setCode(null)}
        onCancel={() => setCode(null)}
      >
        <Typography.Title
          level={2}
          style={{ letterSpacing: 6, textAlign: "center" }}
          data-qa="app-code-shown"
        >
          {code?.code}
        </Typography.Title>
        <Typography.Paragraph>
          请当面告知 {subject.name}：用手机浏览器打开{" "}
          <Typography.Text code>{window.location.origin}/app/</Typography.Text>
          ，选择“首次使用（激活）”，输入本人身份证号、此激活码，并设置自己的密码（至少 8 位，含字母和数字）。
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          激活码只显示这一次，有效期至 {code ? formatDateTime(code.expiresAt) : ""}
          ，使用一次即失效。忘记密码时点“重置激活码”重新生成。
        </Typography.Paragraph>
      </Modal>
    </Section>
  );
}
