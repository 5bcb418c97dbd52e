// The intake and book API as the console calls it, through the console's shared request function.
import { request } from "../../api.ts";

/** The console's one request function: CSRF header, Chinese errors with their field. */
export const call = request;

export interface Clock {
  reportBy: string;
  alertOn: string;
  status: "open" | "overdue" | "met" | "late";
  statusLabel: string;
  daysLeft: number;
  basis: string;
}

export interface DocumentInfo {
  id: string;
  kind: string;
  kindLabel: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface Handover {
  id: string;
  status: "pending" | "registered";
  statusLabel: string;
  decidingOrgan: string;
  judgmentNumber: string;
  judgmentDate: string | null;
  judgmentEffectiveDate: string;
  noticeNumber: string | null;
  receivedOn: string;
  correctionType: string;
  correctionTypeLabel: string;
  termStart: string;
  termEnd: string;
  sentenceText: string | null;
  crimeText: string;
  crimeCategories: { code: string; label: string }[];
  personName: string;
  personNameMasked: boolean;
  idNumberMasked: string;
  proposedOffice: { id: string; name: string } | null;
  notes: string | null;
  subjectId: string | null;
  bookNumber: string | null;
  registeredAt: string | null;
  createdAt: string;
  clock: Clock;
  documentCount: number;
  documents?: DocumentInfo[];
}

export interface FieldDef {
  name: string;
  label: string;
  kind: "text" | "longtext" | "date" | "boolean" | "number" | "select";
  options?: Record<string, string>;
  required: boolean;
}

export interface Deadline {
  dueBy: string;
  dueDate: string;
  /** A recurring evaluation's period in words (初期、某季度、某年度). */
  period: string | null;
  doneAt: string | null;
  status: string;
  statusLabel: string;
  basis: string;
}

export interface Entry {
  entry: string;
  version: number;
  content: Record<string, unknown>;
  complete: boolean;
  completedAt: string | null;
  updatedAt: string;
  updatedBy: string;
  history: {
    version: number;
    complete: boolean;
    authorName: string;
    authorRoleLabel: string;
    at: string;
    changed: string[];
    note: string | null;
  }[];
}

export interface BookSection {
  id: string;
  label: string;
  paragraph: string;
  shape: "one_off" | "recurring" | "entries";
  authors: { role: string; label: string }[];
  canWrite: boolean;
  fields: FieldDef[];
  status: string | null;
  statusLabel: string | null;
  deadlines: Deadline[];
  doneEvents: string[];
  entries: Entry[];
  teamProblems: { message: string; basis: string }[] | null;
}

export interface Book {
  subject: {
    id: string;
    name: string;
    nameMasked: boolean;
    gender: string;
    genderLabel: string;
    age: number;
    idNumberMasked: string;
    correctionTypeLabel: string;
    level: "key" | "strict" | "normal" | "lenient";
    levelLabel: string;
    status: string;
    statusLabel: string;
    isMinor: boolean;
    office: { id: string; name: string };
    village: { id: string; name: string } | null;
    termStart: string;
    termEnd: string;
    intakeDate: string;
    bookNumber: string | null;
    crimeText: string;
    birthDate: string;
  };
  asOf: string;
  specialReminder: string | null;
  /** Open under correction; after release only the release analysis for a month; then closed. */
  closure: {
    state: "open" | "release_analysis" | "closed";
    endDate: string | null;
    closesOn: string | null;
    endKind: string | null;
    endKindLabel: string | null;
    stateLabel: string;
  };
  book: { applies: boolean; since: string | null; basis: string } | null;
  engineProblem: string | null;
  calendarWarnings: string[];
  registration: {
    bookNumber: string | null;
    intakeDate: string;
    decidingOrgan: string | null;
    judgmentNumber: string | null;
    judgmentEffectiveDate: string | null;
    sentenceText: string | null;
    noticeNumber: string | null;
    registeredAt: string | null;
    clock: Clock | null;
    documents: DocumentInfo[];
  };
  sections: BookSection[];
  classification: {
    proposedKey: boolean;
    criteria: { id: string; label: string; basis: string; evidence: string }[];
    decidedLevel: string;
    decidedLevelLabel: string;
    mismatch: boolean;
    keyOverride: { key: boolean; reason: string } | null;
    canDecide: boolean;
    decisions: {
      fromDate: string;
      level: string;
      levelLabel: string;
      reason: string | null;
      decidedBy: string | null;
      at: string;
    }[];
  };
  feedbackForms: { id: number; month: string | null; at: string; by: string | null; summary: string }[];
}

const enc = encodeURIComponent;

export const intakeApi = {
  handovers: (status = "all") =>
    call<{ items: Handover[]; today: string }>("GET", `/api/handovers?status=${status}`),
  handover: (id: string) =>
    call<Handover & { documents: DocumentInfo[] }>("GET", `/api/handovers/${enc(id)}`),
  createHandover: (body: unknown) => call<Handover>("POST", "/api/handovers", body),
  upload: (id: string, body: unknown) =>
    call<DocumentInfo>("POST", `/api/handovers/${enc(id)}/documents`, body),
  register: (id: string, body: unknown) =>
    call<{
      subjectId: string;
      bookNumber: string;
      office: { id: string; name: string };
      proposedLevel: "key" | "strict" | "normal";
    }>("POST", `/api/handovers/${enc(id)}/register`, body),
};

export const bookApi = {
  book: (id: string) => call<Book>("GET", `/api/subjects/${enc(id)}/book`),
  reminder: (id: string) =>
    call<{ specialReminder: string | null; bookNumber: string | null }>(
      "GET",
      `/api/subjects/${enc(id)}/book/reminder`,
    ),
  save: (id: string, section: string, body: unknown) =>
    call<{ version: number; completedNow: boolean }>(
      "PUT",
      `/api/subjects/${enc(id)}/book/sections/${enc(section)}`,
      body,
    ),
  decide: (id: string, body: unknown) =>
    call<{ levelLabel: string; against: boolean }>("POST", `/api/subjects/${enc(id)}/level-decisions`, body),
  exportUrl: (id: string, document?: string, purpose?: string) => {
    const q = new URLSearchParams();
    if (document) q.set("document", document);
    if (purpose) q.set("purpose", purpose);
    const s = q.toString();
    return `/api/subjects/${enc(id)}/book/export${s ? `?${s}` : ""}`;
  },
};
