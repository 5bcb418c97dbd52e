// The pages shown instead of content: no right to see it (403), not found (404), other failures.
// antd's 403/404 illustrations carry English SVG titles ("Unauthorized", "No Found"), shown as
// tooltips and read aloud by screen readers, so these pages use plain icons instead.
import { FileSearchOutlined, LockOutlined } from "@ant-design/icons";
import { Button, Result, Spin } from "antd";
import { Link } from "react-router-dom";
import { isApiError } from "../api.ts";

/** The server's general refusal says nothing the page does not already say. */
const GENERIC_FORBIDDEN = /^您的角色无权/;

export function Forbidden({ message }: { message?: string }) {
  return (
    <div data-qa="forbidden">
      <Result
        status="warning"
        icon={<LockOutlined />}
        title="无权访问"
        subTitle={
          <>
            <div>您的角色无权查看此页面</div>
            {message && !GENERIC_FORBIDDEN.test(message) ? <div>{message}</div> : null}
          </>
        }
        extra={
          <Link to="/">
            <Button type="primary">返回首页</Button>
          </Link>
        }
      />
    </div>
  );
}

export function NotFound({ message }: { message?: string }) {
  return (
    <div data-qa="not-found">
      <Result
        status="info"
        icon={<FileSearchOutlined />}
        title="未找到"
        subTitle={message ?? "您要查看的页面或记录不存在，可能已被删除或链接有误"}
        extra={
          <Link to="/">
            <Button type="primary">返回首页</Button>
          </Link>
        }
      />
    </div>
  );
}

/** One place that decides how a failed API call looks: 403 → 无权访问, 404 → 未找到, otherwise the message. */
export function ApiErrorView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (isApiError(error, 403)) return <Forbidden message={error.message} />;
  if (isApiError(error, 404)) return <NotFound message={error.message} />;
  const message = error instanceof Error ? error.message : "未知错误";
  return (
    <div data-qa="load-error">
      <Result
        status="error"
        title="加载失败"
        subTitle={message}
        extra={
          onRetry ? (
            <Button type="primary" onClick={onRetry}>
              重试
            </Button>
          ) : null
        }
      />
    </div>
  );
}

export function PageLoading() {
  return (
    <div data-qa="loading" style={{ padding: 48, textAlign: "center" }}>
      <Spin size="large" />
    </div>
  );
}
