import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { PageLoading } from "../components/StatusPages.tsx";
import { useLogin, useSession } from "../session.ts";
import { usePageTitle } from "../usePageTitle.ts";

interface LoginForm {
  username: string;
  password: string;
}

/** Where to go after log-in: the page that sent us here, if it is one of ours. */
function targetFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" &&
    from.startsWith("/") &&
    !from.startsWith("//") &&
    !from.startsWith("/login")
    ? from
    : "/";
}

export default function LoginPage() {
  usePageTitle("登录");
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const target = targetFrom(location.state);

  if (session.isPending) return <PageLoading />;
  if (session.data && !login.isPending) return <Navigate to={target} replace />;

  return (
    <div className="login-page">
      <div className="login-title">
        <Typography.Title level={2} style={{ margin: 0, color: "#fff", letterSpacing: 4 }}>
          一人一册
        </Typography.Title>
        <Typography.Text style={{ color: "rgba(255,255,255,.85)" }}>社区矫正工作平台</Typography.Text>
      </div>
      <Card className="login-card" title="工作人员登录">
        <Form<LoginForm>
          layout="vertical"
          requiredMark={false}
          disabled={login.isPending}
          onFinish={(values) =>
            login.mutate(values, { onSuccess: () => navigate(target, { replace: true }) })
          }
        >
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: "请输入用户名" }]}>
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              data-qa="login-username"
              placeholder="请输入用户名"
            />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: "请输入密码" }]}>
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-qa="login-password"
              placeholder="请输入密码"
            />
          </Form.Item>
          {login.isError ? (
            <Form.Item>
              <Alert type="error" showIcon title={login.error.message} data-qa="login-error" />
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-qa="login-submit">
            登录
          </Button>
        </Form>
      </Card>
      <Typography.Text className="login-footer" style={{ color: "rgba(255,255,255,.75)" }}>
        本系统仅供社区矫正工作人员依法履职使用，所有操作均记录在案
      </Typography.Text>
    </div>
  );
}
