// The vendors' bulk route: a verified request's reports are judged one by one. A report for a person
// outside the vendor's county or without an electronic-location order in force on the day it was
// measured is rejected (`no_device_order`: Art. 29 allows device data only under an order); the others
// go to the location pipeline (features/location/ingest.ts) as source `device`, with the vendor.
import type { Actor } from "../../audit/audit.ts";
import type { Db } from "../../db/connect.ts";
import { claimSignature, type SignedRequest } from "../../http/signed-request.ts";
import { cstDate } from "../../shared/time.ts";
import { ingestDeviceReports } from "./ingest-adapter.ts";
import { subjectsUnderOrder } from "./orders.ts";
import { vendorCounty } from "./vendors.ts";

export interface DeviceReport {
  key: string;
  subjectId: string;
  deviceId: string;
  at: string;
  lon: number;
  lat: number;
  accuracyM: number;
  crs?: "WGS84" | "GCJ02" | "BD09" | undefined;
  speedMps?: number | undefined;
  batteryPct?: number | undefined;
}

export interface ReportResult {
  index: number;
  key: string;
  status: "stored" | "duplicate" | "rejected";
  id?: string;
  error?: { code: string; message: string; field?: string };
}

export const NO_DEVICE_ORDER_MESSAGE =
  "该社区矫正对象在测量日没有生效的电子定位决定（社区矫正法第二十九条），不接收设备位置数据";

export async function receiveDeviceReports(
  db: Db,
  signed: SignedRequest,
  reports: readonly DeviceReport[],
  now: Date,
): Promise<ReportResult[]> {
  // The signature is spent first, in its own transaction: a request that fails half-way is re-signed
  // and sent again, and the idempotency keys store nothing twice.
  await claimSignature(db.kysely, signed, now);
  const countyId = await vendorCounty(db.kysely, signed.keyId);
  const byDate = new Map<string, Set<string>>();
  for (const r of reports) {
    const date = cstDate(new Date(r.at));
    const ids = byDate.get(date) ?? new Set<string>();
    byDate.set(date, ids);
    ids.add(r.subjectId);
  }
  const underOrder = new Map<string, Set<string>>();
  for (const [date, ids] of byDate)
    underOrder.set(date, await subjectsUnderOrder(db.kysely, countyId, [...ids], date));

  const results: ReportResult[] = new Array(reports.length);
  const accepted: { index: number; report: DeviceReport }[] = [];
  reports.forEach((report, index) => {
    if (underOrder.get(cstDate(new Date(report.at)))?.has(report.subjectId)) accepted.push({ index, report });
    else
      results[index] = {
        index,
        key: report.key,
        status: "rejected",
        error: {
          code: "no_device_order",
          message: NO_DEVICE_ORDER_MESSAGE,
          field: `reports.${index}.subjectId`,
        },
      };
  });
  const actor: Actor = {
    id: null,
    name: `设备厂商 ${signed.keyId}`,
    role: "device_vendor",
    ip: null,
    userAgent: null,
    at: now,
  };
  const stored = await ingestDeviceReports(db, actor, signed.keyId, accepted, now);
  for (const r of stored) results[r.index] = r;
  return results;
}
