// 通知: the office's notices, newest first; opening one marks it read (the office sees when).
import { Card, Tag } from "antd-mobile";
import { useCallback, useEffect, useState } from "react";
import { ApiError, api } from "./api.ts";
import { shortTime } from "./clock.ts";

interface Notice {
  id: string;
  title: string;
  body: string;
  sentAt: string;
  readAt: string | null;
}

export function NoticesTab({ onUnread }: { onUnread: (n: number) => void }) {
  const [items, setItems] = useState<Notice[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const answer = await api<{ items: Notice[] }>("GET", "/api/app/notices");
      setItems(answer.items);
      onUnread(answer.items.filter((n) => !n.readAt).length);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [onUnread]);

  useEffect(() => {
    load();
  }, [load]);

  const show = async (notice: Notice) => {
    setOpen(open === notice.id ? null : notice.id);
    if (notice.readAt) return;
    try {
      await api("POST", `/api/app/notices/${notice.id}/read`);
      await load();
    } catch (e) {
      if (!(e instanceof ApiError)) return; // offline: marked read next time
    }
  };

  if (error) return <p className="error-text">{error}</p>;
  if (!items) return <p className="muted">正在读取……</p>;
  if (items.length === 0) return <p className="muted">暂无通知</p>;
  return (
    <div>
      {items.map((n) => (
        <Card
          key={n.id}
          data-qa="app-notice"
          style={{ marginBottom: 10 }}
          title={n.title}
          extra={n.readAt ? <Tag>已读</Tag> : <Tag color="danger">未读</Tag>}
          onClick={() => show(n)}
        >
          <div className="muted">{shortTime(n.sentAt)}</div>
          {open === n.id ? (
            <p style={{ whiteSpace: "pre-wrap" }}>{n.body}</p>
          ) : (
            <p className="muted">点击查看</p>
          )}
        </Card>
      ))}
    </div>
  );
}
