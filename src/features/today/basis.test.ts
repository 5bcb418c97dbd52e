import { describe, expect, it } from "vitest";
import { derivePolicy, getPolicy } from "../../core/index.ts";
import { basisDescriber, obligationCode, officeItemCode, seedQuoteOf } from "./basis.ts";

describe("a Today item's basis as a worker reads it", () => {
  const profile = getPolicy();
  const describe_ = basisDescriber(profile);

  it("words the rule itself from the county's profile, with its source and the seed's sentence", () => {
    const b = describe_(obligationCode("in_person_report", "key"), "seed 000 §九.2(4)");
    expect(b).toMatchObject({
      basisCode: "obligations.in_person_report.byLevel.key",
      basisText: "重点人员每半月当面报告1次",
      basisSource: "《一人一册实施方案》§九.2(4)",
    });
    expect(b.basisQuote).toContain("每半月当面报告一次");
    expect(describe_(obligationCode("field_visit", "normal"), "seed 000 §九.2(3)").basisText).toBe(
      "普管人员每季度实地查访1次（由司法所负责人或司法协理员完成）",
    );
    expect(describe_(officeItemCode("office_off_hours"), "seed 000 §九.2(1)").basisText).toBe(
      "每日非工作时间（08:30至17:30以外）核查人数不少于在册人数的10%",
    );
    expect(describe_("alerts.handleWithinHours", "seed 000 §九.3(1)").basisText).toBe(
      "预警发出后24小时内处置",
    );
  });

  it("follows the county's own numbers", () => {
    const county = derivePolicy(profile, "test-county", (p) => {
      p.obligations.in_person_report.byLevel.normal = {
        ...p.obligations.in_person_report.byLevel.normal!,
        period: "half_month",
      };
    });
    expect(basisDescriber(county)(obligationCode("in_person_report", "normal"), "x").basisText).toBe(
      "普管人员每半月当面报告1次",
    );
  });

  it("quotes every paragraph a basis cites, and nothing for a basis without a seed", () => {
    const quote = seedQuoteOf("seed 000 §九.2(3), §九.3(1)") ?? "";
    expect(quote).toContain("司法所负责人每月至少一次实地查访");
    expect(quote).toContain("24小时内及时处置");
    expect(seedQuoteOf("Community Correction Law Art. 44")).toBeNull();
  });

  it("says every rule of a Today item in Chinese", () => {
    for (const code of [
      ...["phone_report", "in_person_report", "location_report", "field_visit"].flatMap((k) =>
        ["key", "strict", "normal"].map((l) => obligationCode(k, l)),
      ),
      obligationCode("leave_signin_check", "key"),
      obligationCode("leave_phone_check", "key"),
      "book.oneOff.intake_summary",
      "book.quarterly_evaluation",
      "team.feedbackFormsPerMemberPerMonth",
      "obligations.lostContactVisit.withinHours",
      "leave.filesHandedInByDayOfNextMonth",
      ...["office_morning_round", "office_afternoon_round", "agency_visit_sample_quarter"].map(
        officeItemCode,
      ),
    ])
      expect(describe_(code, "seed 000 §九.2").basisText, code).not.toMatch(/[A-Za-z]{2,}/);
  });
});
