import type { Download, Locator, Page } from "playwright-core";
import { chooseOption, fillDate, qa, text, waitForSubmitted, waitOpened } from "./qa.ts";

/** The person of a notice as its form asks for them. */
export interface NoticePerson {
  name: string;
  gender: "男" | "女";
  birthDate: string;
  address: string;
}

/** The open form of a care page (the modal holding `field`). */
function careForm(page: Page, field: string): Locator {
  return page.locator(".ant-modal").filter({ has: qa(page, field) });
}

/** Fills the person fields of an open notice form. */
async function fillPerson(page: Page, person: NoticePerson): Promise<void> {
  await qa(page, "person-name").fill(person.name);
  await careForm(page, "person-name").locator(".ant-radio-wrapper", { hasText: person.gender }).click();
  await fillDate(page, "person-birth", person.birthDate);
  await qa(page, "person-address").fill(person.address);
}

/** Saves the open form of a care page (`qa` its test id) and waits until it has gone. */
async function saveForm(page: Page, form: string, what: string): Promise<void> {
  const save = qa(page, `${form}-save`);
  await save.click();
  await waitForSubmitted(page, save, what);
}

/** A care page at `path`: the rows of its list, the detail a row opens, and its downloads. */
class CareList {
  constructor(
    readonly page: Page,
    readonly path: string,
    readonly list: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(this.path);
    await qa(this.page, this.list).waitFor();
  }

  /** Clicks a download link and returns the file it gives. */
  protected async download(link: Locator): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), link.click()]);
    return download;
  }

  row(name: string): Locator {
    return qa(this.page, this.list).locator("tr.ant-table-row", { hasText: name });
  }

  /** Opens a row's detail (once) and returns it. */
  async expand(name: string): Promise<Locator> {
    const row = this.row(name);
    await row.waitFor();
    const detail = row.locator("xpath=following-sibling::tr[1][contains(@class,'ant-table-expanded-row')]");
    if (!(await detail.isVisible())) await row.locator(".ant-table-row-expand-icon").click();
    await detail.waitFor();
    return detail;
  }
}

/** 后续照管: the list, the indicator cards, and the follow-up form opened from 今日工作. */
export class AftercarePage extends CareList {
  constructor(page: Page) {
    super(page, "/aftercare", "aftercare-list");
  }

  /** The rate an indicator card shows ("—" when nobody counts). */
  async indicator(id: "care" | "abstinence"): Promise<string> {
    const card = qa(this.page, `indicator-${id}`);
    await card.waitFor();
    return text(card.locator(".ant-statistic-content"));
  }

  /** The follow-up form is open (from Today's action); fills it and saves. */
  async recordFollowup(content: string): Promise<void> {
    const modal: Locator = this.page.locator(".ant-modal").filter({ has: qa(this.page, "contact-content") });
    await waitOpened(modal);
    await qa(this.page, "contact-content").fill(content);
    await qa(this.page, "aftercare-form-save").click();
    await modal.waitFor({ state: "detached", timeout: 20_000 });
  }
}

/** 调查评估: commissions received, assigned, investigated and concluded; the opinion in Word. */
export class InvestigationPage extends CareList {
  constructor(page: Page) {
    super(page, "/investigation", "investigation-list");
  }

  /** The agency registers a court's commission received by hand. */
  async receive(c: { court: string; commissionNo: string; charge: string; person: NoticePerson }) {
    await qa(this.page, "investigation-new").click();
    await qa(this.page, "investigation-court").fill(c.court);
    await qa(this.page, "investigation-no").fill(c.commissionNo);
    await fillPerson(this.page, c.person);
    await qa(this.page, "investigation-charge").fill(c.charge);
    await saveForm(this.page, "investigation-form", "the commission form");
    await this.row(c.person.name).waitFor();
  }

  /** The status a row shows. */
  async status(name: string): Promise<string> {
    return text(qa(this.row(name), "investigation-status"));
  }

  /** The agency assigns the commission to an office. */
  async assign(name: string, office: string): Promise<void> {
    const detail = await this.expand(name);
    await qa(detail, "investigation-assign").click();
    await chooseOption(this.page, "care-office", office);
    await saveForm(this.page, "investigation-form", "the assignment form");
  }

  /** The office records a visit (the form's default way) and what it found. */
  async recordFinding(name: string, findings: string): Promise<void> {
    const detail = await this.expand(name);
    await qa(detail, "investigation-note").click();
    await qa(this.page, "investigation-findings").fill(findings);
    await saveForm(this.page, "investigation-form", "the investigation form");
    await detail.getByText(findings).waitFor();
  }

  /** The office gives its opinion (the form's default, 适宜社区矫正) with its reasons. */
  async giveOpinion(name: string, reasons: string): Promise<void> {
    const detail = await this.expand(name);
    await qa(detail, "investigation-opinion").click();
    await qa(this.page, "investigation-reasons").fill(reasons);
    await saveForm(this.page, "investigation-form", "the opinion form");
    await qa(detail, "investigation-docx").waitFor();
  }

  async downloadOpinion(name: string): Promise<Download> {
    return this.download(qa(await this.expand(name), "investigation-docx"));
  }
}

/** 安置帮教: pre-release notices, the hand-over steps, the indicators and the ledger. */
export class ResettlementPage extends CareList {
  constructor(page: Page) {
    super(page, "/resettlement", "resettlement-list");
  }

  override async goto(): Promise<void> {
    await super.goto();
    await qa(this.page, "indicator-verification").waitFor();
  }

  /** What an indicator card shows: the rate and the persons counted ("2/3人"). */
  async indicator(id: string): Promise<{ rate: string; count: string }> {
    const card = qa(this.page, `indicator-${id}`);
    await card.waitFor();
    const rate = await text(card.locator(".ant-statistic-content"));
    const count = await text(card.locator(".ant-card-body > div").last());
    return { rate, count: count.replace(/目标.*$/, "") };
  }

  /** The office registers a prison's pre-release notice (received today, the form's default). */
  async registerNotice(n: { prison: string; crime: string; releaseOn: string; person: NoticePerson }) {
    await qa(this.page, "resettlement-new").click();
    await fillPerson(this.page, n.person);
    await qa(this.page, "resettlement-prison").fill(n.prison);
    await qa(this.page, "resettlement-crime").fill(n.crime);
    await fillDate(this.page, "resettlement-release", n.releaseOn);
    await saveForm(this.page, "resettlement-form", "the pre-release notice form");
    await this.row(n.person.name).waitFor();
  }

  /** Records a step of the hand-over (dated today, the form's default); returns the detail. */
  async recordStep(name: string, step: string): Promise<Locator> {
    const detail = await this.expand(name);
    await qa(detail, `step-${step}`).click();
    await saveForm(this.page, "resettlement-form", `the ${step} form`);
    await qa(detail, `step-${step}`).waitFor({ state: "detached" });
    return detail;
  }

  async downloadLedger(): Promise<Download> {
    return this.download(qa(this.page, "resettlement-export"));
  }
}
