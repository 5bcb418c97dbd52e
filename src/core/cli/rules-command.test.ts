import { describe, expect, it } from "vitest";
import { makeCase } from "../testing/case-builder.ts";
import { commandHarness } from "./command-test-support.ts";
import { runRulesCommand } from "./rules-command.ts";

const { output, file, missing } = commandHarness("onebook-rules-");

describe("onebook rules", () => {
  it("evaluate FILE prints the result as JSON with a 2-space indent and exits 0", async () => {
    const code = await runRulesCommand([
      "evaluate",
      file("case.json", makeCase("2025-08-15T10:00:00+08:00")),
    ]);
    expect(code).toBe(0);
    expect(output.err).toBe("");
    expect(
      output.out.startsWith('{\n  "asOf": "2025-08-15T10:00:00+08:00",\n  "policy": "yirenyice-2025"'),
    ).toBe(true);
    expect(JSON.parse(output.out).subjectId).toBe("S1");
  });

  it("evaluate-office FILE prints the ten items", async () => {
    const input = {
      asOf: "2025-08-12T20:00:00+08:00",
      subjects: [{ id: "S1", level: "key", onLeave: false }],
      checks: [],
      visits: [],
      registeredAtPeriodStart: { month: { keyOrStrict: 1 }, quarter: { normal: 0 } },
    };
    expect(await runRulesCommand(["evaluate-office", file("office.json", input)])).toBe(0);
    expect(JSON.parse(output.out).items).toHaveLength(10);
  });

  it("leave FILE prints the advice on one application", async () => {
    const input = {
      asOf: "2025-08-17T09:00:00+08:00",
      subject: {
        id: "S1",
        level: "normal",
        correctionType: "parole",
        termEnd: "2026-04-09",
        residenceCounty: "990101",
      },
      application: {
        id: "A1",
        kind: "ordinary",
        from: "2025-08-10",
        to: "2025-08-16",
        destinationCounty: "990201",
        reason: "探望住院的母亲",
        proofAttached: true,
        appliedAt: "2025-08-01T09:00:00+08:00",
        approvedAt: "2025-08-04T15:00:00+08:00",
      },
      otherLeaves: [],
    };
    expect(await runRulesCommand(["leave", file("leave.json", input)])).toBe(0);
    expect(JSON.parse(output.out)).toMatchObject({
      approver: { by: "office" },
      returnDue: { status: "overdue" },
      overdue: true,
    });
    input.application.to = "2025-08-09";
    output.out = "";
    expect(await runRulesCommand(["leave", file("leave-bad.json", input)])).toBe(2);
    expect(output.err).toBe("invalid input at application.to: to is before from\n");
  });

  it("sanction FILE prints the proposal and the clocks; bad input names the JSON path", async () => {
    const input = {
      asOf: "2025-09-20T10:00:00+08:00",
      subject: { id: "S1", correctionType: "parole" },
      violations: [{ id: "V1", kind: "out_of_supervision", days: 35, at: "2025-08-20T10:00:00+08:00" }],
      sanctions: [],
    };
    expect(await runRulesCommand(["sanction", file("sanction.json", input)])).toBe(0);
    expect(JSON.parse(output.out)).toMatchObject({
      subjectId: "S1",
      proposal: { step: "revocation_request", because: ["V1"] },
      clocks: [],
    });
    output.out = "";
    const bad = {
      ...input,
      sanctions: [{ id: "N1", kind: "warning", at: "2025-09-01T10:00:00+08:00", violationIds: ["V1", "V9"] }],
    };
    expect(await runRulesCommand(["sanction", file("bad-sanction.json", bad)])).toBe(2);
    expect(output.err).toMatch(/^invalid input at sanctions\[0\]\.violationIds\[1\]: [^\n]*\n$/);
    expect(output.out).toBe("");
  });

  it("bad input exits 2 with one line on stderr naming the field", async () => {
    const c = makeCase("2025-08-15T10:00:00+08:00", { termEnd: "2025-01-01" });
    expect(await runRulesCommand(["evaluate", file("bad.json", c)])).toBe(2);
    expect(output.err).toMatch(/^invalid input at subject\.termEnd: .*\n$/);
    expect(output.out).toBe("");
  });

  it("unreadable JSON exits 2 with one line", async () => {
    expect(await runRulesCommand(["evaluate", file("broken.json", "{ not json")])).toBe(2);
    expect(output.err.trim().split("\n")).toHaveLength(1);
    expect(output.err).toContain("not valid JSON");
  });

  it("a missing file exits 2", async () => {
    expect(await runRulesCommand(["evaluate", missing("missing.json")])).toBe(2);
    expect(output.err).toContain("cannot read");
  });

  it("--help prints usage and exits 0; an unknown command exits 2", async () => {
    expect(await runRulesCommand(["--help"])).toBe(0);
    expect(output.out).toContain("evaluate-office");
    expect(await runRulesCommand(["evaluate", "--help"])).toBe(0);
    expect(await runRulesCommand(["judge"])).toBe(2);
    expect(output.err).toContain("unknown rules command: judge");
  });

  describe("the calendar past 2026", () => {
    const intake2026 = () =>
      file(
        "intake-2026-12-29.json",
        makeCase("2026-12-30T10:00:00+08:00", {
          termStart: "2026-12-29",
          termEnd: "2027-12-28",
          intakeDate: "2026-12-29",
        }),
      );
    const notice2027 = {
      year: 2027,
      source: "测试用通知",
      holidays: ["2027-01-01", "2027-01-02", "2027-01-03", "2027-02-05", "2027-02-06", "2027-02-07"],
      workdays: [],
    };
    const basicInfo = (out: string) =>
      (JSON.parse(out).deadlines as { section: string; dueBy: string }[]).find(
        (d) => d.section === "basic_info",
      );

    it("intake 2026-12-29: basic information due 2027-01-04 (not New Year's Day), warned as provisional", async () => {
      expect(await runRulesCommand(["evaluate", intake2026()])).toBe(0);
      expect(basicInfo(output.out)?.dueBy).toBe("2027-01-04T23:59:59+08:00");
      expect(JSON.parse(output.out).warnings).toEqual([
        expect.objectContaining({ code: "provisional_calendar", year: 2027 }),
      ]);
    });

    it("--calendar with the 2027 notice removes the warning", async () => {
      const code = await runRulesCommand([
        "evaluate",
        "--calendar",
        file("n2027.json", notice2027),
        intake2026(),
      ]);
      expect(code).toBe(0);
      expect(basicInfo(output.out)?.dueBy).toBe("2027-01-04T23:59:59+08:00");
      expect(JSON.parse(output.out).warnings).toEqual([]);
    });

    it("a bad notice exits 2 with one line naming the file and the field", async () => {
      const bad = file("bad-notice.json", { ...notice2027, workdays: ["2027-01-02"] });
      expect(await runRulesCommand(["evaluate", "--calendar", bad, intake2026()])).toBe(2);
      expect(output.err).toBe(
        `invalid calendar notice ${bad} at workdays[0]: 日期 2027-01-02 既是放假日又是调休上班日\n`,
      );
      expect(output.out).toBe("");
    });
  });
});
