// Retention of location data (location.md "Retention") on a real database at the fixed clock: the
// sweep deletes, in batches, the reports, their links to alerts and the selfies of a person released
// more than the profile's 12 months ago, each batch audited with its counts (删除到期位置数据); it
// keeps those of a person released 11 months ago and of persons under correction; a second run
// deletes nothing; selfies stay append-only for everything but the sweep.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseLabel, openTestDatabase, type TestDatabase } from "../../../test/helpers/database.ts";
import { FIXED_NOW, FIXED_TODAY } from "../../../test/helpers/fixed-now.ts";
import { addMonths, formatDate, getPolicy, parseDate } from "../../core/index.ts";
import { auditActionLabel } from "../../glossary.ts";
import { runSweep, sweepActor } from "../../jobs/sweep.ts";
import { raiseAlert } from "../alerts/service.ts";
import { CountyPolicies } from "../policy/county-policy.ts";
import { sweepLocationRetention } from "./retention.ts";

const NOW = new Date(FIXED_NOW);
const monthsBefore = (months: number, days = 0) =>
  formatDate(addMonths(parseDate(FIXED_TODAY), -months) - days);

describe(`location data retention (${databaseLabel})`, () => {
  let t: TestDatabase;
  let expired: { id: string; county_id: string; office_id: string };
  let recent: { id: string };
  let running: { id: string };
  const counts = async (subjectId: string) => {
    const k = t.db.kysely;
    const [r, p] = await Promise.all([
      k
        .selectFrom("location_report")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("subject_id", "=", subjectId)
        .executeTakeFirstOrThrow(),
      k
        .selectFrom("location_photo")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("subject_id", "=", subjectId)
        .executeTakeFirstOrThrow(),
    ]);
    return { reports: Number(r.n), photos: Number(p.n) };
  };

  beforeAll(async () => {
    t = await openTestDatabase({ demo: true });
    const k = t.db.kysely;
    const persons = await k
      .selectFrom("subject")
      .select(["id", "county_id", "office_id"])
      .where("status", "=", "in_correction")
      .where("term_start", "<=", monthsBefore(14))
      .where("intake_date", "<=", monthsBefore(14))
      .orderBy("id")
      .limit(3)
      .execute();
    [expired, recent, running] = persons as [typeof expired, typeof recent, typeof running];
    // One released a day more than 12 months ago, one 11 months ago; the third still under correction.
    await k
      .updateTable("subject")
      .set({ status: "released", release_date: monthsBefore(12, 1) })
      .where("id", "=", expired.id)
      .execute();
    await k
      .updateTable("subject")
      .set({ status: "terminated", release_date: monthsBefore(11) })
      .where("id", "=", recent.id)
      .execute();
    for (const person of persons) {
      const photoId = `retention-photo-${person.id}`;
      await k
        .insertInto("location_photo")
        .values({
          id: photoId,
          subject_id: person.id,
          media_type: "image/jpeg",
          bytes: Buffer.from([0xff, 0xd8, 0xff]),
          sha256: "0",
        })
        .execute();
      await k
        .insertInto("location_report")
        .values(
          Array.from({ length: 7 }, (_, i) => ({
            subject_id: person.id,
            source: "app",
            measured_at: new Date(Date.parse(`${monthsBefore(13)}T08:00:00+08:00`) + i * 3_600_000),
            longitude: 120.1,
            latitude: 30.1,
            accuracy_m: 20,
            photo_id: i === 0 ? photoId : null,
            idempotency_key: `retention-${person.id}-${i}`,
          })),
        )
        .execute();
    }
    // An alert that one of the expired person's reports raised: the link goes, the alert stays.
    const report = await k
      .selectFrom("location_report")
      .select("id")
      .where("subject_id", "=", expired.id)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const alertId = await k.transaction().execute((trx) =>
      raiseAlert(
        trx,
        { ...sweepActor, at: NOW },
        {
          countyId: expired.county_id,
          officeId: expired.office_id,
          subjectId: expired.id,
          kind: "out_of_area",
          source: `retention-test:${expired.id}`,
          basis: "location.md",
          summary: "越界",
          raisedAt: NOW,
          raisedBy: null,
        },
        getPolicy(),
      ),
    );
    await k
      .insertInto("location_alert_report")
      .values({ alert_id: alertId as number, report_id: Number(report.id) })
      .execute();
  }, 180_000);
  afterAll(() => t?.close());

  it("keeps the 12 months of the shipped profile, shown on 本县规则's data", () => {
    expect(getPolicy().location.retention.monthsAfterEnd).toBe(12);
  });

  it("deletes an expired person's data in batches, each audited with its counts", async () => {
    const before = await counts(expired.id);
    expect(before.photos).toBe(1);
    const result = await sweepLocationRetention(t.db, new CountyPolicies(t.db), NOW, sweepActor, 3);
    expect(result).toMatchObject({ persons: 1, photos: 1 });
    expect(result.reports).toBe(before.reports);
    expect(await counts(expired.id)).toEqual({ reports: 0, photos: 0 });
    const audit = await t.db.kysely
      .selectFrom("audit_log")
      .select(["subject_id", "details", "actor_name", "at"])
      .where("action", "=", "location.retention_delete")
      .orderBy("id")
      .execute();
    expect(audit.length).toBe(Math.ceil(before.reports / 3));
    expect(audit.every((a) => a.subject_id === expired.id)).toBe(true);
    expect(audit.every((a) => new Date(a.at).getTime() === NOW.getTime())).toBe(true);
    const details = audit.map((a) => (typeof a.details === "string" ? JSON.parse(a.details) : a.details));
    expect(details.reduce((n, d) => n + d.reports, 0)).toBe(before.reports);
    expect(details.reduce((n, d) => n + d.photos, 0)).toBe(1);
    expect(details[0]).toMatchObject({ endedOn: monthsBefore(12, 1), months: 12 });
    expect(auditActionLabel["location.retention_delete"]).toBe("删除到期位置数据");
    // The alert stays, without the link to the deleted report.
    const alert = await t.db.kysely
      .selectFrom("alert")
      .select("id")
      .where("source", "=", `retention-test:${expired.id}`)
      .executeTakeFirst();
    expect(alert).toBeDefined();
  });

  it("keeps the data of a person released 11 months ago and of a person under correction", async () => {
    expect(await counts(recent.id)).toMatchObject({ photos: 1 });
    expect((await counts(recent.id)).reports).toBeGreaterThanOrEqual(7);
    expect((await counts(running.id)).reports).toBeGreaterThanOrEqual(7);
  });

  it("a second sweep deletes nothing more", async () => {
    const summary = await runSweep(t.db, NOW);
    expect(summary.locationReportsDeleted).toBe(0);
  });

  it("selfies stay append-only for anything but the sweep", async () => {
    await expect(
      sql`delete from location_photo where subject_id = ${running.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`update location_photo set sha256 = 'x' where subject_id = ${running.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/append-only/);
    expect((await counts(running.id)).photos).toBe(1);
  });
});
