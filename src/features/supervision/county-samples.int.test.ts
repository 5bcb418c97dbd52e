// The agency's field-visit samples are the county's (seed 000 §九.2(3), policy.md "Interpretations"):
// with offices of 7 and 8 strict persons (and none in the third), the month's sample is drawn once for
// the county, of its 15 persons, rounded once — ⌈15 × 20%⌉ = 3, not ⌈1.4⌉ + ⌈1.6⌉ = 4 — stored with
// its seed and population, shown office by office on /api/sampling and as each office's share on the
// agency's 今日工作.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_TODAY, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { countyVisitSampleRequired, getPolicy } from "../../core/index.ts";
import { runSweep } from "../../jobs/sweep.ts";
import type { TodayItem } from "../today/today.ts";
import { drawSample } from "./sampling.ts";

const MONTH_START = `${DEMO_TODAY.slice(0, 7)}-01`;

describe(`the county's visit samples are drawn once for the county (${databaseLabel})`, () => {
  let t: TestApp;
  let agency: Client;
  let countyId: string;
  const strict: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    agency = await t.signIn("agency.head");
    const k = t.database.db.kysely;
    countyId = (
      await k
        .selectFrom("app_user")
        .select("place_id")
        .where("username", "=", "agency.head")
        .executeTakeFirstOrThrow()
    ).place_id;
    const offices = await k
      .selectFrom("place")
      .select("id")
      .where("parent_id", "=", countyId)
      .where("kind", "=", "office")
      .orderBy("id")
      .execute();
    expect(offices.length).toBeGreaterThanOrEqual(2);
    // Every person of the county normal, then 7 persons of the first office and 8 of the second strict,
    // each registered on the month's first day and still on the fixed day.
    const persons = await k
      .selectFrom("subject")
      .select(["id", "office_id"])
      .where("county_id", "=", countyId)
      .execute();
    const ids = persons.map((p) => p.id);
    await k.updateTable("level_decision").set({ level: "normal" }).where("subject_id", "in", ids).execute();
    await k
      .updateTable("subject")
      .set({ level: "normal", key_override: null })
      .where("id", "in", ids)
      .execute();
    for (const [office, n] of [
      [offices[0]!.id, 7],
      [offices[1]!.id, 8],
    ] as const) {
      const chosen = await k
        .selectFrom("subject")
        .select("id")
        .where("office_id", "=", office)
        .where("status", "=", "in_correction")
        .where("intake_date", "<=", MONTH_START)
        .where("term_end", ">=", DEMO_TODAY)
        .orderBy("id")
        .limit(n)
        .execute();
      expect(chosen.length, office).toBe(n);
      strict.push(...chosen.map((c) => c.id));
    }
    await k
      .updateTable("level_decision")
      .set({ level: "strict" })
      .where("subject_id", "in", strict)
      .execute();
    await k.updateTable("subject").set({ level: "strict" }).where("id", "in", strict).execute();
  }, 240_000);
  afterAll(() => t?.close());

  it("draws the month's sample once, of the county's 15 strict persons, rounded once", async () => {
    const policy = getPolicy();
    const once = countyVisitSampleRequired(policy, {
      keyOrStrictAtMonthStart: 15,
      normalAtQuarterStart: 0,
    }).month;
    const perOffice = [7, 8]
      .map(
        (n) =>
          countyVisitSampleRequired(policy, { keyOrStrictAtMonthStart: n, normalAtQuarterStart: 0 }).month,
      )
      .reduce((a, b) => a + b, 0);
    expect(once).toBe(Math.ceil((15 * policy.agency.visitSampleKeyOrStrictPercentPerMonth) / 100));
    expect(perOffice).toBeGreaterThan(once);

    await runSweep(t.database.db, t.config.clock.now());
    const k = t.database.db.kysely;
    const draws = await k
      .selectFrom("sample_draw")
      .selectAll()
      .where("county_id", "=", countyId)
      .where("kind", "=", "visit_month")
      .where("period", "like", `${MONTH_START}/%`)
      .execute();
    expect(draws, "one draw for the county, none per office").toHaveLength(1);
    const draw = draws[0]!;
    expect(draw.office_id).toBeNull();
    expect(draw.required).toBe(once);
    expect([...draw.population].sort()).toEqual([...strict].sort());
    expect(draw.picked).toHaveLength(once);
    expect(drawSample(draw.population, draw.required, draw.seed)).toEqual(draw.picked);
    // Idempotent: a second sweep draws nothing more.
    expect((await runSweep(t.database.db, t.config.clock.now())).samplesDrawn).toBe(0);

    // Each office lists the county's draw with its own persons among those picked.
    const sampling = JSON.parse((await agency.get("/api/sampling")).body) as {
      offices: {
        id: string;
        draws: {
          kind: string;
          scope: string;
          required: number;
          pickedTotal: number;
          picked: { id: string; done: boolean }[];
          reproduces: boolean;
        }[];
      }[];
    };
    const listed = sampling.offices.flatMap((o) => o.draws.filter((d) => d.kind === "visit_month"));
    expect(listed.length).toBe(sampling.offices.length);
    for (const d of listed)
      expect(d).toMatchObject({ scope: "county", required: once, pickedTotal: once, reproduces: true });
    expect(listed.flatMap((d) => d.picked.map((p) => p.id)).sort()).toEqual([...draw.picked].sort());

    // The agency's Today: each office's row asks for its share of the county's picks (an office whose
    // picks are all visited already has no row).
    const answer = JSON.parse((await agency.get("/api/today?horizon=31&limit=2000")).body) as {
      items: TodayItem[];
      offices: { id: string; standards: { id: string; required: number; done: number }[] }[];
    };
    const today = answer.items;
    for (const office of sampling.offices) {
      const picks = office.draws.find((d) => d.kind === "visit_month")!.picked as {
        id: string;
        done: boolean;
      }[];
      const row = today.find(
        (i) => i.key.endsWith(":agency_visit_sample_month") && i.office.id === office.id,
      );
      // The office's standards card asks the same of it (not 20 % of its own persons).
      expect(
        answer.offices
          .find((o) => o.id === office.id)!
          .standards.find((x) => x.id === "agency_visit_sample_month"),
        office.id,
      ).toMatchObject({ required: picks.length, done: picks.filter((p) => p.done).length });
      if (picks.every((p) => p.done)) expect(row, office.id).toBeUndefined();
      else
        expect(row, office.id).toMatchObject({
          required: picks.length,
          done: picks.filter((p) => p.done).length,
        });
    }
  }, 240_000);
});
