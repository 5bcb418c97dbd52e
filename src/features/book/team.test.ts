import { describe, expect, it } from "vitest";
import { derivePolicy, getPolicy } from "../../core/index.ts";
import { basisText } from "../../glossary.ts";
import type { TeamMember } from "./sections.ts";
import { teamProblems } from "./team.ts";

const m = (kind: TeamMember["kind"], gender: "male" | "female" = "male", extra = {}): TeamMember => ({
  kind,
  name: "成员",
  gender,
  ...extra,
});

describe("correction team composition", () => {
  const rules = getPolicy().team;
  const fixed = [m("office"), m("village_rep"), m("family")];

  it("needs the three fixed members of 3+X", () => {
    expect(teamProblems(fixed, { gender: "male", isMinor: false }, rules)).toEqual([]);
    const missing = teamProblems([m("office"), m("police")], { gender: "male", isMinor: false }, rules);
    expect(missing.map((p) => p.message)).toEqual([
      "矫正小组缺少固定成员：村（居）民委员会代表",
      "矫正小组缺少固定成员：家庭成员或监护人",
    ]);
  });

  it("needs a woman in a female subject's team (Art. 25)", () => {
    const problems = teamProblems(fixed, { gender: "female", isMinor: false }, rules);
    expect(problems).toHaveLength(1);
    expect(basisText(problems[0]!.basis)).toBe("《社区矫正法》第25条");
    expect(
      teamProblems([...fixed, m("volunteer", "female")], { gender: "female", isMinor: false }, rules),
    ).toEqual([]);
  });

  it("needs someone familiar with minors in a juvenile's team (Art. 52)", () => {
    expect(teamProblems(fixed, { gender: "male", isMinor: true }, rules)[0]!.message).toContain("未成年人");
    const ok = [...fixed, m("social_worker", "male", { familiarWithMinors: true })];
    expect(teamProblems(ok, { gender: "male", isMinor: true }, rules)).toEqual([]);
  });

  it("follows the profile: a county that also requires the community police changes data, not code", () => {
    const county = derivePolicy(getPolicy(), "team-test", (p) => {
      p.team.fixedMembers.kinds.push("police");
      p.team.womanForFemaleSubject.required = false;
    });
    const problems = teamProblems(fixed, { gender: "female", isMinor: false }, county.team);
    expect(problems.map((p) => p.message)).toEqual(["矫正小组缺少固定成员：社区民警"]);
  });
});
