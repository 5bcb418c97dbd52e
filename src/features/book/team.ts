// The correction team's composition (矫正小组): the "3+X" of seed 001 §八 — the judicial office, the
// village or residents' committee and the family or guardian as fixed members, others as needed — and
// the national rules of statutory.md: a female subject's team includes a woman (Art. 25), a juvenile's
// includes someone familiar with minors (Art. 52). A team that breaks them cannot be completed.
import type { TeamMember } from "./sections.ts";

export interface TeamProblem {
  field: string;
  message: string;
  basis: string;
}

const FIXED_MEMBERS = [
  { kind: "office", label: "司法所工作人员" },
  { kind: "village_rep", label: "村（居）民委员会代表" },
  { kind: "family", label: "家庭成员或监护人" },
] as const;

export const TEAM_BASIS = {
  fixed: "《关于进一步加强社区矫正工作的意见》（八）“3+X”矫正小组",
  woman: "《社区矫正法》第二十五条",
  minors: "《社区矫正法》第五十二条",
};

export function teamProblems(
  members: readonly TeamMember[],
  subject: { gender: "male" | "female"; isMinor: boolean },
): TeamProblem[] {
  const problems: TeamProblem[] = [];
  for (const fixed of FIXED_MEMBERS) {
    if (!members.some((m) => m.kind === fixed.kind))
      problems.push({
        field: "content.members",
        message: `矫正小组缺少固定成员：${fixed.label}`,
        basis: TEAM_BASIS.fixed,
      });
  }
  if (subject.gender === "female" && !members.some((m) => m.gender === "female"))
    problems.push({
      field: "content.members",
      message: "矫正对象为女性，矫正小组中应有女性成员",
      basis: TEAM_BASIS.woman,
    });
  if (subject.isMinor && !members.some((m) => m.familiarWithMinors))
    problems.push({
      field: "content.members",
      message: "矫正对象为未成年人，矫正小组中应有熟悉未成年人身心特点的人员",
      basis: TEAM_BASIS.minors,
    });
  return problems;
}
