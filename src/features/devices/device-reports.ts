// The vendors' bulk route: once the signature is verified and spent, the reports go to the location
// pipeline (features/location/ingest.ts) as source `device` with the vendor. A vendor serves one county:
// a report for a person of another county is rejected as having no order (their existence is not
// revealed); ingest rejects the reports of persons without an order in force on the day measured.
import type { FastifyBaseLogger } from "fastify";
import { claimSignature, type SignedRequest } from "../../http/signed-request.ts";
import type { LocationContext } from "../location/context.ts";
import { ingestReports, type ReportInput, type ReportResult } from "../location/ingest.ts";
import { vendorCounty } from "./vendors.ts";

export const NO_DEVICE_ORDER_MESSAGE = "该对象在定位时间没有生效的电子定位装置使用决定，不予接收";

export async function receiveDeviceReports(
  ctx: LocationContext,
  signed: SignedRequest,
  reports: readonly (ReportInput & { subjectId: string })[],
  log: FastifyBaseLogger,
): Promise<ReportResult[]> {
  const k = ctx.db.kysely;
  // The signature is spent first, in its own transaction: a request that fails half-way is re-signed
  // and sent again, and the idempotency keys store nothing twice.
  await claimSignature(k, signed, ctx.clock.now());
  const countyId = await vendorCounty(k, signed.keyId);
  const ids = [...new Set(reports.map((r) => r.subjectId))];
  const inCounty = new Set(
    (
      await k
        .selectFrom("subject")
        .select("id")
        .where("id", "in", ids)
        .where("county_id", "=", countyId)
        .execute()
    ).map((s) => s.id),
  );
  const mine: { index: number; report: ReportInput }[] = [];
  const results: ReportResult[] = reports.map((report, index) => {
    if (inCounty.has(report.subjectId)) mine.push({ index, report });
    return {
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
  const ingested = await ingestReports(
    ctx,
    { kind: "device", vendorId: signed.keyId },
    mine.map((m) => m.report),
    { log },
  );
  // Ingest numbers its answers within what it was given: back to the request's indexes and fields.
  ingested.forEach((r, i) => {
    const index = mine[i]!.index;
    results[index] = {
      ...r,
      index,
      ...(r.error
        ? { error: { ...r.error, field: r.error.field.replace(/^reports\.\d+/, `reports.${index}`) } }
        : {}),
    };
  });
  return results;
}
