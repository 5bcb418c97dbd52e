// The frame of every signed-in page: the side menu of capabilities, the header with who is signed in
// (name, role, place) and the log-out button. It also guards the pages: no session → /login; a subject
// (the person under correction) is sent to the phone app instead. On a phone the menu is a drawer
// opened from the header (the side menu would keep half the width), and the header keeps only the
// menu button, the title, who is signed in and an icon-only log-out button.
import { LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Drawer, Layout, Menu, Result, Space, Tag, Typography } from "antd";
import { Suspense, useState } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router-dom";
import type { User } from "../api.ts";
import { visibleNavItems } from "../nav.tsx";
import { useLogout, useSession } from "../session.ts";
import { usePhone } from "../theme.tsx";
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
  const isPhone = usePhone();
  const items = visibleNavItems(user.role);
  const selected = items.find(
    (item) => location.pathname === item.path || location.pathname.startsWith(`${item.path}/`),
  );
  if (isPhone) return <PhoneFrame user={user} selected={selected?.path} />;

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

/** The phone's frame: a header with the menu button, the menu in a drawer, the page below. */
function PhoneFrame({ user, selected }: { user: User; selected: string | undefined }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const items = visibleNavItems(user.role);
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Header className="app-header no-print">
        <Space size={4} style={{ minWidth: 0, flexWrap: "nowrap" }}>
          <Button
            type="text"
            aria-label="打开菜单"
            aria-expanded={open}
            data-qa="menu-open"
            icon={<MenuOutlined />}
            onClick={() => setOpen(true)}
          />
          <Typography.Text strong style={{ fontSize: 16, whiteSpace: "nowrap" }}>
            一人一册
          </Typography.Text>
        </Space>
        <Space size={4} align="center" style={{ minWidth: 0, flexWrap: "nowrap" }}>
          <Typography.Text strong data-qa="current-user" style={{ whiteSpace: "nowrap" }}>
            {user.displayName}
          </Typography.Text>
          <LogoutButton iconOnly />
        </Space>
      </Header>
      <Drawer
        placement="left"
        open={open}
        onClose={() => setOpen(false)}
        size={280}
        title={
          <Space direction="vertical" size={0}>
            <span>{user.displayName}</span>
            <Space size={4} wrap>
              <Tag color="blue" data-qa="current-role" data-role={user.role}>
                {user.roleLabel}
              </Tag>
              <Typography.Text type="secondary" data-qa="current-place">
                {user.place.name}
              </Typography.Text>
            </Space>
          </Space>
        }
        closable={{ "aria-label": "关闭菜单" }}
        styles={{ body: { padding: 0, background: "#0f2a4a" } }}
        data-qa="menu-drawer"
      >
        <nav aria-label="功能菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={items.map((item) => ({
              key: item.path,
              icon: item.icon,
              label: item.label,
              "data-qa": `nav-${item.path.slice(1)}`,
            }))}
            onClick={({ key }) => {
              setOpen(false);
              navigate(key);
            }}
          />
        </nav>
      </Drawer>
      <Content className="app-content">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Content>
    </Layout>
  );
}

function LogoutButton({
  type = "default",
  iconOnly = false,
}: {
  type?: "default" | "primary";
  iconOnly?: boolean;
}) {
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  return (
    <Button
      type={type}
      icon={<LogoutOutlined />}
      data-qa="logout"
      aria-label={iconOnly ? "退出登录" : undefined}
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
      {iconOnly ? null : "退出登录"}
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
