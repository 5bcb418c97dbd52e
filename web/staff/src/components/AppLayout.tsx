// The frame of every signed-in page: the side menu of capabilities, the header with who is signed in
// (name, role, place) and the log-out button. It also guards the pages: no session → /login; a subject
// (the person under correction) is sent to the phone app instead. On a phone the menu is a drawer
// opened from the header (the side menu would keep half the width), and the header keeps only the
// menu button, the title, who is signed in and an icon-only log-out button.
import { LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Drawer, Layout, Menu, Result, Space, Tag, Typography } from "antd";
import { Suspense, useEffect, useState } from "react";
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

// One tree for both widths: only the chrome around the page switches (side menu and full header on a
// desk; a header with the menu button and the menu in a drawer on a phone), while the page (<Outlet/>)
// keeps its place. Two separate frames re-mounted the page whenever the window crossed the md
// breakpoint (a tablet rotating, a full-page screenshot resizing the page) and an open form lost what
// was typed into it.
function Frame({ user }: { user: User }) {
  const [collapsed, setCollapsed] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const isPhone = usePhone();
  // A menu drawer left open while the window widens would open again by itself when it narrows.
  useEffect(() => {
    if (!isPhone) setMenuOpen(false);
  }, [isPhone]);
  const items = visibleNavItems(user.role);
  const selected = items.find(
    (item) => location.pathname === item.path || location.pathname.startsWith(`${item.path}/`),
  );
  const menu = (onChosen?: () => void) => (
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
      onClick={({ key }) => {
        onChosen?.();
        navigate(key);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {isPhone ? null : (
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
          {menu()}
        </Sider>
      )}
      <Layout>
        <Header className="app-header no-print">
          {isPhone ? (
            <PhoneHeader user={user} menuOpen={menuOpen} onOpenMenu={() => setMenuOpen(true)} />
          ) : (
            <DeskHeader user={user} collapsed={collapsed} onToggle={() => setCollapsed(!collapsed)} />
          )}
        </Header>
        {isPhone ? (
          <Drawer
            placement="left"
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            size={280}
            title={<DrawerTitle user={user} />}
            closable={{ "aria-label": "关闭菜单" }}
            styles={{ body: { padding: 0, background: "#0f2a4a" } }}
            data-qa="menu-drawer"
          >
            <nav aria-label="功能菜单">{menu(() => setMenuOpen(false))}</nav>
          </Drawer>
        ) : null}
        <Content className="app-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

/** The desk's header: the menu's fold button, the title, who is signed in (name, role, place), log-out. */
function DeskHeader({ user, collapsed, onToggle }: { user: User; collapsed: boolean; onToggle: () => void }) {
  return (
    <>
      <Space size="middle">
        <Button
          type="text"
          aria-label={collapsed ? "展开菜单" : "收起菜单"}
          icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
          onClick={onToggle}
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
        <RoleAndPlace user={user} />
        <LogoutButton />
      </Space>
    </>
  );
}

/** The phone's header: the menu button, the title, who is signed in and an icon-only log-out. */
function PhoneHeader({
  user,
  menuOpen,
  onOpenMenu,
}: {
  user: User;
  menuOpen: boolean;
  onOpenMenu: () => void;
}) {
  return (
    <>
      <Space size={4} style={{ minWidth: 0, flexWrap: "nowrap" }}>
        <Button
          type="text"
          aria-label="打开菜单"
          aria-expanded={menuOpen}
          data-qa="menu-open"
          icon={<MenuOutlined />}
          onClick={onOpenMenu}
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
    </>
  );
}

/** The phone menu drawer's title: who is signed in, with role and place (the desk shows them in the header). */
function DrawerTitle({ user }: { user: User }) {
  return (
    <Space direction="vertical" size={0}>
      <span>{user.displayName}</span>
      <Space size={4} wrap>
        <RoleAndPlace user={user} />
      </Space>
    </Space>
  );
}

/** The signed-in user's role and place (the desk header, the phone menu drawer's title). */
function RoleAndPlace({ user }: { user: User }) {
  return (
    <>
      <Tag color="blue" data-qa="current-role" data-role={user.role}>
        {user.roleLabel}
      </Tag>
      <Typography.Text type="secondary" data-qa="current-place">
        {user.place.name}
      </Typography.Text>
    </>
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
