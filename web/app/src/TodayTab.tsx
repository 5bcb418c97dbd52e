// 今日: what the rules ask of the person today (location reports, the next in-person and phone report,
// leave in force), the 签到 button (position with its accuracy, and an optional selfie), and the
// check-ins kept on this phone with their state: 待发送 until the server acknowledges, then 已发送.
import { Button, Card, List, Tag } from "antd-mobile";
import { type CSSProperties, useCallback, useEffect, useRef, useState } from "react";
import { checkInStateLabel, dueStatusLabel, obligationKindLabel } from "../../../src/glossary.ts";
import { ApiError, api, type Me, OfflineError } from "./api.ts";
import { nowCst, shortDate, shortTime } from "./clock.ts";
import { FileButton } from "./FileButton.tsx";
import { type CheckIn, enqueue, flush, listCheckIns } from "./queue.ts";

interface Day {
  date: string;
  locationReports: { required: number; done: number; status: string; dueBy: string } | null;
  checkInsToday: number;
  nextReports: { kind: string; periodEnd: string; required: number; done: number; status: string }[];
  leave: { id: string; from: string; to: string | null; destinationName: string } | null;
  problem: string | null;
  unreadNotices: number;
}

/** The browser's position, with its accuracy in metres. */
function position(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) reject(new Error("本机不支持定位"));
    else
      navigator.geolocation.getCurrentPosition(resolve, reject, {
        enableHighAccuracy: true,
        timeout: 20_000,
        maximumAge: 0,
      });
  });
}

/** A camera photo as a JPEG of at most 1280 px (the server takes JPEG or PNG up to 5 MB). */
async function asJpeg(file: File): Promise<Blob | undefined> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1280 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve) => canvas.toBlob((b) => resolve(b ?? undefined), "image/jpeg", 0.85));
  } catch {
    return undefined;
  }
}

const stateColor = { queued: "warning", sent: "success", rejected: "danger" } as const;

export function TodayTab(props: { me: Me; onUnread: (n: number) => void; onSignedOut: () => void }) {
  const { me, onUnread, onSignedOut } = props;
  const [day, setDay] = useState<Day | null>(null);
  const [offline, setOffline] = useState(false);
  const [checkIns, setCheckIns] = useState<CheckIn[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const photoInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      const today = await api<Day>("GET", "/api/app/today");
      setDay(today);
      setOffline(false);
      onUnread(today.unreadNotices);
    } catch (error) {
      if (error instanceof OfflineError) setOffline(true);
      else if (error instanceof ApiError && error.status === 401) onSignedOut();
    }
  }, [onUnread, onSignedOut]);

  const send = useCallback(async () => {
    try {
      const sent = await flush(me.subjectId, nowCst);
      if (sent > 0) await load();
    } catch (error) {
      if (error instanceof OfflineError) setOffline(true);
    }
    setCheckIns(await listCheckIns(me.subjectId));
  }, [me.subjectId, load]);

  useEffect(() => {
    load().then(send);
    const online = () => {
      setOffline(false);
      send();
    };
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [load, send]);

  const checkIn = async () => {
    setBusy(true);
    setMessage(null);
    try {
      let where: GeolocationPosition;
      try {
        where = await position();
      } catch {
        setMessage("无法获取位置：请打开手机定位并允许本应用使用位置");
        return;
      }
      await enqueue({
        subjectId: me.subjectId,
        at: nowCst(),
        lon: where.coords.longitude,
        lat: where.coords.latitude,
        accuracyM: Math.round(where.coords.accuracy),
        ...(photo ? { photo: await asJpeg(photo) } : {}),
      });
      setPhoto(null);
      if (photoInput.current) photoInput.current.value = "";
      await send();
      setMessage(navigator.onLine ? "签到已提交" : "没有网络：签到已保存在手机上，联网后自动发送");
    } finally {
      setBusy(false);
    }
  };

  const queued = checkIns.filter((c) => c.state === "queued").length;
  // A phone does not always tell the page that the network is back: while something waits, try again
  // every 20 seconds too.
  useEffect(() => {
    if (queued === 0) return;
    const timer = window.setInterval(send, 20_000);
    return () => window.clearInterval(timer);
  }, [queued, send]);

  return (
    <div>
      {offline && (
        <Card style={{ marginBottom: 12, background: "#fff7e6" }}>
          <span data-qa="app-offline">当前没有网络。签到会先保存在手机上，联网后自动发送。</span>
        </Card>
      )}
      <Card title={day ? `今天 ${shortDate(day.date)}` : "今天"}>
        {day?.problem && <p className="error-text">今日事项暂时无法计算，请联系司法所。</p>}
        {day?.locationReports ? (
          <p data-qa="app-location-reports">
            今日须报告位置 {day.locationReports.required} 次，已报告 {day.locationReports.done} 次（
            {dueStatusLabel[day.locationReports.status] ?? day.locationReports.status}）
          </p>
        ) : (
          day && <p className="muted">今日无须报告位置。</p>
        )}
        {day && <p data-qa="app-checkins-today">今日已签到 {day.checkInsToday} 次</p>}
        {day?.nextReports.map((r) => (
          <p key={r.kind}>
            {obligationKindLabel[r.kind] ?? r.kind}：{shortDate(r.periodEnd)}前 {r.required} 次，已完成{" "}
            {r.done} 次（{dueStatusLabel[r.status] ?? r.status}）
          </p>
        ))}
        {day?.leave && (
          <p>
            请假外出中：{day.leave.destinationName}，{shortDate(day.leave.from)}至
            {day.leave.to ? shortDate(day.leave.to) : ""}
          </p>
        )}
      </Card>

      <div style={{ margin: "20px 0" }}>
        <Button
          block
          color="primary"
          loading={busy}
          onClick={checkIn}
          data-qa="app-checkin"
          style={{ height: 120, fontSize: 30, "--border-radius": "60px" } as CSSProperties}
        >
          签到
        </Button>
        <FileButton
          id="selfie"
          inputRef={photoInput}
          label="附自拍照（可选）"
          accept="image/*"
          capture="user"
          chosen={photo ? "已拍照" : null}
          onFiles={(files) => setPhoto(files[0] ?? null)}
        />
        {message && (
          <p role="status" style={{ marginTop: 10 }} data-qa="app-message">
            {message}
          </p>
        )}
      </div>

      <Card
        title="本机签到记录"
        extra={
          queued > 0 ? (
            <Button size="small" color="primary" fill="outline" onClick={send} data-qa="app-retry">
              重新发送（{queued}）
            </Button>
          ) : null
        }
      >
        {checkIns.length === 0 ? (
          <p className="muted">还没有签到记录</p>
        ) : (
          <List>
            {checkIns.slice(0, 20).map((c) => (
              <List.Item
                key={c.key}
                description={c.state === "rejected" ? c.error : `精度约 ${c.accuracyM ?? "—"} 米`}
                extra={
                  <span data-qa="app-checkin-state" data-state={c.state}>
                    <Tag color={stateColor[c.state]}>{checkInStateLabel[c.state]}</Tag>
                  </span>
                }
              >
                {shortTime(c.at)}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
    </div>
  );
}
