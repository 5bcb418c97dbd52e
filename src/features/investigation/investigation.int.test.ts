// Pre-sentence investigation through the API on a real database with the demo county: the due day
// counts working days (normal 10, expedited 5, across the National Day holiday and its working
// Saturday), the commission is on Today near and past its due day, the office investigates and
// concludes, the agency downloads the opinion in Word and marks it returned; bad input names the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, DEMO_TODAY, type TestApp } from "../../../test/helpers/app.ts";
import { postExpecting, startCareApp, todayItems } from "../../../test/helpers/care.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { docxText } from "../../../test/helpers/docx-text.ts";

interface View {
  id: string;
  status: string;
  dueOn: string;
  overdue: boolean;
  person: { name: string; minor: boolean; idNumber: string | null };
}
interface TodayItem {
  key: string;
  status: string;
  title: string;
  basisText: string;
  action: { kind: string } | null;
}

const commission = (over: Record<string, unknown> = {}) => ({
  court: "青禾县人民法院",
  commissionNo: "（2026）青法委调字第12号",
  procedure: "normal",
  receivedOn: "2026-09-30",
  name: "周明远",
  gender: "male",
  birthDate: "1990-03-04",
  address: "青禾县城关镇东街8号",
  charge: "危险驾驶罪",
  proposedType: "probation",
  ...over,
});

describe(`pre-sentence investigation (${databaseLabel})`, () => {
  let t: TestApp;
  let agency: Client;
  let office: Client;
  let otherOffice: Client;
  let officeId: string;

  beforeAll(async () => {
    ({ t, office, agency } = await startCareApp());
    const k = t.database.db.kysely;
    officeId = (
      await k
        .selectFrom("app_user")
        .select("place_id")
        .where("username", "=", "chengguan.assistant")
        .executeTakeFirstOrThrow()
    ).place_id;
    const other = await k
      .selectFrom("app_user")
      .innerJoin("place", "place.id", "app_user.place_id")
      .select("app_user.username")
      .where("app_user.role", "=", "office_head")
      .where("place.kind", "=", "office")
      .where("place.id", "!=", officeId)
      .where(
        "place.parent_id",
        "=",
        (await k.selectFrom("place").select("parent_id").where("id", "=", officeId).executeTakeFirstOrThrow())
          .parent_id,
      )
      .orderBy("app_user.username")
      .executeTakeFirstOrThrow();
    otherOffice = await t.signIn(other.username);
  }, 180_000);
  afterAll(() => t?.close());

  const post = postExpecting;
  const today = (client: Client) => todayItems<TodayItem>(client);

  it("counts the deadline in working days: 10 normally, 5 for the expedited procedure", async () => {
    // Received Wed 30 Sep 2026: 1–7 Oct are the National Day holiday, Sat 10 Oct is worked (调休).
    // Working days after it: 8 Oct, 9 Oct, 10 Oct, 12 Oct, 13 Oct (5th), 14, 15, 16, 19, 20 Oct (10th).
    const normal: View = await post(agency, "/api/investigations", commission());
    expect(normal.dueOn).toBe("2026-10-20");
    const fast: View = await post(
      agency,
      "/api/investigations",
      commission({ procedure: "expedited", commissionNo: "（2026）青法委调字第13号" }),
    );
    expect(fast.dueOn).toBe("2026-10-13");
    // From the demo's today (Fri 20 Nov): next Fri 27 Nov (5) and Fri 4 Dec (10).
    const now: View = await post(
      agency,
      "/api/investigations",
      commission({ receivedOn: DEMO_TODAY, commissionNo: "（2026）青法委调字第14号", officeId }),
    );
    expect(now.dueOn).toBe("2026-12-04");
    expect(now.status).toBe("assigned");
    expect(now.overdue).toBe(false);
  });

  it("puts a commission on Today: the agency assigns, the office investigates near and past due", async () => {
    const late: View = await post(
      agency,
      "/api/investigations",
      commission({ receivedOn: "2026-11-06", commissionNo: "（2026）青法委调字第15号", name: "李小青" }),
    );
    expect(late.dueOn).toBe("2026-11-20"); // 9,10,11,12,13,16,17,18,19,20 Nov
    const agencyItems = await today(agency);
    const assign = agencyItems.find((i) => i.key === `investigation_assign:${late.id}`);
    expect(assign).toMatchObject({ status: "due_today", action: { kind: "investigation" } });
    expect(assign!.basisText).toContain("10个工作日");
    await post(agency, `/api/investigations/${late.id}/assign`, { officeId }, 200);
    const officeItems = await today(office);
    expect(officeItems.find((i) => i.key === `investigation:${late.id}`)).toMatchObject({
      status: "due_today",
      action: { kind: "investigation" },
    });
    // Not yet near: the commission received today (due 4 Dec) is not on the office's Today.
    const mine: View[] = JSON.parse((await office.get("/api/investigations")).body).items;
    const far = mine.find((v) => v.dueOn === "2026-12-04")!;
    expect(officeItems.find((i) => i.key === `investigation:${far.id}`)).toBeUndefined();
    // The other office sees neither the commission nor its item.
    expect((await otherOffice.get("/api/investigations")).body).not.toContain(late.id);
    const foreign = { kind: "visit", onDate: DEMO_TODAY, findings: "走访" };
    expect((await otherOffice.post(`/api/investigations/${late.id}/notes`, foreign)).statusCode).toBe(404);
    // Investigation, then the opinion; the office's item goes, the agency's "return" comes.
    await post(office, `/api/investigations/${late.id}/notes`, {
      kind: "visit",
      onDate: DEMO_TODAY,
      persons: "被告人之父李大山、村委会主任",
      findings: "居住稳定，家庭愿意监护，村委会同意接收",
    });
    const concluded: View = await post(
      office,
      `/api/investigations/${late.id}/opinion`,
      { opinion: "suitable", reasons: "悔罪表现好，有固定住所，家庭和社区支持" },
      200,
    );
    expect(concluded.status).toBe("concluded");
    expect((await today(office)).find((i) => i.key === `investigation:${late.id}`)).toBeUndefined();
    expect((await today(agency)).find((i) => i.key === `investigation_return:${late.id}`)).toBeDefined();

    const doc = await agency.get(`/api/investigations/${late.id}/document`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers["content-type"]).toContain("wordprocessingml");
    const text = docxText(doc.rawPayload);
    expect(text).toContain("调查评估意见书");
    expect(text).toContain("青禾县人民法院");
    expect(text).toContain("适宜社区矫正");
    expect(text).toContain("居住稳定");

    const returned: View = await post(
      agency,
      `/api/investigations/${late.id}/return`,
      { returnedOn: DEMO_TODAY },
      200,
    );
    expect(returned.status).toBe("returned");
    expect((await today(agency)).find((i) => i.key.endsWith(late.id))).toBeUndefined();
    const audit = await t.database.db.kysely
      .selectFrom("audit_log")
      .select("action")
      .where("record_id", "=", late.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "investigation.receive",
        "investigation.assign",
        "investigation.note",
        "investigation.conclude",
        "investigation.export",
        "investigation.return",
      ]),
    );
  });

  it("masks a minor defendant's name and ID number on lists", async () => {
    const ok: View = await post(
      agency,
      "/api/investigations",
      commission({ name: "王小明", birthDate: "2010-05-06", commissionNo: "（2026）青法委调字第17号" }),
    );
    expect(ok.person).toMatchObject({ name: "王**", minor: true });
  });

  it("names the field of bad input, refuses the office to receive and the wrong order", async () => {
    const bad = async (body: unknown, field: string) => {
      const response = await agency.post("/api/investigations", body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.body).toContain(field);
    };
    await bad(commission({ procedure: "fast" }), "procedure");
    await bad(commission({ receivedOn: "2026-02-30" }), "receivedOn");
    await bad(commission({ receivedOn: "2026-12-30" }), "receivedOn");
    await bad(commission({ court: "" }), "court");
    await bad(commission({ idNumber: "123" }), "idNumber");
    await bad(commission({ officeId: "nowhere" }), "officeId");
    expect((await office.post("/api/investigations", commission())).statusCode).toBe(403);
    const fresh: View = await post(
      agency,
      "/api/investigations",
      commission({ commissionNo: "第18号", officeId }),
    );
    // No opinion without an investigation recorded; no return before the opinion.
    const early = await office.post(`/api/investigations/${fresh.id}/opinion`, {
      opinion: "suitable",
      reasons: "理由",
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain("reasons");
    expect(
      (await agency.post(`/api/investigations/${fresh.id}/return`, { returnedOn: DEMO_TODAY })).statusCode,
    ).toBe(409);
    const note = await office.post(`/api/investigations/${fresh.id}/notes`, {
      kind: "visit",
      onDate: "2026-09-01",
      findings: "x",
    });
    expect(note.statusCode).toBe(400);
    expect(note.body).toContain("onDate");
  });
});
