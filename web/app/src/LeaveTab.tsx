// 请假: the person's applications and their status, a new application (dates, destination from the
// division pickers, reason, proof files) filed through the leave feature, and 销假 once back.
import { Button, Card, Tag } from "antd-mobile";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { leaveStatusLabel } from "../../../src/glossary.ts";
import { api } from "./api.ts";
import { nowCst, shortDate } from "./clock.ts";
import { FileButton } from "./FileButton.tsx";

interface Leave {
  id: string;
  from: string;
  to: string | null;
  destinationName: string;
  reason: string;
  status: string;
  comment: string | null;
  canReportBack: boolean;
}
interface Division {
  code: string;
  name: string;
  leaf: boolean;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Province → city → county, each loaded when the one above is chosen. */
function DivisionPicker({ onCounty }: { onCounty: (code: string) => void }) {
  const [levels, setLevels] = useState<Division[][]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  useEffect(() => {
    api<{ items: Division[] }>("GET", "/api/app/divisions").then((a) => setLevels([a.items]));
  }, []);
  const choose = async (level: number, code: string) => {
    const next = [...chosen.slice(0, level), code];
    setChosen(next);
    const item = levels[level]?.find((d) => d.code === code);
    if (!item) return;
    if (item.leaf) {
      setLevels(levels.slice(0, level + 1));
      onCounty(code);
      return;
    }
    onCounty("");
    const below = await api<{ items: Division[] }>("GET", `/api/app/divisions?parent=${code}`);
    setLevels([...levels.slice(0, level + 1), below.items]);
  };
  const names = ["省（自治区、直辖市）", "市", "县（市、区）"];
  return (
    <>
      {levels.map((items, level) => (
        <select
          // biome-ignore lint/suspicious/noArrayIndexKey: the levels are positions (province, city, county)
          key={level}
          aria-label={names[level] ?? "区划"}
          className="native-input"
          style={{ marginBottom: 8 }}
          value={chosen[level] ?? ""}
          onChange={(e) => choose(level, e.target.value)}
        >
          <option value="">请选择{names[level] ?? ""}</option>
          {items.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      ))}
    </>
  );
}

function NewLeave({ onFiled }: { onFiled: (note: string) => void }) {
  const today = nowCst().slice(0, 10);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [county, setCounty] = useState("");
  const [address, setAddress] = useState("");
  const [reason, setReason] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!county) {
      setError("请选择目的地所在的县（市、区）");
      return;
    }
    setBusy(true);
    try {
      const proofs = await Promise.all(
        files.map(async (f) => ({
          fileName: f.name,
          contentType: f.type,
          contentBase64: await readBase64(f),
        })),
      );
      const answer = await api<{
        advice: { approver: { label: string }; warnings: { label: string }[]; refusals: { label: string }[] };
      }>("POST", "/api/app/leaves", {
        from,
        to,
        destinationCounty: county,
        destinationAddress: address || null,
        reason,
        proofs,
      });
      const notes = [...answer.advice.refusals, ...answer.advice.warnings].map((x) => x.label);
      onFiled(
        `申请已提交，由${answer.advice.approver.label}审批。${notes.length ? `请注意：${notes.join("；")}` : ""}`,
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="新的请假申请" style={{ marginBottom: 12 }}>
      <form onSubmit={submit}>
        <label className="field-label" htmlFor="leave-from">
          开始日期
        </label>
        <input
          id="leave-from"
          type="date"
          className="native-input"
          value={from}
          min={today}
          onChange={(e) => setFrom(e.target.value)}
        />
        <label className="field-label" htmlFor="leave-to">
          结束日期
        </label>
        <input
          id="leave-to"
          type="date"
          className="native-input"
          value={to}
          min={from}
          onChange={(e) => setTo(e.target.value)}
        />
        <span className="field-label">目的地</span>
        <DivisionPicker onCounty={setCounty} />
        <input
          aria-label="详细地址"
          placeholder="详细地址（可选）"
          className="native-input"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
        <label className="field-label" htmlFor="leave-reason">
          事由
        </label>
        <textarea
          id="leave-reason"
          className="native-input"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <FileButton
          id="leave-proofs"
          label="证明材料（PDF、照片，可选）"
          accept="application/pdf,image/jpeg,image/png"
          multiple
          chosen={files.length ? `已选择 ${files.length} 个文件` : null}
          onFiles={setFiles}
        />
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <Button block color="primary" size="large" type="submit" loading={busy} style={{ marginTop: 16 }}>
          提交申请
        </Button>
      </form>
    </Card>
  );
}

export function LeaveTab() {
  const [items, setItems] = useState<Leave[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await api<{ items: Leave[] }>("GET", "/api/app/leaves")).items);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const reportBack = async (id: string) => {
    setError(null);
    try {
      await api("POST", `/api/app/leaves/${id}/return`, {});
      setNote("已销假");
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div>
      {note && <Card style={{ marginBottom: 12, background: "#f0fdf4" }}>{note}</Card>}
      {error && <p className="error-text">{error}</p>}
      {adding ? (
        <NewLeave
          onFiled={(text) => {
            setAdding(false);
            setNote(text);
            load();
          }}
        />
      ) : (
        <Button
          block
          size="large"
          color="primary"
          fill="outline"
          style={{ marginBottom: 12 }}
          onClick={() => setAdding(true)}
        >
          新的请假申请
        </Button>
      )}
      {items?.length === 0 && <p className="muted">还没有请假申请</p>}
      {items?.map((a) => (
        <Card
          key={a.id}
          data-qa="app-leave"
          style={{ marginBottom: 10 }}
          title={`${shortDate(a.from)}${a.to ? ` 至 ${shortDate(a.to)}` : ""}`}
          extra={
            <Tag color={a.status === "approved" ? "success" : "default"}>
              {leaveStatusLabel[a.status] ?? a.status}
            </Tag>
          }
        >
          <div>去往：{a.destinationName}</div>
          <div className="muted">事由：{a.reason}</div>
          {a.comment && <div className="muted">审批意见：{a.comment}</div>}
          {a.canReportBack && (
            <Button
              block
              color="success"
              size="large"
              style={{ marginTop: 10 }}
              onClick={() => reportBack(a.id)}
            >
              我已返回，销假
            </Button>
          )}
        </Card>
      ))}
    </div>
  );
}
