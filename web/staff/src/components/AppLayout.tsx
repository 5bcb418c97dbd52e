// The frame of every signed-in page: the side menu of capabilities, the header with who is signed in
// (name, role, place) and the log-out button. It also guards the pages: no session → /login; a subject
// (the person under correction) is sent to the phone app instead.
import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Layout, Menu, Result, Space, Tag, Typography } from "antd";
import { Suspense, useState } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router-dom";
import type { User } from "../api.ts";
import { visibleNavItems } from "../nav.tsx";
import { useLogout, useSession } from "../session.ts";
import { CurrentUserContext } from "../user.ts";
import { ApiErrorView, PageLoading } from "./StatusPages.tsx";

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageLoading />;
  if (session.isError) return <ApiErrorView error={session.error} onRetry={() => session.refetch()} />;
  const user = session.data;
  if (!user) {
    const from = location.pathname + location.search;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  if (user.role === "subject") return <SubjectNotice />;
  return (
    <CurrentUserContext.Provider value={user}>
      <Frame user={user} />
    </CurrentUserContext.Provider>
  );
}

function Frame({ user }: { user: User }) {
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const items = visibleNavItems(user.role);
  const selected = items.find(
    (item) => location.pathname === item.path || location.pathname.startsWith(`${item.path}/`),
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider
        className="no-print"
        width={200}
        collapsedWidth={56}
        collapsible
        collapsed={collapsed}
        trigger={null}
        theme="dark"
        data-qa="side-menu"
      >
        <div className="brand" title="一人一册 · 社区矫正工作平台">
          {collapsed ? "一册" : "一人一册"}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected.path] : []}
          items={items.map((item) => ({
            key: item.path,
            icon: item.icon,
            label: item.label,
            "data-qa": `nav-${item.path.slice(1)}`,
          }))}
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout>
        <Header className="app-header no-print">
          <Space size="middle">
            <Button
              type="text"
              aria-label={collapsed ? "展开菜单" : "收起菜单"}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
            />
            <Typography.Text strong style={{ fontSize: 16 }}>
              社区矫正工作平台
            </Typography.Text>
            {user.place.id === user.county.id ? null : (
              <Typography.Text type="secondary">{user.county.name}</Typography.Text>
            )}
          </Space>
          <Space size="middle">
            <Typography.Text strong data-qa="current-user">
              {user.displayName}
            </Typography.Text>
            <Tag color="blue" data-qa="current-role" data-role={user.role}>
              {user.roleLabel}
            </Tag>
            <Typography.Text type="secondary" data-qa="current-place">
              {user.place.name}
            </Typography.Text>
            <LogoutButton />
          </Space>
        </Header>
        <Content className="app-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

function LogoutButton({ type = "default" }: { type?: "default" | "primary" }) {
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  return (
    <Button
      type={type}
      icon={<LogoutOutlined />}
      data-qa="logout"
      loading={logout.isPending}
      onClick={() =>
        logout.mutate(undefined, {
          onSuccess: () => navigate("/login", { replace: true }),
          onError: (error) => {
            message.error(error.message);
            navigate("/login", { replace: true });
          },
        })
      }
    >
      退出登录
    </Button>
  );
}

function SubjectNotice() {
  return (
    <div data-qa="subject-notice" style={{ paddingTop: 64 }}>
      <Result
        status="info"
        title="本平台供社区矫正工作人员使用"
        subTitle="社区矫正对象请使用手机端进行报告、签到和请假。"
        extra={<LogoutButton type="primary" />}
      />
    </div>
  );
}
