// Acceptance of one location report (location.md "Acceptance"): what the sender said, checked against
// the product's clock and the county's profile, and converted to what is stored. Pure: the caller
// gives "now" and the accuracy limit, so the rules can be tested without a database.
import { type CoordinateSystem, toWgs84 } from "../../core/index.ts";

/** A report may be measured at most this far in the future (device clocks drift): location.md. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
/** …and at most this long ago (a phone queues reports while offline): location.md. */
export const MAX_AGE_MS = 30 * 86_400_000;

/** One report as the app or a device vendor sends it (the route's schema has checked the types). */
export interface ReportInput {
  key: string;
  at: string;
  lon: number;
  lat: number;
  accuracyM?: number | undefined;
  crs?: CoordinateSystem | undefined;
  speedMps?: number | undefined;
  batteryPct?: number | undefined;
  photoId?: string | undefined;
  /** Device reports name the person and the device. */
  subjectId?: string | undefined;
  deviceId?: string | undefined;
}

/** A report as stored: WGS-84, with its original system and whether it is of acceptable quality. */
export interface AcceptedReport {
  key: string;
  measuredMs: number;
  lon: number;
  lat: number;
  accuracyM: number | null;
  crs: CoordinateSystem;
  speedMps: number | null;
  batteryPct: number | null;
  photoId: string | null;
  deviceId: string | null;
  /** Accuracy missing or over the profile's limit: counted as a report, never proof of a breach. */
  lowQuality: boolean;
}

export interface ReportProblem {
  code: string;
  message: string;
  /** The field within the report (`lat`); the caller prefixes the report's path. */
  field: string;
}

export type Judged = { ok: true; report: AcceptedReport } | { ok: false; problem: ReportProblem };

const refuse = (code: string, field: string, message: string): Judged => ({
  ok: false,
  problem: { code, field, message },
});

export function validateReport(input: ReportInput, nowMs: number, acceptableAccuracyM: number): Judged {
  if (!(input.lat >= -90 && input.lat <= 90)) return refuse("out_of_range", "lat", "纬度应在 -90 至 90 之间");
  if (!(input.lon >= -180 && input.lon <= 180))
    return refuse("out_of_range", "lon", "经度应在 -180 至 180 之间");
  const measuredMs = Date.parse(input.at);
  if (Number.isNaN(measuredMs)) return refuse("invalid_input", "at", "定位时间应为带时区的时刻");
  if (measuredMs > nowMs + MAX_FUTURE_SKEW_MS)
    return refuse("in_future", "at", "定位时间晚于当前时间超过 5 分钟，请校准设备时间");
  if (measuredMs < nowMs - MAX_AGE_MS) return refuse("too_old", "at", "定位时间早于 30 天前，不再接收");
  if (input.accuracyM !== undefined && !(input.accuracyM >= 0))
    return refuse("out_of_range", "accuracyM", "定位精度（米）不能为负数");
  if (input.speedMps !== undefined && !(input.speedMps >= 0))
    return refuse("out_of_range", "speedMps", "速度不能为负数");
  if (input.batteryPct !== undefined && !(input.batteryPct >= 0 && input.batteryPct <= 100))
    return refuse("out_of_range", "batteryPct", "电量应在 0 至 100 之间");
  const crs = input.crs ?? "WGS84";
  const [lon, lat] = toWgs84(input.lon, input.lat, crs);
  const accuracyM = input.accuracyM ?? null;
  return {
    ok: true,
    report: {
      key: input.key,
      measuredMs,
      // Conversion may nudge a point at the edge of the range past it: keep the stored row valid.
      lon: Math.max(-180, Math.min(180, lon)),
      lat: Math.max(-90, Math.min(90, lat)),
      accuracyM,
      crs,
      speedMps: input.speedMps ?? null,
      batteryPct: input.batteryPct ?? null,
      photoId: input.photoId ?? null,
      deviceId: input.deviceId ?? null,
      lowQuality: accuracyM === null || accuracyM > acceptableAccuracyM,
    },
  };
}
