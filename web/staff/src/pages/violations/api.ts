// The console's calls for violation cases (违规处置). Shapes follow src/features/violations/view.ts.
import type { CaseFile } from "../../../../../src/features/violations/view.ts";
import { request } from "../../api.ts";

export type { CaseFile };

export interface CourtClockView {
  id: string;
  label: string;
  startedAt: string;
  dueBy: string;
  doneAt: string | null;
  status: "met" | "late" | "overdue" | "open";
  statusLabel: string;
  basis: string;
  basisText: string;
}

export interface CaseListItem {
  id: string;
  subject: { id: string; name: string };
  office: { id: string; name: string };
  kind: string;
  kindLabel: string;
  occurredAt: string;
  stage: string;
  stageLabel: string;
  measure: string | null;
  measureLabel: string | null;
  corrected: boolean | null;
  clocks: CourtClockView[];
}

export interface Investigator {
  id: string;
  name: string;
  role: string;
  roleLabel: string;
}

export interface OpenCaseBody {
  subjectId: string;
  source: "finding" | "alert" | "report";
  alertId?: number;
  kind: string;
  severity?: "minor" | "serious";
  days?: number;
  occurredAt: string;
  facts: string;
  investigators: string[];
}

const base = (caseId: string) => `/api/violations/${encodeURIComponent(caseId)}`;

export const violationsApi = {
  list: (query: { stage: string; subjectId?: string }) =>
    request<{ items: CaseListItem[] }>(
      "GET",
      `/api/violations?stage=${encodeURIComponent(query.stage)}${query.subjectId ? `&subjectId=${encodeURIComponent(query.subjectId)}` : ""}`,
    ),
  get: (caseId: string) => request<CaseFile>("GET", base(caseId)),
  investigators: (subjectId: string) =>
    request<{ items: Investigator[] }>(
      "GET",
      `/api/violations/investigators?subjectId=${encodeURIComponent(subjectId)}`,
    ),
  open: (body: OpenCaseBody) => request<{ id: string }>("POST", "/api/violations", body),
  interview: (
    caseId: string,
    body: {
      interviewee: string;
      at: string;
      place: string;
      askedBy: string;
      recordedBy: string;
      content: string;
    },
  ) => request<{ id: number }>("POST", `${base(caseId)}/interviews`, body),
  evidence: (
    caseId: string,
    body: { description: string; fileName: string; contentBase64: string; contentType?: string },
  ) => request<{ id: string }>("POST", `${base(caseId)}/evidence`, body),
  propose: (caseId: string, body: { measure: string; reason?: string }) =>
    request<{ ok: true }>("POST", `${base(caseId)}/proposal`, body),
  sign: (caseId: string) => request<{ ok: true }>("POST", `${base(caseId)}/sign`),
  review: (caseId: string, body: { decision: "approve" | "return"; reasons?: string }) =>
    request<{ ok: true }>("POST", `${base(caseId)}/review`, body),
  corrected: (caseId: string, body: { corrected: boolean; note: string }) =>
    request<{ ok: true }>("POST", `${base(caseId)}/corrected`, body),
  court: (
    caseId: string,
    body: {
      requestedAt: string;
      arrestRequested: boolean;
      arrestDecidedAt?: string | null;
      detainedAt?: string | null;
      ruledAt?: string | null;
    },
  ) => request<{ ok: true }>("POST", `${base(caseId)}/court`, body),
  resists: (subjectId: string, body: { resists: boolean; reason: string }) =>
    request<{ ok: true }>("POST", `/api/subjects/${encodeURIComponent(subjectId)}/resists-supervision`, body),
  caseReview: (caseId: string, body: { reviewId: string; text: string }) =>
    request<{ ok: true }>("POST", `${base(caseId)}/case-review`, body),
  documentUrl: (caseId: string, document: "decision" | "notice" | "case_review") =>
    `${base(caseId)}/documents/${document}`,
  evidenceUrl: (caseId: string, evidenceId: string) =>
    `${base(caseId)}/evidence/${encodeURIComponent(evidenceId)}`,
};
