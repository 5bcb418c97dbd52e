// The book (一人一册): each section written by its author, mostly within its deadline (policy.md,
// "Book deadlines"), one in twelve late, one in fifty forgotten — so the deadline screens show all
// four statuses.
import { addDays, addMonths, addWorkdays, at, periodOf } from "./calendar.ts";
import {
  type AgencyCrew,
  type Crew,
  type EventSink,
  lastDay,
  levelOn,
  pickWorkday,
  type StaffRef,
  workingMinute,
} from "./context.ts";
import type { Person } from "./people.ts";
import type { Rng } from "./random.ts";

interface SectionPlan {
  section: string;
  /** When the section's window opens and when it is due (inclusive day). */
  open: string;
  due: string;
  author: StaffRef;
  data?: Record<string, unknown>;
}

/** The book (一人一册): each section written by its author, mostly within its deadline (policy.md). */
export function bookSections(
  person: Person,
  rng: Rng,
  sink: EventSink,
  crew: Crew,
  agency: AgencyCrew | null,
): void {
  const intake = person.intakeDate;
  const last = lastDay(person);
  const agencyStaff = agency ? rng.pick(agency.staff) : crew.head;
  const teamFormed = addDays(intake, rng.int(2, 8));
  const plans: SectionPlan[] = [
    { section: "basic_info", open: intake, due: addWorkdays(intake, 3), author: crew.assistant },
    {
      section: "intake_evaluation",
      open: intake,
      due: addWorkdays(intake, 3),
      author: agencyStaff,
      data: { conclusion: rng.pick(["材料齐全，身份核实无误", "法律文书齐全，已告知报到事项"]) },
    },
    { section: "file_review_summary", open: intake, due: addWorkdays(intake, 3), author: crew.head },
    {
      section: "psych_evaluation",
      open: addWorkdays(intake, 2),
      due: addWorkdays(intake, 10),
      author: crew.psych,
      data: {
        result: person.emotionalInstability
          ? "情绪波动较大，建议每月心理辅导"
          : rng.pick(["心理状态基本正常", "存在轻度焦虑，建议关注"]),
      },
    },
    { section: "team_formed", open: teamFormed, due: addDays(intake, 10), author: crew.head },
    { section: "team_notified", open: teamFormed, due: addDays(intake, 10), author: crew.head },
    { section: "intake_summary", open: addDays(intake, 12), due: addMonths(intake, 1), author: crew.head },
    {
      section: "correction_plan",
      open: addDays(intake, 8),
      due: addMonths(intake, 1),
      author: crew.head,
      data: { variant: person.juvenile ? "juvenile" : "adult" },
    },
  ];
  const initial = addMonths(intake, 3);
  if (initial <= last) {
    plans.push({
      section: "initial_evaluation",
      open: initial,
      due: addDays(initial, 10),
      author: crew.head,
    });
    for (let q = periodOf("quarter", initial); q.end <= last; q = periodOf("quarter", addDays(q.end, 1))) {
      if (q.start < initial) continue;
      plans.push({
        section: "quarterly_evaluation",
        open: addDays(q.end, 1),
        due: addDays(q.end, 10),
        author: crew.head,
        data: { quarter: `${q.start.slice(0, 4)}Q${Math.floor(Number(q.start.slice(5, 7)) / 3) + 1}` },
      });
    }
  }
  for (let year = 1; addMonths(intake, 12 * year) <= last; year++) {
    const anniversary = addMonths(intake, 12 * year);
    plans.push({
      section: "annual_evaluation",
      open: anniversary,
      due: addDays(anniversary, 10),
      author: crew.head,
    });
  }
  if (person.releaseDate) {
    plans.push({
      section: "release_analysis",
      open: addDays(person.releaseDate, 3),
      due: addMonths(person.releaseDate, 1),
      author: crew.head,
    });
  }

  for (const plan of plans) {
    const roll = rng.next();
    if (roll < 0.02) continue; // forgotten: the engine shows it overdue
    let day: string;
    if (roll < 0.1) {
      day = addDays(plan.due, rng.int(1, 8)); // late
    } else {
      day = pickWorkday(rng, plan.open, plan.due) ?? plan.due;
    }
    const evaluation = plan.section.endsWith("_evaluation") && plan.section !== "psych_evaluation";
    sink.add(person, "book_section", at(day, workingMinute(rng)), {
      kind: plan.section,
      byRole: plan.author.role,
      by: plan.author,
      data: {
        ...plan.data,
        ...(evaluation && plan.section !== "intake_evaluation"
          ? {
              conclusion: rng.pick(["矫正方案执行良好，继续执行", "表现平稳，调整部分帮扶措施"]),
              level: levelOn(person, day),
            }
          : {}),
      },
    });
  }
}
