// Lost contact (失联, location.md rule 5), raised by the sweep: a person who must report location (a
// level the profile names, or under an electronic-location order in force) with no report for 24 h.
// Judged by the same engine function as `onebook location evaluate`, given the person's last report:
// the episode opens at that report + 24 h (or 24 h after monitoring began), so its alert's source
// `location:lost_contact:<subject>:<openedAt>` is the same however often the sweep runs — one alert
// per episode. The next report ends the episode (judge.ts); Today then shows the joint field visit
// due within 24 h of the alert (features/today/today.ts).
import { sql } from "kysely";
import type { Actor } from "../../audit/audit.ts";
import { evaluateLocation, formatCstInstant, type LocationInput } from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import type { Level } from "../../db/schema.ts";
import { cstDate } from "../../shared/time.ts";
import "../alerts/tables.ts";
import { raiseAlert } from "../alerts/service.ts";
import type { CountyPolicies } from "../policy/county-policy.ts";
import { deviceOrderSpans, orderInForce } from "./device-orders.ts";
import { alertSource, WHOLE_WORLD } from "./judge.ts";
import "./tables.ts";

const startOfCstDay = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

/** Raises the lost-contact alerts due at `now`; returns how many were new. */
export async function raiseLostContact(
  db: Db,
  policies: CountyPolicies,
  now: Date,
  actor: Actor,
): Promise<number> {
  const k = db.kysely;
  const today = cstDate(now);
  const subjects = await k
    .selectFrom("subject")
    .select(["id", "county_id", "office_id", "level", "intake_date"])
    .where("status", "=", "in_correction")
    .where("intake_date", "<=", today)
    .execute();
  if (subjects.length === 0) return 0;
  const orders = await deviceOrderSpans(
    k,
    (await k.selectFrom("device_order").select("subject_id").distinct().execute()).map((r) => r.subject_id),
  );
  const watched: ((typeof subjects)[number] & { deviceOrder: boolean })[] = [];
  for (const s of subjects) {
    const policy = await policies.forCounty(s.county_id);
    const deviceOrder = orderInForce(orders.get(s.id), today);
    if (deviceOrder || policy.profile.location.reportingLevels.includes(s.level))
      watched.push({ ...s, deviceOrder });
  }
  if (watched.length === 0) return 0;
  const ids = watched.map((s) => s.id);
  const [last, decisions] = await Promise.all([
    sql<{ subject_id: string; id: string | number | null; measured_at: Date | null }>`
      select w.subject_id, r.id, r.measured_at
      from unnest(${ids}::text[]) as w(subject_id)
      left join lateral (
        select id, measured_at from location_report
        where subject_id = w.subject_id and measured_at <= ${now.toISOString()}::timestamptz
        order by measured_at desc, id desc limit 1
      ) r on true`.execute(k),
    k
      .selectFrom("level_decision")
      .select(["subject_id", (eb) => eb.fn.max("from_date").as("from_date")])
      .where("subject_id", "in", ids)
      .groupBy("subject_id")
      .execute(),
  ]);
  const lastOf = new Map(last.rows.map((r) => [r.subject_id, r]));
  const decidedOn = new Map(decisions.map((d) => [d.subject_id, String(d.from_date)]));

  let raised = 0;
  await k.transaction().execute(async (trx) => {
    for (const s of watched) {
      const policy = await policies.forCounty(s.county_id);
      // Monitoring starts with the case, the current level's decision, or (for a device order alone)
      // the order's first day: nobody is "lost" for the time before they had to report.
      let fromMs = Math.max(
        startOfCstDay(s.intake_date),
        startOfCstDay(decidedOn.get(s.id) ?? s.intake_date),
      );
      if (!policy.profile.location.reportingLevels.includes(s.level)) {
        const span = orders.get(s.id)?.find((o) => o.from <= today && today <= o.to);
        if (span) fromMs = Math.max(fromMs, startOfCstDay(span.from));
      }
      const lastReport = lastOf.get(s.id);
      const lastMs = lastReport?.measured_at ? new Date(lastReport.measured_at).getTime() : null;
      const input: LocationInput = {
        asOf: formatCstInstant(now.getTime()),
        policy: policy.profile.id,
        subject: {
          id: s.id,
          level: s.level as Level,
          deviceOrder: s.deviceOrder,
          residence: [0, 0],
          monitoringFrom: formatCstInstant(fromMs),
        },
        zones: { execution: WHOLE_WORLD, prohibited: [] },
        leaves: [],
        reports:
          lastMs === null
            ? []
            : [{ at: formatCstInstant(lastMs), lon: 0, lat: 0, accuracyM: 0, crs: "WGS84", source: "app" }],
        unreachable: [],
      };
      const episode = evaluateLocation(input, { registry: policy.registry }).alerts.find(
        (a) => a.kind === "lost_contact" && a.open,
      );
      if (!episode) continue;
      const source = alertSource(s.id, episode);
      const hours = policy.profile.alerts.lostContactAfterHoursWithoutLocation;
      const id = await raiseAlert(
        trx,
        { ...actor, at: now },
        {
          countyId: s.county_id,
          officeId: s.office_id,
          subjectId: s.id,
          kind: "lost_contact",
          source,
          basis: episode.basis,
          summary:
            lastMs === null
              ? `应报告位置，但自 ${formatCstInstant(fromMs).slice(0, 16).replace("T", " ")} 起没有位置报告，已超过 ${hours} 小时`
              : `最后一次位置报告在 ${formatCstInstant(lastMs).slice(0, 16).replace("T", " ")}，已超过 ${hours} 小时没有位置报告`,
          raisedAt: now,
          raisedBy: null,
        },
        policy.profile,
      );
      if (id === null) continue;
      raised++;
      await trx
        .insertInto("location_alert")
        .values({
          alert_id: id,
          subject_id: s.id,
          kind: "lost_contact",
          zone_id: null,
          opened_at: new Date(Date.parse(episode.openedAt)),
          open: true,
        })
        .execute();
      if (lastReport?.id != null)
        await trx
          .insertInto("location_alert_report")
          .values({ alert_id: id, report_id: Number(lastReport.id) })
          .execute();
    }
  });
  return raised;
}
