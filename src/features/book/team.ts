// The correction team's composition (矫正小组): the "3+X" of seed 001 §八 — the judicial office, the
// village or residents' committee and the family or guardian as fixed members, others as needed — and
// the national rules of statutory.md: a female subject's team includes a woman (Art. 25), a juvenile's
// includes someone familiar with minors (Art. 52). A team that breaks them cannot be completed.
import type { PolicyProfile } from "../../core/index.ts";
import { teamMemberKindLabel } from "../../glossary.ts";
import type { TeamMember } from "./sections.ts";

export interface TeamProblem {
  field: string;
  message: string;
  basis: string;
}

/** The refusals of a team against the profile's composition rules (`team` in the policy profile). */
export function teamProblems(
  members: readonly TeamMember[],
  subject: { gender: "male" | "female"; isMinor: boolean },
  /** The county's rules (`team` of its policy profile). */
  rules: PolicyProfile["team"],
): TeamProblem[] {
  const problems: TeamProblem[] = [];
  for (const kind of rules.fixedMembers.kinds) {
    if (!members.some((m) => m.kind === kind))
      problems.push({
        field: "content.members",
        message: `矫正小组缺少固定成员：${teamMemberKindLabel[kind] ?? kind}`,
        basis: rules.fixedMembers.basis,
      });
  }
  if (
    rules.womanForFemaleSubject.required &&
    subject.gender === "female" &&
    !members.some((m) => m.gender === "female")
  )
    problems.push({
      field: "content.members",
      message: "矫正对象为女性，矫正小组中应有女性成员",
      basis: rules.womanForFemaleSubject.basis,
    });
  if (rules.minorsExpertForJuvenile.required && subject.isMinor && !members.some((m) => m.familiarWithMinors))
    problems.push({
      field: "content.members",
      message: "矫正对象为未成年人，矫正小组中应有熟悉未成年人身心特点的人员",
      basis: rules.minorsExpertForJuvenile.basis,
    });
  return problems;
}
