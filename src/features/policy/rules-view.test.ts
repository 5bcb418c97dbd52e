import { describe, expect, it } from "vitest";
import { derivePolicy, getPolicy } from "../../core/index.ts";
import { rulesView } from "./rules-view.ts";

/** Every number and yes/no of a profile, by its dotted path. */
function leaves(value: unknown, path = ""): string[] {
  if (typeof value === "number" || typeof value === "boolean") return [path];
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [];
}

describe("the county's rules as a worker reads them", () => {
  const profile = getPolicy();
  const groups = rulesView(profile);
  const rows = groups.flatMap((g) => g.rules);

  it("shows every number of the profile", () => {
    // `profileDefault` marks where the profile chose a time the seed leaves open: shown as the basis.
    const numbers = leaves(profile).filter((p) => !p.endsWith(".profileDefault"));
    const shown = rows.flatMap((r) => r.paths);
    const missing = numbers.filter((leaf) => !shown.some((p) => leaf === p || leaf.startsWith(`${p}.`)));
    expect(missing).toEqual([]);
  });

  it("says everything in Chinese, each rule with its basis", () => {
    for (const group of groups) expect(group.title).not.toMatch(/[A-Za-z]/);
    for (const row of rows) {
      expect(`${row.label} ${row.value}`, row.key).not.toMatch(/[A-Za-z]{2,}/);
      expect(row.basis, row.key).not.toBe("");
      expect(row.basis, row.key).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  it("shows a normal person's in-person report and marks what a derived profile changed", () => {
    const row = (g: ReturnType<typeof rulesView>, key: string) =>
      g.flatMap((x) => x.rules).find((r) => r.key === key)!;
    expect(row(groups, "obligations.in_person_report.byLevel.normal").value).toBe("每月1次");
    const county = derivePolicy(profile, "test-county", (p) => {
      p.obligations.in_person_report.byLevel.normal = {
        ...p.obligations.in_person_report.byLevel.normal!,
        period: "half_month",
      };
    });
    const derived = rulesView(county, profile);
    expect(row(derived, "obligations.in_person_report.byLevel.normal")).toMatchObject({
      label: "普管：当面报告",
      value: "每半月1次",
      changed: true,
    });
    expect(derived.flatMap((g) => g.rules).filter((r) => r.changed)).toHaveLength(1);
  });

  it("marks the care deadlines the seeds and the law leave open as the county's choice, not a paragraph", () => {
    const row = (key: string) => rows.find((r) => r.key === key)!;
    for (const key of ["care.resettlement.verifyWithinDays", "care.resettlement.followUpEveryMonths"]) {
      expect(row(key).countyChoice, key).toBe(true);
      expect(row(key).basis, key).toMatch(/^本县设定（.+，所依文件未规定）；相关规定：/);
      expect(row(key).basis, key).not.toContain("本县默认设置");
    }
    expect(row("care.resettlement.verifyWithinDays").value).toContain("7日内核查信息并发送衔接回执");
    expect(row("care.resettlement.followUpEveryMonths").value).toBe("每3个月回访一次");
    // The five years and the targets do come from the seed.
    expect(row("care.resettlement.followUpYears")).toMatchObject({ countyChoice: false });
    expect(row("care.resettlement.followUpYears").basis).toMatch(/二\(五\)4$/);
    expect(row("care.aftercare.phoneEveryMonths")).toMatchObject({ countyChoice: false });
    // The investigation's deadline is Art. 13's; how early it comes onto Today is the county's.
    expect(row("care.investigation.withinWorkingDays")).toMatchObject({ countyChoice: false });
    expect(row("care.investigation.nearDueWorkingDays").basis).toMatch(
      /^本县设定（提前天数，所依文件未规定）；相关规定：/,
    );
    expect(rows.filter((r) => r.countyChoice).map((r) => r.key)).toEqual([
      "care.investigation.nearDueWorkingDays",
      "care.resettlement.verifyWithinDays",
      "care.resettlement.followUpEveryMonths",
    ]);
  });
});
