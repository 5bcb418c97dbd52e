// The phone app of the person under correction: sign-in (or activation with the office's code), then
// three tabs — 今日 (the day's reports and the 签到 button), 请假, 通知.
import { Badge, Button, TabBar } from "antd-mobile";
import { useCallback, useEffect, useState } from "react";
import { api, fetchMe, type Me, OfflineError } from "./api.ts";
import { LeaveTab } from "./LeaveTab.tsx";
import { NoticesTab } from "./NoticesTab.tsx";
import { SignIn } from "./SignIn.tsx";
import { TodayTab } from "./TodayTab.tsx";

/** The signed-in person, remembered so that the app opens (and queues check-ins) without network. */
const ME_KEY = "onebook.me";
const rememberedMe = (): Me | null => {
  try {
    return JSON.parse(localStorage.getItem(ME_KEY) ?? "null") as Me | null;
  } catch {
    return null;
  }
};

type Tab = "today" | "leave" | "notices";

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [tab, setTab] = useState<Tab>("today");
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    fetchMe()
      .then((who) => {
        setMe(who);
        if (!who) localStorage.removeItem(ME_KEY);
      })
      .catch((error) => setMe(error instanceof OfflineError ? rememberedMe() : null));
  }, []);

  const signedIn = useCallback((who: Me) => {
    localStorage.setItem(ME_KEY, JSON.stringify(who));
    setMe(who);
  }, []);

  const signOut = useCallback(async () => {
    await api("POST", "/api/app/logout").catch(() => undefined);
    localStorage.removeItem(ME_KEY);
    setMe(null);
  }, []);

  const sessionEnded = useCallback(() => setMe(null), []);

  if (me === undefined) return <div className="brand">一人一册 · 社区矫正</div>;
  if (me === null) return <SignIn onSignedIn={signedIn} />;

  return (
    <div>
      <div
        className="brand"
        style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}
      >
        <span>{me.name}</span>
        <Button size="small" fill="none" style={{ color: "#fff" }} onClick={signOut}>
          退出
        </Button>
      </div>
      <div className="page">
        {tab === "today" && <TodayTab me={me} onUnread={setUnread} onSignedOut={sessionEnded} />}
        {tab === "leave" && <LeaveTab />}
        {tab === "notices" && <NoticesTab onUnread={setUnread} />}
      </div>
      <div className="tabbar">
        <TabBar activeKey={tab} onChange={(key) => setTab(key as Tab)}>
          <TabBar.Item key="today" title="今日" icon={<span style={{ fontSize: 22 }}>☀</span>} />
          <TabBar.Item key="leave" title="请假" icon={<span style={{ fontSize: 22 }}>✈</span>} />
          <TabBar.Item
            key="notices"
            title="通知"
            icon={
              <Badge content={unread > 0 ? String(unread) : null}>
                <span style={{ fontSize: 22 }}>✉</span>
              </Badge>
            }
          />
        </TabBar>
      </div>
    </div>
  );
}
