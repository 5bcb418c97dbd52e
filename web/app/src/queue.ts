// The offline queue of check-ins (IndexedDB, through `idb`). A check-in is written here first, with
// the time it was made and a fresh idempotency key, and only then sent; it is marked sent when the
// server answers stored or duplicate (the server acknowledges only after commit), so a check-in made
// without network waits here and a resend after a lost answer stores nothing twice.
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import { ApiError, api } from "./api.ts";

export type CheckInState = "queued" | "sent" | "rejected";

export interface CheckIn {
  key: string;
  /** Whose check-in (a shared phone must not send one person's report in another's session). */
  subjectId: string;
  at: string;
  /** When it was made on the phone (ms): orders check-ins made within the same second. */
  madeAt: number;
  lon: number;
  lat: number;
  accuracyM?: number;
  /** The selfie, until it is uploaded; then its id. */
  photo?: Blob;
  photoId?: string;
  state: CheckInState;
  error?: string;
  sentAt?: string;
}

interface QueueDb extends DBSchema {
  checkins: { key: string; value: CheckIn; indexes: { bySubject: string } };
}

let opened: Promise<IDBPDatabase<QueueDb>> | undefined;
function db(): Promise<IDBPDatabase<QueueDb>> {
  opened ??= openDB<QueueDb>("onebook-app", 1, {
    upgrade(database) {
      const store = database.createObjectStore("checkins", { keyPath: "key" });
      store.createIndex("bySubject", "subjectId");
    },
  });
  return opened;
}

export async function enqueue(checkIn: Omit<CheckIn, "state" | "key" | "madeAt">): Promise<CheckIn> {
  const row: CheckIn = { ...checkIn, key: crypto.randomUUID(), madeAt: Date.now(), state: "queued" };
  await (await db()).put("checkins", row);
  return row;
}

/** The person's check-ins on this phone, newest first. */
export async function listCheckIns(subjectId: string): Promise<CheckIn[]> {
  const rows = await (await db()).getAllFromIndex("checkins", "bySubject", subjectId);
  return rows.sort((a, b) => b.madeAt - a.madeAt);
}

interface ReportResult {
  index: number;
  key: string;
  status: "stored" | "duplicate" | "rejected";
  error?: { message: string };
}

/**
 * Sends every queued check-in of the person: photos first (each once), then one batch of reports.
 * Throws OfflineError when the network is down (everything stays queued).
 */
export async function flush(subjectId: string, sentAt: () => string): Promise<number> {
  const database = await db();
  const queued = (await database.getAllFromIndex("checkins", "bySubject", subjectId)).filter(
    (c) => c.state === "queued",
  );
  if (queued.length === 0) return 0;
  for (const c of queued) {
    if (!c.photo || c.photoId) continue;
    try {
      const { photoId } = await api<{ photoId: string }>("POST", "/api/app/photos", undefined, c.photo);
      c.photoId = photoId;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500 || error.status === 401) throw error;
      // A photo the server will not take does not hold back the check-in itself.
    }
    c.photo = undefined;
    await database.put("checkins", c);
  }
  const { results } = await api<{ results: ReportResult[] }>("POST", "/api/app/reports", {
    reports: queued.map((c) => ({
      key: c.key,
      at: c.at,
      lon: c.lon,
      lat: c.lat,
      crs: "WGS84",
      ...(c.accuracyM !== undefined ? { accuracyM: c.accuracyM } : {}),
      ...(c.photoId ? { photoId: c.photoId } : {}),
    })),
  });
  let sent = 0;
  for (const result of results) {
    const c = queued[result.index];
    if (!c || c.key !== result.key) continue;
    if (result.status === "rejected") {
      c.state = "rejected";
      c.error = result.error?.message;
    } else {
      c.state = "sent";
      c.sentAt = sentAt();
      sent++;
    }
    await database.put("checkins", c);
  }
  return sent;
}
