// The staff console's client for the onebook server. Every call goes through `request`, which sends the
// session cookie, the CSRF header on writes, and turns the server's `{error:{code,message,field}}` into
// an ApiError whose message is the server's Chinese text, ready to show.
import type {
  CorrectionType,
  Gender,
  Level,
  PlaceKind,
  RiskLevel,
  Role,
  SubjectStatus,
} from "../../../src/db/schema.ts";
import { noteServerTime } from "./server-time.ts";

export type { CorrectionType, Gender, Level, PlaceKind, RiskLevel, Role, SubjectStatus };

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  place: { id: string; name: string; kind: PlaceKind };
  county: { id: string; name: string };
}

export interface Places {
  county: { id: string; name: string };
  offices: { id: string; name: string; villages: { id: string; name: string }[] }[];
}

export interface SubjectListItem {
  id: string;
  name: string;
  nameMasked: boolean;
  gender: Gender;
  genderLabel: string;
  age: number | null;
  idNumberMasked: string;
  correctionType: CorrectionType;
  correctionTypeLabel: string;
  level: Level;
  levelLabel: string;
  /** "拟定…，待司法所决定" while registration's proposal awaits the office head; else null. */
  levelPending?: string | null;
  status: SubjectStatus;
  statusLabel: string;
  isMinor: boolean;
  office: { id: string; name: string };
  village: { id: string; name: string } | null;
  termStart: string;
  termEnd: string;
  intakeDate: string | null;
  bookNumber: string | null;
  crimeText: string | null;
}

export interface LevelHistoryEntry {
  fromDate: string;
  level: Level;
  levelLabel: string;
  reason: string | null;
}

export interface RecentEvent {
  id: number | string;
  type: string;
  typeLabel: string;
  at: string;
  kind: string | null;
  kindLabel: string | null;
  summary: string | null;
}

export interface SubjectDetail extends SubjectListItem {
  ethnicity: string | null;
  birthDate: string | null;
  phone: string | null;
  address: string | null;
  education: string | null;
  occupation: string | null;
  crimeCategories: { code: string; label: string }[];
  decidingOrgan: string | null;
  judgmentNumber: string | null;
  judgmentEffectiveDate: string | null;
  sentenceText: string | null;
  releaseDate: string | null;
  riskLevel: RiskLevel | null;
  riskLevelLabel: string | null;
  priorConvictions: number | null;
  priorBadRecords: number | null;
  stableResidence: boolean | null;
  stableIncome: boolean | null;
  emotionalInstability: boolean | null;
  familyIncomplete: boolean | null;
  rebellious: boolean | null;
  resistsSupervision: boolean | null;
  responsible: { id: string; displayName: string } | null;
  levelHistory: LevelHistoryEntry[];
  recentEvents: RecentEvent[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditEntry {
  id: number | string;
  at: string;
  actorName: string | null;
  actorRole: Role | null;
  actorRoleLabel: string | null;
  action: string;
  /** Not in the first API draft; shown when the server sends it. */
  actionLabel?: string;
  recordType: string | null;
  recordId: string | null;
  subjectId: string | null;
  ip: string | null;
  details: unknown;
}

export interface SubjectQuery {
  q?: string;
  officeId?: string;
  correctionType?: string;
  level?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

/** An answer from the server that was not a success. `message` is the server's Chinese text. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** Whether a 400 answer is about the named form field . */
export function isFieldError(error: unknown, field: string): error is ApiError {
  return isApiError(error, 400) && error.field === field;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

const CSRF_COOKIE = "onebook_csrf";

/** Read at request time: the server issues a new token at log-in. */
function csrfToken(): string {
  for (const part of document.cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === CSRF_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return "";
}

const fallbackMessages: Record<number, string> = {
  400: "请求有误，请检查填写的内容",
  401: "登录已失效，请重新登录",
  403: "您的角色无权进行此操作",
  404: "未找到该记录",
  409: "记录已被他人修改，请刷新后重试",
  429: "操作过于频繁，请稍后再试",
};

export async function request<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
) {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = csrfToken();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "无法连接服务器，请检查网络后重试");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    const error = (payload as { error?: { code?: unknown; message?: unknown; field?: unknown } } | undefined)
      ?.error;
    const message =
      typeof error?.message === "string" && error.message
        ? error.message
        : (fallbackMessages[response.status] ?? `服务器出错（状态码 ${response.status}），请稍后再试`);
    const field = typeof error?.field === "string" && error.field ? error.field : undefined;
    throw new ApiError(
      response.status,
      typeof error?.code === "string" ? error.code : "http_error",
      message,
      field,
    );
  }
  return payload as T;
}

export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : "";
}

export const api = {
  session: async () => {
    const answer = await request<{ user: User | null; now: string }>("GET", "/api/auth/session");
    noteServerTime(answer.now);
    return answer;
  },
  login: (username: string, password: string) =>
    request<{ user: User }>("POST", "/api/auth/login", { username, password }),
  logout: () => request<void>("POST", "/api/auth/logout"),
  places: () => request<Places>("GET", "/api/places"),
  subjects: (query: SubjectQuery) =>
    request<Paged<SubjectListItem>>("GET", `/api/subjects${queryString({ ...query })}`),
  subject: (id: string) => request<SubjectDetail>("GET", `/api/subjects/${encodeURIComponent(id)}`),
  unmaskSubject: (id: string, purpose: string) =>
    request<{ name: string; idNumber: string; birthDate: string }>(
      "POST",
      `/api/subjects/${encodeURIComponent(id)}/unmask`,
      {
        purpose,
      },
    ),
  audit: (page: number, pageSize: number) =>
    request<{ items: AuditEntry[]; total: number }>("GET", `/api/audit${queryString({ page, pageSize })}`),
};
