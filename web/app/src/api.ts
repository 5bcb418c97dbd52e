// The app's client for the onebook server: the session cookie, the CSRF header on writes, the
// server's `{error:{code,message,field}}` turned into an ApiError with its Chinese message, and a
// failed network turned into an OfflineError (the caller queues or says "no network").
import { noteServerTime } from "./clock.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class OfflineError extends Error {
  constructor() {
    super("网络不通，请稍后再试");
  }
}

function csrfToken(): string {
  return decodeURIComponent(document.cookie.match(/(?:^|; )onebook_csrf=([^;]*)/)?.[1] ?? "");
}

export async function api<T>(method: "GET" | "POST", url: string, body?: unknown, image?: Blob): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== "GET") headers["x-csrf-token"] = csrfToken();
  if (image) headers["content-type"] = image.type;
  else if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: image ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch {
    throw new OfflineError();
  }
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as
    | (T & { error?: { message?: string; field?: string } })
    | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      data?.error?.message ?? `请求失败（${response.status}）`,
      data?.error?.field,
    );
  }
  return data as T;
}

export interface Me {
  subjectId: string;
  name: string;
  office: { id: string; name: string; phone: string | null };
}

/** Who is signed in (null: nobody), and the server's time for the app's clock. */
export async function fetchMe(): Promise<Me | null> {
  const answer = await api<{ me: Me | null; now: string }>("GET", "/api/app/me");
  noteServerTime(answer.now);
  return answer.me;
}
