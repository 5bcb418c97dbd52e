// 信息共享 in Chromium: the agency registers a court and sees its secret once (the list never shows it
// again); a handover signed with that key by the court's server (this test) appears in 交付接收. Then
// the court subscribes its webhook (a receiver on 127.0.0.1 started here) to releases; a person it
// handed over is registered and released by the office head in the console; the agency's 立即推送 sends
// the notice, which the court receives once, signed with its key; the console shows it delivered.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { methodPathTimestampBodyHash, signText } from "../src/http/signed-request.ts";
import { makeIdNumber } from "../src/shared/id-number.ts";
import { FIXED_NOW, fixedDay } from "../test/helpers/fixed-now.ts";
import { ExchangePage, IntakePage, LoginPage, qa, TodayPage } from "../web/e2e-pages/index.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

/** What the court's server would send: a signed call at the product's clock, with its key. */
async function courtCall(
  product: Product,
  key: { keyId: string; secret: string },
  path: string,
  payload: unknown,
): Promise<Response> {
  const body = JSON.stringify(payload);
  const timestamp = new Date(FIXED_NOW).toISOString();
  return fetch(`${product.baseUrl}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-onebook-key": key.keyId,
      "x-onebook-timestamp": timestamp,
      "x-onebook-signature": signText(
        key.secret,
        methodPathTimestampBodyHash({ method: "POST", path, timestamp, rawBody: body }),
      ),
    },
    body,
  });
}

describe("信息共享 in Chromium", () => {
  let product: Product;
  /** The court registered by the first test, with the key the agency handed it. */
  let key = { keyId: "", secret: "" };
  /** The person the second test releases from correction. */
  const released = { subjectId: "", name: "钱立群", birth: "1980-04-12", idNumber: "" };

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it("registers a court with its secret shown once; the court's signed handover lands in 交付接收", async () => {
    const context = await product.newContext();
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("agency.staff1", "onebook2025");
    const exchange = new ExchangePage(page);
    await exchange.goto();
    key = await exchange.register({ kind: "人民法院", name: "青禾市中级人民法院", alsoAllow: ["事件推送"] });
    expect(key.secret).toMatch(/^[0-9a-f]{64}$/);
    const row = exchange.row("青禾市中级人民法院");
    await row.waitFor();
    expect(await row.textContent()).toContain(key.keyId);
    expect(await page.content()).not.toContain(key.secret);
    await page.screenshot({ path: join(screenshotDir, "exchange-partners.png"), fullPage: true });

    // The court's server: a signed POST with the body's hash, at the product's clock.
    const sent = await courtCall(product, key, "/api/exchange/v1/handovers", {
      decidingOrgan: "青禾市中级人民法院",
      judgmentNumber: "（2026）青中刑终55号",
      judgmentEffectiveDate: fixedDay(-2),
      receivedOn: fixedDay(0),
      correctionType: "probation",
      termStart: fixedDay(-2),
      termEnd: "2028-06-30",
      crimeText: "盗窃罪",
      crimeCategories: ["theft"],
      personName: "孙志远",
      personIdNumber: makeIdNumber("990121", "1984-09-09", 551),
    });
    expect(sent.status, await sent.clone().text()).toBe(201);

    const intake = new IntakePage(page);
    await intake.goto();
    const handover = qa(page, "handover-table").locator("tr", { hasText: "（2026）青中刑终55号" }).first();
    await handover.waitFor();
    expect(await handover.textContent()).toContain("孙志远");

    // The demo's dead letter is on the agency's Today; one click sends it again and it goes.
    const today = new TodayPage(page);
    await today.goto();
    const dead = today.rows.filter({ hasText: "信息共享推送未送达" }).first();
    await dead.waitFor();
    const deadKey = (await dead.getAttribute("data-key")) ?? "";
    expect(deadKey).toMatch(/^exchange_dead:/);
    await qa(dead, "today-action").click();
    await page.locator(`[data-key="${deadKey}"]`).waitFor({ state: "detached" });

    // The case page of the person those notices were about lists them: delivered, and queued again.
    const subjectId = await page.evaluate(async () => {
      const list = await (await fetch("/api/subjects?status=in_correction&pageSize=200")).json();
      for (const s of list.items as { id: string }[]) {
        const sent = await (await fetch(`/api/subjects/${s.id}/exchange-deliveries`)).json();
        if (sent.items.length > 0) return s.id;
      }
      return "";
    });
    expect(subjectId).not.toBe("");
    await page.goto(`/subjects/${subjectId}`);
    const rows = qa(qa(page, "subject-exchange"), "exchange-delivery");
    await rows.first().waitFor();
    expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).sort()).toEqual([
      "delivered",
      "pending",
    ]);
    expect(await qa(page, "subject-exchange").textContent()).toContain("已送达");
    await context.close();
  });

  it("the court's webhook receives the release notice once, signed with its key; the console shows it delivered", async () => {
    expect(key.secret, "the first test registers the court").not.toBe("");
    const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ path: req.url ?? "", headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
    try {
      const hookPath = "/court/onebook-events";
      const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${hookPath}`;
      const hook = await courtCall(product, key, "/api/exchange/v1/webhooks", {
        url: hookUrl,
        events: ["release"],
      });
      expect(hook.status, await hook.clone().text()).toBe(201);

      // A person the court handed over, whose term ends today; registered by the agency (setup, by the API).
      const NAME = released.name;
      const BIRTH = released.birth;
      const ID_NUMBER = makeIdNumber("990121", BIRTH, 553);
      released.idNumber = ID_NUMBER;
      const handed = await courtCall(product, key, "/api/exchange/v1/handovers", {
        decidingOrgan: "青禾市中级人民法院",
        judgmentNumber: "（2026）青中刑终57号",
        judgmentEffectiveDate: fixedDay(-200),
        receivedOn: fixedDay(-199),
        correctionType: "probation",
        termStart: fixedDay(-200),
        termEnd: fixedDay(0),
        crimeText: "盗窃罪",
        crimeCategories: ["theft"],
        personName: NAME,
        personIdNumber: ID_NUMBER,
      });
      expect(handed.status, await handed.clone().text()).toBe(201);
      const ref = (await handed.json()).ref as string;
      const agency = await product.newContext();
      const agencyPage = await agency.newPage();
      await new LoginPage(agencyPage).goto();
      await new LoginPage(agencyPage).login("agency.staff1", "onebook2025");
      const subjectId = await agencyPage.evaluate(
        async ({ ref, NAME, ID_NUMBER, BIRTH, day }) => {
          const places = await (await fetch("/api/places")).json();
          const office = places.offices.find((o: { name: string }) => o.name.includes("城关"));
          const csrf = document.cookie.match(/onebook_csrf=([^;]+)/)?.[1] ?? "";
          const response = await fetch(`/api/handovers/${ref}/register`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-csrf-token": csrf },
            body: JSON.stringify({
              name: NAME,
              idNumber: ID_NUMBER,
              birthDate: BIRTH,
              gender: "male",
              officeId: office.id,
              intakeDate: day,
            }),
          });
          const answer = await response.json();
          return (answer.subjectId as string) ?? JSON.stringify(answer);
        },
        { ref, NAME, ID_NUMBER, BIRTH, day: fixedDay(-195) },
      );
      expect(subjectId).toMatch(/^[0-9a-f-]{36}$/);
      released.subjectId = subjectId;

      // The office head announces the release in the console, on the last day of the term.
      const headContext = await product.newContext();
      const headPage = await headContext.newPage();
      await new LoginPage(headPage).goto();
      await new LoginPage(headPage).login("chengguan.head", "onebook2025");
      await headPage.goto(`/release/${subjectId}`);
      await qa(headPage, "release-place").fill("城关司法所宣告室");
      await qa(headPage, "release-others").fill("村委会代表李明");
      await qa(headPage, "release-submit").click();
      await qa(headPage, "case-end").waitFor();

      // The agency pushes now from 信息共享 instead of waiting for the minute's job.
      const exchange = new ExchangePage(agencyPage);
      await exchange.goto();
      const activity = await exchange.openActivity("青禾市中级人民法院");
      expect(await activity.textContent()).toContain(`${hookUrl}（有效）`);
      expect(await exchange.pushNow(activity)).toContain("送达 1 条");
      const delivered = qa(activity, "exchange-delivery-row").filter({ hasText: "解除矫正或终止" });
      await delivered.and(agencyPage.locator('[data-status="delivered"]')).waitFor();
      expect(await delivered.textContent()).toContain("已送达");
      await agencyPage.screenshot({ path: join(screenshotDir, "exchange-push.png"), fullPage: true });

      // The court received it once, and checks the signature with its own key as its server would.
      expect(received).toHaveLength(1);
      const notice = received[0]!;
      expect(notice.path).toBe(hookPath);
      expect(notice.headers["x-onebook-key"]).toBe(key.keyId);
      expect(notice.headers["x-onebook-signature"]).toBe(
        signText(
          key.secret,
          methodPathTimestampBodyHash({
            method: "POST",
            path: hookPath,
            timestamp: String(notice.headers["x-onebook-timestamp"]),
            rawBody: notice.body,
          }),
        ),
      );
      const payload = JSON.parse(notice.body);
      expect(payload).toMatchObject({ event: "release", personRef: ref, endKind: "release" });
      expect(notice.body).not.toContain(NAME);
      expect(notice.body).not.toContain(ID_NUMBER);

      // A second push sends nothing again; the case page shows the notice delivered.
      expect(await exchange.pushNow(activity)).toContain("没有到时间的待发送推送");
      expect(received).toHaveLength(1);
      await headPage.goto(`/subjects/${subjectId}`);
      const onCase = qa(qa(headPage, "subject-exchange"), "exchange-delivery");
      await onCase.first().waitFor();
      expect(await onCase.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).toEqual([
        "delivered",
      ]);
      expect(await qa(headPage, "subject-exchange").textContent()).toContain("青禾市中级人民法院");
      await agency.close();
      await headContext.close();
    } finally {
      receiver.close();
    }
  });

  it("a prison's notice of the person once under correction shows on 安置帮教 with a link to the case", async () => {
    expect(released.subjectId, "the second test releases the person").not.toBe("");
    const context = await product.newContext();
    const page = await context.newPage();
    await new LoginPage(page).goto();
    await new LoginPage(page).login("agency.staff1", "onebook2025");
    const exchange = new ExchangePage(page);
    await exchange.goto();
    const prison = await exchange.register({
      kind: "监狱",
      name: "禾川省第五监狱",
      alsoAllow: ["预释放人员通知"],
    });
    const notice = await courtCall(product, prison, "/api/exchange/v1/release-notices", {
      name: released.name,
      gender: "male",
      birthDate: released.birth,
      idNumber: released.idNumber,
      address: "青禾县城关镇北街",
      divisionCode: "990121100",
      crime: "诈骗罪",
      releaseOn: fixedDay(30),
      keyPerson: false,
    });
    expect(notice.status, await notice.clone().text()).toBe(201);
    const ref = (await notice.json()).ref as string;

    await page.goto(`/resettlement?id=${ref}`);
    const known = qa(page, "known-person");
    await known.waitFor();
    const link = qa(known, "known-link");
    expect(await link.getAttribute("data-kind")).toBe("subject");
    expect(await link.textContent()).toMatch(/^曾为社区矫正对象（编号.+，已解矫）$/);
    await page.screenshot({ path: join(screenshotDir, "resettlement-known-person.png"), fullPage: true });
    await link.locator("a").click();
    await page.waitForURL(`**/subjects/${released.subjectId}`);
    await context.close();
  });
});
