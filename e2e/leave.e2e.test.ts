// 请销假 in Chromium: the office assistant files a 5-day leave for a normal person from the case page
// (division pickers, the engine's advice at once), the office head approves it with the written reason
// the short notice needs, and 今日工作 shows the day's sign-in checks, recorded there in one click. The
// calendar of who is away shows the leave; an application returned for more proof is edited, filed
// again as its second version and approved.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedDay } from "../test/helpers/fixed-now.ts";
import { LeaveCalendar, LeaveDetail, LeaveForm, LoginPage, qa, TodayPage } from "../web/e2e-pages/index.ts";
import { text } from "../web/e2e-pages/qa.ts";
import { type Product, screenshotDir, startProduct } from "./harness.ts";

// The product runs at the tests' fixed instant (ONEBOOK_NOW): "today" is its day.
const cstDay = (offsetDays = 0) => fixedDay(offsetDays);
// Each step of the story drives several pages; on a shared, loaded machine 60 s is too tight.
const STORY_TIMEOUT = 180_000;

describe("请销假 in Chromium", () => {
  let product: Product;
  let subjectId = "";
  let leaveId = "";

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it(
    "the office assistant files a 5-day leave and sees the engine's advice",
    async () => {
      const context = await product.newContext();
      const page = await context.newPage();
      await new LoginPage(page).goto();
      await new LoginPage(page).login("chengguan.assistant", "onebook2025");
      await page.waitForURL(/\/today/);
      // A normal-level person of the office, not on leave now.
      subjectId = await page.evaluate(async () => {
        const r = await fetch("/api/subjects?level=normal&status=in_correction&pageSize=50");
        const body = (await r.json()) as { items: { id: string; termEnd: string }[] };
        const away = await (await fetch("/api/leave?status=away")).json();
        const busy = new Set((away.items as { subject: { id: string } }[]).map((a) => a.subject.id));
        return body.items.find((s) => s.termEnd > "2027-01-01" && !busy.has(s.id))?.id ?? "";
      });
      expect(subjectId).not.toBe("");
      await page.goto(`/subjects/${subjectId}`);
      await qa(page, "subject-leave-new").click();
      const form = new LeaveForm(page);
      await form.root.waitFor();
      await form.fill({
        from: cstDay(0),
        to: cstDay(4),
        destination: ["浙江省", "杭州市", "上城区"],
        reason: "探望住院的母亲",
      });
      expect(await form.approver()).toBe("office");
      // A full-page capture resizes the page; the form stays open (the frame no longer re-mounts the page).
      await page.screenshot({ path: join(screenshotDir, "leave-form.png"), fullPage: true });
      await form.submit();
      const detail = new LeaveDetail(page);
      expect(await detail.status()).toBe("pending");
      leaveId = await page.evaluate(async (id) => {
        const r = await fetch(`/api/leave?status=pending&subjectId=${id}`);
        return ((await r.json()) as { items: { id: string }[] }).items[0]?.id ?? "";
      }, subjectId);
      expect(leaveId).not.toBe("");
      await context.close();
    },
    STORY_TIMEOUT,
  );

  it(
    "the office head approves it with the written reason the short notice needs",
    async () => {
      const context = await product.newContext();
      const page = await context.newPage();
      await new LoginPage(page).goto();
      await new LoginPage(page).login("chengguan.head", "onebook2025");
      await page.waitForURL(/\/today/);
      await page.goto(`/leave?status=pending&id=${leaveId}`);
      const detail = new LeaveDetail(page);
      expect(await detail.status()).toBe("pending");
      expect(await detail.warnings()).toEqual(["proof_missing", "short_notice"]);
      await detail.approve("事由属实，同意", "母亲突发疾病住院，情况紧急，已电话核实");
      expect(await detail.statusLabel()).toBe("已批准");
      await page.screenshot({ path: join(screenshotDir, "leave-approved.png"), fullPage: true });
      await context.close();
    },
    STORY_TIMEOUT,
  );

  it(
    "the calendar of who is away shows the person away today and the rest of the leave to come",
    async () => {
      const context = await product.newContext();
      const page = await context.newPage();
      await new LoginPage(page).goto();
      await new LoginPage(page).login("chengguan.head", "onebook2025");
      await page.waitForURL(/\/today/);
      const calendar = new LeaveCalendar(page);
      await calendar.goto();
      expect(await calendar.state(leaveId)).toBe("外出中");
      expect(await calendar.days(leaveId)).toEqual({
        [cstDay(0)]: "away",
        [cstDay(1)]: "planned",
        [cstDay(2)]: "planned",
        [cstDay(3)]: "planned",
        [cstDay(4)]: "planned",
      });
      await page.screenshot({ path: join(screenshotDir, "leave-calendar.png"), fullPage: true });
      // A row opens the application.
      await calendar.row(leaveId).click();
      expect(await new LeaveDetail(page).status()).toBe("approved");
      await context.close();
    },
    STORY_TIMEOUT,
  );

  it(
    "returned for more proof, the application is edited and filed again; the approver sees both versions",
    async () => {
      const context = await product.newContext();
      const page = await context.newPage();
      await new LoginPage(page).goto();
      await new LoginPage(page).login("chengguan.assistant", "onebook2025");
      await page.waitForURL(/\/today/);
      await page.goto(`/subjects/${subjectId}`);
      await qa(page, "subject-leave-new").click();
      const form = new LeaveForm(page);
      await form.root.waitFor();
      await form.fill({
        from: cstDay(10),
        to: cstDay(12),
        destination: ["浙江省", "杭州市", "上城区"],
        reason: "参加亲属婚礼",
      });
      await form.submit();
      expect(await new LeaveDetail(page).status()).toBe("pending");
      const secondId = await page.evaluate(async (id) => {
        const r = await fetch(`/api/leave?status=pending&subjectId=${id}`);
        return ((await r.json()) as { items: { id: string }[] }).items[0]?.id ?? "";
      }, subjectId);
      expect(secondId).not.toBe("");

      const headContext = await product.newContext();
      const headPage = await headContext.newPage();
      await new LoginPage(headPage).goto();
      await new LoginPage(headPage).login("chengguan.head", "onebook2025");
      await headPage.waitForURL(/\/today/);
      await headPage.goto(`/leave?status=pending&id=${secondId}`);
      const headView = new LeaveDetail(headPage);
      expect(await headView.status()).toBe("pending");
      await headView.decide("退回补充材料", "请补充婚礼请柬", "returned");

      await page.goto(`/leave?status=returned&id=${secondId}`);
      const detail = new LeaveDetail(page);
      expect(await detail.status()).toBe("returned");
      const edit = await detail.edit();
      await edit.change({ to: cstDay(13), reason: "参加亲属婚礼（请柬随后补交）" });
      await page.screenshot({ path: join(screenshotDir, "leave-edit.png"), fullPage: true });
      await edit.submit();
      await detail.waitForStatus("pending");
      expect(await detail.revisions()).toEqual(["1"]);

      await headPage.goto(`/leave?status=pending&id=${secondId}`);
      expect(await headView.status()).toBe("pending");
      expect(await headView.revisions()).toEqual(["1"]);
      expect(await text(qa(headPage, "leave-revisions"))).toContain(`${cstDay(10)} 至 ${cstDay(12)}`);
      expect(await headView.warnings()).toEqual(["proof_missing"]);
      await headView.approve("事由属实，同意", "请柬已电话核实，返回后补交");
      expect(await headView.statusLabel()).toBe("已批准");
      await headContext.close();
      await context.close();
    },
    2 * STORY_TIMEOUT,
  );

  it(
    "今日工作 shows the day's sign-in checks, recorded there in one click",
    async () => {
      const context = await product.newContext();
      const page = await context.newPage();
      await new LoginPage(page).goto();
      await new LoginPage(page).login("chengguan.assistant", "onebook2025");
      const today = new TodayPage(page);
      await page.waitForURL(/\/today/);
      await today.waitForData();
      const key = `obligation:${subjectId}:leave_signin_check:${cstDay(0)}/${cstDay(0)}`;
      expect(await today.keys()).toContain(key);
      expect(await today.titleOf(key)).toBe("请假期间在线签到核查");
      const modal = await today.openAction(key);
      expect(await modal.getAttribute("data-kind")).toBe("leave_signin_check");
      await today.submitRecord();
      await page.waitForFunction(
        (k) =>
          document.querySelector(`[data-qa="today-row"][data-key="${k}"]`)?.textContent?.includes("已 1"),
        key,
      );
      await context.close();
    },
    STORY_TIMEOUT,
  );

  it(
    "the agency sees each office's leave files of last month",
    async () => {
      const context = await product.newContext();
      const page = await context.newPage();
      await new LoginPage(page).goto();
      await new LoginPage(page).login("agency.head", "onebook2025");
      await page.waitForURL(/\/today/);
      await page.goto("/leave?status=files");
      await qa(page, "leave-files-office").first().waitFor();
      expect(await qa(page, "leave-files-office").count()).toBe(3);
      await page.screenshot({ path: join(screenshotDir, "leave-files.png"), fullPage: true });
      await context.close();
    },
    STORY_TIMEOUT,
  );
});
