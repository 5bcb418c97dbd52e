// The seam between the vendors' route and the location pipeline (helper `location`'s ingestReports).
import type { Actor } from "../../audit/audit.ts";
import type { Db } from "../../db/connect.ts";
import type { DeviceReport, ReportResult } from "./device-reports.ts";

export async function ingestDeviceReports(
  _db: Db,
  _actor: Actor,
  _vendorId: string,
  accepted: readonly { index: number; report: DeviceReport }[],
  _now: Date,
): Promise<ReportResult[]> {
  if (accepted.length === 0) return [];
  throw new Error("location ingest not merged yet");
}
