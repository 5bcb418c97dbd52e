// The console's calls of leave and movement (请销假): applications, the engine's advice, decisions,
// 销假, proof files, the destination pickers.
import { queryString, request } from "../../api.ts";

export interface Labelled {
  id: string;
  label: string;
  basis: string;
}

export interface Advice {
  days: number | null;
  approver: { by: string; label: string; basis: string };
  refusals: (Labelled & { ids?: string[] })[];
  warnings: Labelled[];
  checksWhileAway: (Labelled & { by: string; perDay: number; from: string; to: string })[];
  returnDue: { date: string; dueBy: string; status: string; label: string; basis: string } | null;
  overdue: boolean;
}

export interface LeaveItem {
  id: string;
  subject: { id: string; name: string; level: string };
  officeId: string;
  kind: string;
  kindLabel: string;
  from: string;
  to: string | null;
  days: number | null;
  destinationCounty: string;
  destinationName: string;
  destinationAddress: string | null;
  reason: string;
  status: string;
  statusLabel: string;
  approver: string;
  approverLabel: string;
  appliedAt: string;
  approvedAt: string | null;
  returnedAt: string | null;
  returnMethod: string | null;
  returnNote: string | null;
  away: boolean;
  overdue: boolean;
}

export interface LeaveRevision {
  version: number;
  from: string;
  to: string | null;
  destinationName: string;
  destinationAddress: string | null;
  reason: string;
  approverLabel: string;
  replacedAt: string;
  replacedBy: string;
}

export interface LeaveDetail extends LeaveItem {
  version: number;
  revisions: LeaveRevision[];
  advice: Advice;
  proofs: {
    id: string;
    fileName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    uploadedAt: string;
  }[];
  decisions: {
    decision: string;
    decisionLabel: string;
    comment: string;
    overrideReason: string | null;
    decidedBy: string;
    decidedRole: string;
    decidedAt: string;
  }[];
  can: { decide: boolean; close: boolean; addProof: boolean; resubmit: boolean; edit: boolean };
}

export interface Division {
  code: string;
  name: string;
  leaf: boolean;
}

export interface Proof {
  fileName: string;
  contentType?: string;
  contentBase64: string;
}

export interface LeaveForm {
  subjectId: string;
  kind: string;
  from: string;
  to: string | null;
  destinationCounty: string;
  destinationAddress?: string | null;
  reason: string;
}

export interface CalendarLeave {
  id: string;
  subject: { id: string; name: string; level: string };
  officeId: string;
  officeName: string;
  from: string;
  to: string;
  destinationName: string;
  returnedAt: string | null;
  state: "planned" | "away" | "back" | "overdue";
  stateLabel: string;
  days: Record<string, "planned" | "away" | "back" | "overdue">;
}

export interface LeaveRevisionForm {
  version: number;
  from: string;
  to: string | null;
  destinationCounty: string;
  destinationAddress?: string | null;
  reason: string;
  proofs: Proof[];
  resubmit: boolean;
}

const path = (id: string) => `/api/leave/${encodeURIComponent(id)}`;

export const leaveApi = {
  list: (status: string, subjectId?: string) =>
    request<{ items: LeaveItem[]; today: string }>("GET", `/api/leave${queryString({ status, subjectId })}`),
  get: (id: string) => request<LeaveDetail>("GET", path(id)),
  advice: (form: LeaveForm & { proofAttached: boolean }) =>
    request<Advice>("POST", "/api/leave/advice", form),
  create: (form: LeaveForm & { proofs: Proof[] }) =>
    request<{ id: string; advice: Advice }>("POST", "/api/leave", form),
  decide: (id: string, body: { decision: string; comment: string; overrideReason?: string | null }) =>
    request<{ status: string }>("POST", `${path(id)}/decision`, body),
  close: (id: string, body: { method: string; at?: string; note?: string | null }) =>
    request<{ status: string }>("POST", `${path(id)}/return`, body),
  revise: (id: string, body: LeaveRevisionForm) =>
    request<{ version: number; status: string; advice: Advice }>("POST", `${path(id)}/revision`, body),
  calendar: (month?: string, officeId?: string) =>
    request<{ month: string; today: string; days: string[]; leaves: CalendarLeave[] }>(
      "GET",
      `/api/leave/calendar${queryString({ month, officeId })}`,
    ),
  resubmit: (id: string) => request<{ status: string }>("POST", `${path(id)}/resubmit`),
  addProof: (id: string, proof: Proof) => request<{ id: string }>("POST", `${path(id)}/proofs`, proof),
  divisions: (parent?: string) =>
    request<{ items: Division[] }>("GET", `/api/divisions${queryString({ parent })}`),
  proofUrl: (id: string, proofId: string) => `${path(id)}/proofs/${encodeURIComponent(proofId)}`,
  documentUrl: (id: string, kind: "approval_form" | "notice") => `${path(id)}/document?kind=${kind}`,
};

/** A file as base64 (without the data: prefix), for the JSON upload. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export interface LeaveFiles {
  month: string;
  dueBy: string;
  offices: {
    id: string;
    name: string;
    applications: {
      id: string;
      kindLabel: string;
      from: string;
      to: string | null;
      destinationName: string;
      statusLabel: string;
      subjectName: string;
    }[];
    handin: {
      id: number;
      handedInAt: string;
      handedInBy: string;
      reviewedAt: string | null;
      reviewedBy: string | null;
      reviewNote: string | null;
      applications: string[];
    } | null;
  }[];
}

export const leaveFilesApi = {
  get: (month?: string) => request<LeaveFiles>("GET", `/api/leave/files${queryString({ month })}`),
  handIn: (month: string) =>
    request<{ id: number; applications: number }>("POST", "/api/leave/files", { month }),
  review: (id: number, note: string) =>
    request<{ reviewedAt: string }>("POST", `/api/leave/files/${id}/review`, { note }),
  registerUrl: (id: number) => `/api/leave/files/${id}/register`,
};
