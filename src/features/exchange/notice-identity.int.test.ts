// Who a prison's or a rehab centre's notice is about, on a real database: a person once under
// correction in the county is linked by the ID number (the record says so and links to the case, only
// where the reader may go, with no name or ID number in the link); a rehab notice of the same person
// links to the earlier resettlement record and back. The same notice sent again with a new signature
// is stored once: the partner gets 200 with the existing record; a worker typing it again gets 409.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, startTestApp, type TestApp } from "../../../test/helpers/app.ts";
import { databaseLabel } from "../../../test/helpers/database.ts";
import { exchangeCall, type PartnerKey, rowCount } from "../../../test/helpers/exchange-call.ts";
import { FIXED_TODAY, fixedDay } from "../../../test/helpers/fixed-now.ts";
import { makeIdNumber } from "../../shared/id-number.ts";

const CHENGGUAN = "990121100";
const HEXI = "990121101";

interface Known {
  kind: string;
  id: string;
  reachable: boolean;
}

describe(`exchange: notices linked to a known person, and sent again (${databaseLabel})`, () => {
  let t: TestApp;
  let staff: Client;
  let prison: PartnerKey;
  let rehab: PartnerKey;
  let seconds = 0;
  /** A partner's signed call; each one at a new second, so each has its own signature (no replay). */
  const send = (who: PartnerKey, url: string, body: unknown) => {
    seconds += 1;
    const at = new Date(t.app.clock.now().getTime() + seconds * 1000).toISOString();
    return exchangeCall(t.app, who, "POST", url, body, { timestamp: at }).then((c) => c.response);
  };
  const count = (table: "resettlement" | "aftercare") => rowCount(t.database.db.kysely, table);
  const listed = async (client: Client, kind: "resettlement" | "aftercare", id: string) => {
    const response = await client.get(`/api/${kind}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items.find((i: { id: string }) => i.id === id);
  };

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.signIn("agency.staff1");
    const register = async (kind: string, name: string, scopes: string[]) => {
      const made = await staff.post("/api/exchange/partners", { kind, name, scopes });
      expect(made.statusCode, made.body).toBe(201);
      return { keyId: made.json().keyId, secret: made.json().secret };
    };
    prison = await register("prison", "禾川省第四监狱", ["release_notice"]);
    rehab = await register("rehab", "云州市第二强制隔离戒毒所", ["rehab_notice"]);
  }, 180_000);
  afterAll(() => t?.close());

  it("links a prison's notice to the person once under correction, by the ID number", async () => {
    const k = t.database.db.kysely;
    // A person the county released from correction, of 城关司法所; back from prison, living in 河西镇.
    const subject = await k
      .selectFrom("subject")
      .select(["id", "name", "id_number", "birth_date", "gender", "book_number"])
      .where("office_id", "=", CHENGGUAN)
      .where("status", "=", "released")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const response = await send(prison, "/api/exchange/v1/release-notices", {
      name: subject.name,
      gender: subject.gender,
      birthDate: subject.birth_date,
      idNumber: subject.id_number,
      address: "青禾县河西镇柳湾村5组",
      divisionCode: HEXI,
      crime: "盗窃罪",
      releaseOn: fixedDay(20),
      keyPerson: false,
    });
    expect(response.statusCode, response.body).toBe(201);
    const ref = response.json().ref;
    const stored = await k
      .selectFrom("resettlement")
      .select("subject_id")
      .where("id", "=", ref)
      .executeTakeFirstOrThrow();
    expect(stored.subject_id).toBe(subject.id);

    // The agency sees the link and may open the case; 河西镇's office sees it, but the case is not theirs.
    const atAgency = await listed(staff, "resettlement", ref);
    expect(atAgency.known).toEqual([
      {
        kind: "subject",
        id: subject.id,
        bookNumber: subject.book_number,
        status: "released",
        termEnd: expect.any(String),
        reachable: true,
      },
    ]);
    const hexi = await t.signIn("hexi.head");
    const atOffice = await listed(hexi, "resettlement", ref);
    expect(atOffice.known.map((l: Known) => [l.kind, l.id, l.reachable])).toEqual([
      ["subject", subject.id, false],
    ]);
    const link = JSON.stringify(atOffice.known);
    expect(link).not.toContain(subject.name);
    expect(link).not.toContain(subject.id_number);

    // A notice without an ID number links to nothing: a name is not enough.
    const nameOnly = await send(prison, "/api/exchange/v1/release-notices", {
      name: subject.name,
      gender: subject.gender,
      birthDate: "1970-01-01",
      address: "青禾县河西镇",
      divisionCode: HEXI,
      crime: "诈骗罪",
      releaseOn: fixedDay(21),
      keyPerson: false,
    });
    expect(nameOnly.statusCode, nameOnly.body).toBe(201);
    expect((await listed(staff, "resettlement", nameOnly.json().ref)).known).toEqual([]);
  });

  it("links a rehab notice's person to the earlier resettlement record, and back", async () => {
    const idNumber = makeIdNumber("990121", "1979-11-02", 861);
    const person = { name: "褚国强", gender: "male", birthDate: "1979-11-02", idNumber };
    const released = await send(prison, "/api/exchange/v1/release-notices", {
      ...person,
      address: "青禾县城关镇西街",
      divisionCode: CHENGGUAN,
      crime: "贩卖毒品罪",
      releaseOn: fixedDay(-400),
      keyPerson: true,
    });
    expect(released.statusCode, released.body).toBe(201);
    const earlier = released.json().ref;
    const rehabbed = await send(rehab, "/api/exchange/v1/rehab-notices", {
      noticeMonth: FIXED_TODAY.slice(0, 7),
      persons: [
        { ...person, address: "青禾县城关镇西街", divisionCode: CHENGGUAN, releasedOn: fixedDay(-3) },
      ],
    });
    expect(rehabbed.statusCode, rehabbed.body).toBe(201);
    const later = rehabbed.json().items[0].ref;
    const chengguan = await t.signIn("chengguan.head");
    expect((await listed(chengguan, "aftercare", later)).known).toEqual([
      {
        kind: "resettlement",
        id: earlier,
        from: "禾川省第四监狱",
        on: fixedDay(-400),
        reachable: true,
      },
    ]);
    expect((await listed(chengguan, "resettlement", earlier)).known).toEqual([
      { kind: "aftercare", id: later, from: "云州市第二强制隔离戒毒所", on: fixedDay(-3), reachable: true },
    ]);
  });

  it("stores a prison's notice sent again with a new signature once, answering the existing record", async () => {
    const notice = {
      name: "卫东升",
      gender: "male",
      birthDate: "1988-04-04",
      idNumber: makeIdNumber("990121", "1988-04-04", 871),
      address: "青禾县河西镇",
      divisionCode: HEXI,
      crime: "抢劫罪",
      releaseOn: fixedDay(40),
      keyPerson: true,
    };
    const first = await send(prison, "/api/exchange/v1/release-notices", notice);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ duplicate: false, status: "assigned" });
    const before = await count("resettlement");

    const again = await send(prison, "/api/exchange/v1/release-notices", notice);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), duplicate: true });
    // Sent once more without the ID number (the same name and birth date): the same person.
    const { idNumber: _, ...withoutId } = notice;
    const bare = await send(prison, "/api/exchange/v1/release-notices", withoutId);
    expect(bare.statusCode, bare.body).toBe(200);
    expect(bare.json().ref).toBe(first.json().ref);
    // Copies of a new notice at the same moment make one record (the check and insert are locked).
    const racing = { ...notice, releaseOn: fixedDay(42) };
    const copies = await Promise.all(
      Array.from({ length: 6 }, () => send(prison, "/api/exchange/v1/release-notices", racing)),
    );
    expect(copies.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(copies.map((r) => r.json().ref)).size).toBe(1);
    expect(await count("resettlement")).toBe(before + 1);

    // The agency assigned it elsewhere meanwhile: the answer names the office it is with now.
    await t.database.db.kysely
      .updateTable("resettlement")
      .set({ office_id: CHENGGUAN })
      .where("id", "=", first.json().ref)
      .execute();
    expect((await send(prison, "/api/exchange/v1/release-notices", notice)).json().office).toEqual({
      id: CHENGGUAN,
      name: "城关司法所",
    });

    // Another release day is another notice; a worker typing the same one again is told it exists.
    const later = await send(prison, "/api/exchange/v1/release-notices", {
      ...notice,
      releaseOn: fixedDay(41),
    });
    expect(later.statusCode, later.body).toBe(201);
    const { divisionCode: __, ...typed } = notice;
    const byHand = await staff.post("/api/resettlement", {
      ...typed,
      officeId: HEXI,
      prison: "禾川省第四监狱",
      noticeOn: FIXED_TODAY,
    });
    expect(byHand.statusCode, byHand.body).toBe(409);
    expect(byHand.json().error.message).toContain("已经登记");
    expect(await count("resettlement")).toBe(before + 2);
  });

  it("stores a rehab centre's notice sent again once: the same person, day and centre", async () => {
    const person = (name: string, birthDate: string, n: number) => ({
      name,
      gender: "female",
      birthDate,
      idNumber: makeIdNumber("990121", birthDate, n),
      address: "青禾县城关镇",
      divisionCode: CHENGGUAN,
      releasedOn: fixedDay(-4),
    });
    const a = person("蒋丽", "1990-06-01", 880);
    const b = person("沈梅", "1991-07-02", 882);
    const body = { noticeMonth: FIXED_TODAY.slice(0, 7), persons: [a] };
    const first = await send(rehab, "/api/exchange/v1/rehab-notices", body);
    expect(first.statusCode, first.body).toBe(201);
    const before = await count("aftercare");
    const again = await send(rehab, "/api/exchange/v1/rehab-notices", body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().items).toEqual([{ ...first.json().items[0], duplicate: true }]);
    expect(await count("aftercare")).toBe(before);

    // The notice again with one more person: only the new one is stored.
    const more = await send(rehab, "/api/exchange/v1/rehab-notices", { ...body, persons: [a, b] });
    expect(more.statusCode, more.body).toBe(201);
    expect(more.json().items.map((i: { duplicate: boolean }) => i.duplicate)).toEqual([true, false]);
    expect(more.json().items[0].ref).toBe(first.json().items[0].ref);
    expect(await count("aftercare")).toBe(before + 1);

    // Entered by hand from another centre, it is another stay; from the same centre, it exists.
    const { divisionCode: _, ...typed } = a;
    const otherCentre = await staff.post("/api/aftercare", {
      ...typed,
      officeId: CHENGGUAN,
      rehabCentre: "青禾县强制隔离戒毒所",
      noticeMonth: body.noticeMonth,
      keyPerson: false,
    });
    expect(otherCentre.statusCode, otherCentre.body).toBe(201);
    const sameCentre = await staff.post("/api/aftercare", {
      ...typed,
      officeId: CHENGGUAN,
      rehabCentre: "云州市第二强制隔离戒毒所",
      noticeMonth: body.noticeMonth,
      keyPerson: false,
    });
    expect(sameCentre.statusCode, sameCentre.body).toBe(409);
    expect(await count("aftercare")).toBe(before + 2);
  });
});
