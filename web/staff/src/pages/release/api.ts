// The console's calls of the end of a case: coming releases, release, termination, documents, notices.
import type { OpenItem } from "../../../../../src/features/release/service.ts";
import { queryString, request } from "../../api.ts";

export interface ComingRelease {
  subject: {
    id: string;
    name: string;
    bookNumber: string | null;
    correctionTypeLabel: string;
    office: { id: string; name: string };
  };
  termEnd: string;
  daysLeft: number;
  canReleaseToday: boolean;
  openItems: OpenItem[];
  engineProblem: string | null;
}

export interface BookClosureView {
  state: "open" | "release_analysis" | "closed";
  endDate: string | null;
  closesOn: string | null;
  stateLabel: string;
}

export interface EndedCase {
  subject: { id: string; name: string; bookNumber: string | null; office: { id: string; name: string } };
  kind: string;
  kindLabel: string;
  endDate: string;
  book: BookClosureView;
  noticesSent: number;
  noticesTotal: number;
}

export interface EndDocument {
  kind: "certificate" | "notice_court" | "notice_procuratorate" | "notice_police";
  kindLabel: string;
  fileName: string;
  sha256: string;
  createdAt: string;
  sent: {
    at: string;
    method: string | null;
    methodLabel: string | null;
    note: string | null;
    by: string | null;
  } | null;
}

export interface CaseEndView {
  subjectId: string;
  status: string;
  termEnd: string;
  book: BookClosureView;
  end: {
    kind: string;
    kindLabel: string;
    endDate: string;
    place: string | null;
    present: Array<{ userId: string | null; name: string; role: string | null }>;
    documentText: string | null;
    certificateNo: string | null;
    remarks: string | null;
    recordedAt: string;
    basis: string;
  } | null;
  documents: EndDocument[];
}

const subjectPath = (id: string, rest: string) => `/api/subjects/${encodeURIComponent(id)}/${rest}`;

export const releaseApi = {
  coming: (officeId?: string) =>
    request<ComingRelease[]>("GET", `/api/releases/coming${queryString({ officeId })}`),
  ended: (officeId?: string) =>
    request<EndedCase[]>("GET", `/api/releases/ended${queryString({ officeId })}`),
  end: (id: string) => request<CaseEndView>("GET", subjectPath(id, "end")),
  release: (id: string, body: unknown) =>
    request<{ endDate: string }>("POST", subjectPath(id, "release"), body),
  terminate: (id: string, body: unknown) =>
    request<{ endDate: string }>("POST", subjectPath(id, "termination"), body),
  documentUrl: (id: string, kind: string) => subjectPath(id, `end/documents/${kind}`),
  sent: (id: string, kind: string, body: unknown) =>
    request<unknown>("POST", subjectPath(id, `end/documents/${kind}/sent`), body),
};
