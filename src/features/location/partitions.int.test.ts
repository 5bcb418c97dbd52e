// The monthly partitions of location_report (migration 130) on a real database: the demo writes its
// year into its months; reports of a month not made wait in the default partition until it is made,
// then are moved into their CST month (none lost, none twice); next month is made ahead, and a second
// run makes nothing. A report ingested afterwards lands in its month, and a retry of it is still one row.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseLabel, openTestDatabase, type TestDatabase } from "../../../test/helpers/database.ts";
import { FIXED_NOW } from "../../../test/helpers/fixed-now.ts";
import { clockFromSetting } from "../../shared/clock.ts";
import { makeLocationContext } from "./context.ts";
import { ingestReports } from "./ingest.ts";
import { ensureLocationMonths } from "./partitions.ts";

const clock = clockFromSetting(FIXED_NOW);

describe(`location reports by month (${databaseLabel})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase({ demo: true });
  });
  afterAll(async () => t?.close());

  const countBy = async () =>
    (
      await sql<{ part: string; n: string | number }>`select tableoid::regclass::text as part, count(*) as n
        from location_report group by 1 order by 1`.execute(t.db.kysely)
    ).rows.map((r) => ({ part: r.part, n: Number(r.n) }));

  it("moves waiting reports into their months, makes the next month ahead, and does it once", async () => {
    // The demo made its year's months as it wrote them; two reports of a month long before wait in
    // the default partition (as a phone's old queue or a restored backup's would).
    const subject = await t.db.kysely
      .selectFrom("subject")
      .select("id")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await t.db.kysely
      .insertInto("location_report")
      .values(
        ["2024-03-05T09:00:00+08:00", "2024-03-31T23:30:00+08:00"].map((at, i) => ({
          subject_id: subject.id,
          source: "app" as const,
          measured_at: at,
          longitude: 120.2,
          latitude: 30.3,
          idempotency_key: `old-${i}`,
        })),
      )
      .execute();
    const before = await countBy();
    const total = before.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThan(1000); // the demo's year of location reports
    expect(before.find((r) => r.part === "location_report_default")?.n).toBe(2);
    expect(before.find((r) => r.part === "location_report_202611")?.n).toBeGreaterThan(0);

    const made = await ensureLocationMonths(t.db, clock.now());
    expect(made).toEqual(["2024-03", "2026-12"]); // the waiting month, and the next one made ahead
    const after = await countBy();
    expect(after.reduce((sum, r) => sum + r.n, 0)).toBe(total);
    expect(after.find((r) => r.part === "location_report_default")).toBeUndefined();
    expect(after.find((r) => r.part === "location_report_202403")?.n).toBe(2);
    // Each partition holds only its own CST month.
    const misplaced = await sql<{ n: string | number }>`select count(*) as n from location_report
      where tableoid::regclass::text <> 'location_report_'
        || to_char(measured_at at time zone 'Asia/Shanghai', 'YYYYMM')`.execute(t.db.kysely);
    expect(Number(misplaced.rows[0]?.n)).toBe(0);
    expect(await ensureLocationMonths(t.db, clock.now())).toEqual([]);
  });

  it("stores a new report in its month, and a retried one once", async () => {
    const subject = await t.db.kysely
      .selectFrom("subject")
      .select("id")
      .where("status", "=", "in_correction")
      .where("level", "=", "key")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const ctx = makeLocationContext(t.db, clock);
    const report = {
      key: "partition-test-1",
      at: new Date(clock.now().getTime() - 5 * 60_000).toISOString(),
      lon: 120.2,
      lat: 30.3,
      accuracyM: 12,
    };
    const source = { kind: "app" as const, subjectId: subject.id };
    const [first] = await ingestReports(ctx, source, [report]);
    const [again] = await ingestReports(ctx, source, [report]);
    expect(first?.status).toBe("stored");
    expect(again).toMatchObject({ status: "duplicate", id: first?.id });
    const rows = await sql<{ part: string }>`select tableoid::regclass::text as part from location_report
      where subject_id = ${subject.id} and idempotency_key = ${report.key}`.execute(t.db.kysely);
    expect(rows.rows).toEqual([{ part: "location_report_202611" }]);
  });

  it("stores keys and device names with tabs, newlines and backslashes as sent (the batch is COPY'd)", async () => {
    const subject = await t.db.kysely
      .selectFrom("subject")
      .select("id")
      .where("status", "=", "in_correction")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const ctx = makeLocationContext(t.db, clock);
    const at = new Date(clock.now().getTime() - 3 * 60_000).toISOString();
    const odd = [
      { key: "tab\there", deviceId: "手机\\N", at, lon: 120.2, lat: 30.3, accuracyM: 12 },
      { key: "line\nbreak\r\\end", at, lon: 120.21, lat: 30.31 },
    ];
    const source = { kind: "app" as const, subjectId: subject.id };
    const first = await ingestReports(ctx, source, odd);
    expect(first.map((r) => r.status)).toEqual(["stored", "stored"]);
    const stored = await t.db.kysely
      .selectFrom("location_report")
      .select(["id", "idempotency_key", "device_id", "accuracy_m"])
      .where("subject_id", "=", subject.id)
      .where(
        "idempotency_key",
        "in",
        odd.map((r) => r.key),
      )
      .orderBy("longitude")
      .execute();
    expect(stored).toEqual([
      { id: first[0]?.id, idempotency_key: "tab\there", device_id: "手机\\N", accuracy_m: 12 },
      { id: first[1]?.id, idempotency_key: "line\nbreak\r\\end", device_id: null, accuracy_m: null },
    ]);
    // A retry with one new report among them: the two answer as before, the new one is stored.
    const retry = await ingestReports(ctx, source, [
      ...odd,
      { key: "third-report", at, lon: 120.22, lat: 30.32 },
    ]);
    expect(retry.map((r) => [r.status, r.id])).toEqual([
      ["duplicate", first[0]?.id],
      ["duplicate", first[1]?.id],
      ["stored", expect.any(Number)],
    ]);
  });
});
