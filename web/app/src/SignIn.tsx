// Sign-in with the ID number and password, or — the first time, or after the office reset it —
// activation with the one-time code the office gave and a new password.
import { Button, Card, Segmented } from "antd-mobile";
import { type FormEvent, useState } from "react";
import { ApiError, api, type Me } from "./api.ts";

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [mode, setMode] = useState<"login" | "activate">("login");
  const [idNumber, setIdNumber] = useState("");
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (mode === "activate" && password !== confirm) {
      setError("两次输入的密码不一致");
      return;
    }
    setBusy(true);
    try {
      const answer =
        mode === "login"
          ? await api<{ me: Me }>("POST", "/api/app/login", { idNumber, password })
          : await api<{ me: Me }>("POST", "/api/app/activate", { idNumber, code, password });
      onSignedIn(answer.me);
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : "登录失败");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="brand">一人一册 · 社区矫正</div>
      <div className="page">
        <Segmented
          block
          value={mode}
          onChange={(value) => {
            setMode(value as "login" | "activate");
            setError(null);
          }}
          options={[
            { label: "登录", value: "login" },
            { label: "首次使用（激活）", value: "activate" },
          ]}
        />
        <Card style={{ marginTop: 12 }}>
          <form onSubmit={submit}>
            <label className="field-label" htmlFor="idNumber">
              身份证号
            </label>
            <input
              id="idNumber"
              data-qa="app-idNumber"
              className="native-input"
              autoComplete="username"
              inputMode="text"
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
            />
            {mode === "activate" && (
              <>
                <label className="field-label" htmlFor="code">
                  激活码（司法所给您的 8 位数字）
                </label>
                <input
                  id="code"
                  data-qa="app-code"
                  className="native-input"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              </>
            )}
            <label className="field-label" htmlFor="password">
              {mode === "login" ? "密码" : "设置密码（至少 8 位，含字母和数字）"}
            </label>
            <input
              id="password"
              data-qa="app-password"
              type="password"
              className="native-input"
              autoComplete={mode === "login" ? "current-password" : "new-password"}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            {mode === "activate" && (
              <>
                <label className="field-label" htmlFor="confirm">
                  再次输入密码
                </label>
                <input
                  id="confirm"
                  data-qa="app-confirm"
                  type="password"
                  className="native-input"
                  autoComplete="new-password"
                  value={confirm}
                  onChange={(e) => setConfirm(e.target.value)}
                />
              </>
            )}
            {error && (
              <p className="error-text" role="alert" data-qa="app-error">
                {error}
              </p>
            )}
            <Button
              block
              color="primary"
              size="large"
              type="submit"
              loading={busy}
              style={{ marginTop: 18 }}
              data-qa="app-submit"
            >
              {mode === "login" ? "登录" : "激活并登录"}
            </Button>
          </form>
        </Card>
        <p className="muted" style={{ marginTop: 16 }}>
          第一次使用请先“激活”：用司法所给您的激活码设置密码。忘记密码请联系司法所重新生成激活码。
        </p>
      </div>
    </div>
  );
}
