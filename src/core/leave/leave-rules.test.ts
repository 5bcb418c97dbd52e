import { describe, expect, it } from "vitest";
import { formatDate, parseDate } from "../calendar/days.ts";
import { derivePolicy, getPolicy, PolicyRegistry } from "../policy/registry.ts";
import { adviseLeave, type LeaveInput, leaveFilesDueDay, parseLeaveInput } from "./leave-rules.ts";

type Application = LeaveInput["application"];
type Subject = LeaveInput["subject"];

/** The contract's example case, with changes. */
function leaveCase(
  change: {
    asOf?: string;
    subject?: Partial<Subject>;
    application?: Partial<Application>;
    otherLeaves?: LeaveInput["otherLeaves"];
  } = {},
): LeaveInput {
  return {
    asOf: change.asOf ?? "2025-08-05T10:00:00+08:00",
    subject: {
      id: "S1",
      level: "normal",
      correctionType: "probation",
      termEnd: "2026-04-09",
      residenceCounty: "990101",
      ...change.subject,
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
      approvedAt: null,
      returnedAt: null,
      ...change.application,
    },
    otherLeaves: change.otherLeaves ?? [],
  };
}

/** Advice on a case that must first pass the input checks, as the command line does. */
function advise(input: LeaveInput) {
  const parsed = parseLeaveInput(input);
  if (!parsed.ok) throw new Error(`bad input: ${parsed.problem.path}: ${parsed.problem.message}`);
  return adviseLeave(parsed.value);
}
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe("the contract's example", () => {
  it("gives exactly the output the contract shows", () => {
    const input = leaveCase({
      subject: { level: "key" },
      application: { appliedAt: "2025-08-05T09:00:00+08:00" },
      otherLeaves: [
        { id: "L1", kind: "standing", from: "2025-06-01", to: "2025-11-30", destinationCounty: "990301" },
      ],
    });
    expect(advise(input)).toEqual({
      subjectId: "S1",
      applicationId: "A1",
      kind: "ordinary",
      days: 7,
      approver: {
        by: "office",
        basis:
          "Community Correction Law Art. 27; profile default: leave of up to 7 days is approved by the judicial office by delegation",
      },
      refusals: [],
      warnings: [
        {
          id: "key_person",
          basis:
            "seed 000 §九.2(2): leave of a key person is refused by default; approving it needs an override with reason",
        },
      ],
      checksWhileAway: [
        {
          id: "agency_leave_check",
          by: "agency",
          perDay: 1,
          from: "2025-08-10",
          to: "2025-08-16",
          basis: "seed 000 §九.2(1)",
        },
        {
          id: "leave_phone_check",
          by: "office",
          perDay: 1,
          from: "2025-08-10",
          to: "2025-08-16",
          basis: "seed 000 §九.2(2)",
        },
        {
          id: "leave_signin_check",
          by: "office",
          perDay: 3,
          from: "2025-08-10",
          to: "2025-08-16",
          basis: "seed 000 §九.2(2)",
        },
      ],
      returnDue: {
        date: "2025-08-16",
        dueBy: "2025-08-16T23:59:59+08:00",
        status: "open",
        basis:
          "seed 000 §九.2(2) 请销假; profile default: back and reported by the end of the last day of leave",
      },
      overdue: false,
    });
  });
});

describe("rule 1: the approver", () => {
  it("up to 7 days (七日内, inclusive) the office; 8 days the agency", () => {
    const seven = advise(leaveCase({ application: { from: "2025-08-10", to: "2025-08-16" } }));
    expect([seven.days, seven.approver.by]).toEqual([7, "office"]);
    const eight = advise(leaveCase({ application: { from: "2025-08-10", to: "2025-08-17" } }));
    expect([eight.days, eight.approver.by]).toEqual([8, "agency"]);
    expect(eight.approver.basis).toContain("more than 7 days");
    const one = advise(leaveCase({ application: { from: "2025-08-10", to: "2025-08-10" } }));
    expect([one.days, one.approver.by]).toEqual([1, "office"]);
  });

  it("weekends and holidays count as days away", () => {
    // 2025-10-01 … 10-08 is the National Day holiday: still 8 days, the agency.
    const a = advise(leaveCase({ application: { from: "2025-10-01", to: "2025-10-08" } }));
    expect([a.days, a.approver.by]).toEqual([8, "agency"]);
  });

  it("every standing application and every move goes to the agency", () => {
    const standing = advise(
      leaveCase({ application: { kind: "standing", from: "2025-08-10", to: "2025-08-11" } }),
    );
    expect(standing.approver.by).toBe("agency");
    const move = advise(leaveCase({ application: { kind: "move_house", to: null } }));
    expect([move.approver.by, move.days]).toEqual(["agency", null]);
  });

  it("no approval inside the county of residence; moving house inside it still needs one", () => {
    for (const kind of ["ordinary", "standing"] as const) {
      const a = advise(
        leaveCase({
          subject: { level: "key", residenceCounty: "990201" },
          application: { kind, reason: " ", proofAttached: false, appliedAt: "2025-08-10T08:00:00+08:00" },
          asOf: "2025-08-20T08:00:00+08:00",
        }),
      );
      expect(a).toMatchObject({
        days: 7,
        approver: { by: "none" },
        refusals: [],
        warnings: [],
        checksWhileAway: [],
        returnDue: null,
        overdue: false,
      });
    }
    const move = advise(
      leaveCase({ subject: { residenceCounty: "990201" }, application: { kind: "move_house", to: null } }),
    );
    expect(move.approver.by).toBe("agency");
  });

  it("ordinary leave inside one standing approval to the same county needs none; the basis names it", () => {
    const standing = { kind: "standing" as const, destinationCounty: "990201" };
    const covered = advise(
      leaveCase({
        otherLeaves: [
          { id: "L9", ...standing, from: "2025-08-01", to: "2025-08-12" },
          { id: "L2", ...standing, from: "2025-08-10", to: "2025-08-16" },
        ],
      }),
    );
    expect(covered.approver.by).toBe("none");
    expect(covered.approver.basis).toContain("L2");
    expect(covered.returnDue).toBeNull();
    // Two standing approvals that together cover the days are not one approval covering them.
    const split = advise(
      leaveCase({
        otherLeaves: [
          { id: "L1", ...standing, from: "2025-08-01", to: "2025-08-12" },
          { id: "L2", ...standing, from: "2025-08-13", to: "2025-08-31" },
        ],
      }),
    );
    expect(split.approver.by).toBe("office");
    // Another county, or an ordinary approval, does not cover.
    const elsewhere = advise(
      leaveCase({
        otherLeaves: [
          { id: "L1", kind: "standing", destinationCounty: "990301", from: "2025-08-01", to: "2025-08-31" },
        ],
      }),
    );
    expect(elsewhere.approver.by).toBe("office");
    // A standing application is not covered by another standing approval: it overlaps it.
    const standingApp = advise(
      leaveCase({
        application: { kind: "standing" },
        otherLeaves: [{ id: "L1", ...standing, from: "2025-08-01", to: "2025-08-31" }],
      }),
    );
    expect(standingApp.approver.by).toBe("agency");
    expect(standingApp.refusals).toEqual([expect.objectContaining({ id: "overlaps", ids: ["L1"] })]);
  });
});

describe("rule 2: refusals", () => {
  it("after_term_end for any kind starting after termEnd; crosses_term_end for leave reaching past it", () => {
    const subject = { termEnd: "2025-08-12" };
    expect(ids(advise(leaveCase({ subject })).refusals)).toEqual(["crosses_term_end"]);
    const after = { termEnd: "2025-08-09" };
    expect(ids(advise(leaveCase({ subject: after })).refusals)).toEqual(["after_term_end"]);
    expect(
      ids(advise(leaveCase({ subject: after, application: { kind: "move_house", to: null } })).refusals),
    ).toEqual(["after_term_end"]);
    expect(ids(advise(leaveCase({ subject: after, application: { kind: "standing" } })).refusals)).toEqual([
      "after_term_end",
    ]);
    // Ending on termEnd itself is allowed; a move on termEnd too.
    expect(advise(leaveCase({ subject: { termEnd: "2025-08-16" } })).refusals).toEqual([]);
    expect(
      advise(leaveCase({ subject: { termEnd: "2025-08-10" }, application: { kind: "move_house", to: null } }))
        .refusals,
    ).toEqual([]);
    const r = advise(leaveCase({ subject })).refusals[0];
    expect(r?.basis).toContain("termEnd");
  });

  it("no_reason when the reason is empty once trimmed (U+3000 is white space too)", () => {
    for (const reason of ["", "   ", "\u3000\u3000", "\t\n"]) {
      expect(ids(advise(leaveCase({ application: { reason } })).refusals)).toEqual(["no_reason"]);
    }
    expect(
      ids(advise(leaveCase({ application: { kind: "move_house", to: null, reason: "" } })).refusals),
    ).toEqual(["no_reason"]);
    expect(advise(leaveCase({ application: { reason: " 就医 " } })).refusals).toEqual([]);
  });

  it("overlaps: ordinary leave sharing a day with other ordinary leave, to any destination", () => {
    const ordinary = (id: string, from: string, to: string, county = "990999") => ({
      id,
      kind: "ordinary" as const,
      from,
      to,
      destinationCounty: county,
    });
    const a = advise(
      leaveCase({
        otherLeaves: [
          ordinary("L3", "2025-08-16", "2025-08-20"),
          ordinary("L1", "2025-08-01", "2025-08-10"),
          ordinary("L2", "2025-08-01", "2025-08-09"), // touches: ends the day before F
          ordinary("L4", "2025-08-17", "2025-08-18"), // touches: starts the day after T
        ],
      }),
    );
    expect(a.refusals).toEqual([
      { id: "overlaps", basis: expect.stringContaining("one approval for any day away"), ids: ["L1", "L3"] },
    ]);
    // A standing approval elsewhere does not clash with ordinary leave.
    const b = advise(
      leaveCase({
        otherLeaves: [
          { id: "L1", kind: "standing", from: "2025-08-01", to: "2025-08-31", destinationCounty: "990301" },
        ],
      }),
    );
    expect(b.refusals).toEqual([]);
  });

  it("overlaps: a standing application clashes only with standing approvals to the same county", () => {
    const application = { kind: "standing" as const, from: "2025-09-01", to: "2026-02-28" };
    const a = advise(
      leaveCase({
        application,
        otherLeaves: [
          { id: "L1", kind: "standing", from: "2025-06-01", to: "2025-09-01", destinationCounty: "990201" },
          { id: "L2", kind: "standing", from: "2025-06-01", to: "2025-12-01", destinationCounty: "990301" },
          { id: "L3", kind: "ordinary", from: "2025-10-01", to: "2025-10-03", destinationCounty: "990201" },
        ],
      }),
    );
    expect(a.refusals).toEqual([expect.objectContaining({ id: "overlaps", ids: ["L1"] })]);
    // A move clashes with nothing.
    expect(
      advise(
        leaveCase({
          application: { kind: "move_house", to: null },
          otherLeaves: [
            { id: "L3", kind: "ordinary", from: "2025-08-01", to: "2025-08-31", destinationCounty: "990201" },
          ],
        }),
      ).refusals,
    ).toEqual([]);
  });

  it("too_long: ordinary leave of 31 days (30 is allowed); the 30 days do not bind a standing approval", () => {
    expect(advise(leaveCase({ application: { from: "2025-08-01", to: "2025-08-30" } })).refusals).toEqual([]);
    const long = advise(leaveCase({ application: { from: "2025-08-01", to: "2025-08-31" } }));
    expect(long.refusals).toEqual([{ id: "too_long", basis: expect.stringContaining("at most 30 days") }]);
    expect(
      advise(leaveCase({ application: { kind: "standing", from: "2025-08-01", to: "2025-10-31" } })).refusals,
    ).toEqual([]);
  });

  it("too_long: a standing approval lasts at most 6 months in term arithmetic", () => {
    const standing = (from: string, to: string) =>
      ids(
        advise(leaveCase({ application: { kind: "standing", from, to }, subject: { termEnd: "2027-01-01" } }))
          .refusals,
      );
    expect(standing("2025-09-01", "2026-02-28")).toEqual([]);
    expect(standing("2025-09-01", "2026-03-01")).toEqual(["too_long"]);
    // 2025-08-31 + 6 months is 2026-02-28 (month-end clamping), so the last allowed T is 02-27.
    expect(standing("2025-08-31", "2026-02-27")).toEqual([]);
    expect(standing("2025-08-31", "2026-02-28")).toEqual(["too_long"]);
    expect(standing("2025-08-10", "2026-02-09")).toEqual([]);
    expect(standing("2025-08-10", "2026-02-10")).toEqual(["too_long"]);
    const r = advise(
      leaveCase({ application: { kind: "standing", from: "2025-09-01", to: "2026-03-01" } }),
    ).refusals;
    expect(r[0]?.basis).toContain("at most 6 months");
  });

  it("refusals are sorted by id", () => {
    const a = advise(
      leaveCase({
        subject: { termEnd: "2025-08-20" },
        application: { from: "2025-08-01", to: "2025-09-30", reason: "" },
        otherLeaves: [
          { id: "L1", kind: "ordinary", from: "2025-08-05", to: "2025-08-06", destinationCounty: "990201" },
        ],
      }),
    );
    expect(ids(a.refusals)).toEqual(["crosses_term_end", "no_reason", "overlaps", "too_long"]);
  });
});

describe("rule 3: warnings", () => {
  it("key_person for a key person's ordinary or standing leave, not a strict person's, not a move", () => {
    expect(ids(advise(leaveCase({ subject: { level: "key" } })).warnings)).toEqual(["key_person"]);
    expect(
      ids(advise(leaveCase({ subject: { level: "key" }, application: { kind: "standing" } })).warnings),
    ).toEqual(["key_person"]);
    expect(advise(leaveCase({ subject: { level: "strict" } })).warnings).toEqual([]);
    expect(
      advise(leaveCase({ subject: { level: "key" }, application: { kind: "move_house", to: null } }))
        .warnings,
    ).toEqual([]);
  });

  it("proof_missing for any kind without proof", () => {
    for (const kind of ["ordinary", "standing", "move_house"] as const) {
      const a = advise(
        leaveCase({
          application: { kind, proofAttached: false, to: kind === "move_house" ? null : "2025-08-16" },
        }),
      );
      expect(ids(a.warnings)).toEqual(["proof_missing"]);
      expect(a.warnings[0]?.basis).toBe("seed 000 §九.2(2): completeness of proof");
    }
  });

  it("short_notice under 3 calendar days from the CST date of appliedAt to F; the hour is ignored", () => {
    const warned = (appliedAt: string, kind: "ordinary" | "standing" | "move_house" = "ordinary") =>
      ids(
        advise(
          leaveCase({
            asOf: "2025-08-20T10:00:00+08:00",
            application: { appliedAt, kind, to: kind === "move_house" ? null : "2025-08-16" },
          }),
        ).warnings,
      ).includes("short_notice");
    expect(warned("2025-08-07T23:59:59+08:00")).toBe(false);
    expect(warned("2025-08-08T00:00:00+08:00")).toBe(true);
    expect(warned("2025-08-10T08:00:00+08:00")).toBe(true);
    expect(warned("2025-08-12T08:00:00+08:00")).toBe(true);
    // 2025-08-07T17:00Z is 08-08 01:00 in CST: short.
    expect(warned("2025-08-07T17:00:00Z")).toBe(true);
    expect(warned("2025-08-07T15:59:00Z")).toBe(false);
    expect(warned("2025-08-08T09:00:00+08:00", "standing")).toBe(true);
    expect(warned("2025-08-09T09:00:00+08:00", "move_house")).toBe(false);
  });

  it("warnings are sorted by id", () => {
    const a = advise(
      leaveCase({
        subject: { level: "key" },
        application: { proofAttached: false, appliedAt: "2025-08-09T09:00:00+08:00" },
        asOf: "2025-08-09T10:00:00+08:00",
      }),
    );
    expect(ids(a.warnings)).toEqual(["key_person", "proof_missing", "short_notice"]);
  });
});

describe("rule 4: checks while away", () => {
  it("a normal or strict person: three sign-in checks by the office and the agency's check, each day F..T", () => {
    for (const level of ["normal", "strict"] as const) {
      const a = advise(leaveCase({ subject: { level } }));
      expect(a.checksWhileAway.map((c) => [c.id, c.by, c.perDay, c.from, c.to])).toEqual([
        ["agency_leave_check", "agency", 1, "2025-08-10", "2025-08-16"],
        ["leave_signin_check", "office", 3, "2025-08-10", "2025-08-16"],
      ]);
    }
  });

  it("agency-approved leave has the same checks; standing approvals and moves have none", () => {
    expect(
      ids(
        advise(leaveCase({ application: { to: "2025-08-25" }, subject: { level: "key" } })).checksWhileAway,
      ),
    ).toEqual(["agency_leave_check", "leave_phone_check", "leave_signin_check"]);
    expect(advise(leaveCase({ application: { kind: "standing" } })).checksWhileAway).toEqual([]);
    expect(advise(leaveCase({ application: { kind: "move_house", to: null } })).checksWhileAway).toEqual([]);
  });

  it("are what approval would entail, whatever the refusals", () => {
    const a = advise(leaveCase({ application: { reason: "" } }));
    expect(ids(a.refusals)).toEqual(["no_reason"]);
    expect(a.checksWhileAway).toHaveLength(2);
    expect(a.returnDue?.date).toBe("2025-08-16");
  });
});

describe("rule 5: the return", () => {
  const judged = (asOf: string, application: Partial<Application>) => {
    const a = advise(leaveCase({ asOf, application }));
    return [a.returnDue?.status, a.overdue];
  };
  const approved = { approvedAt: "2025-08-04T15:00:00+08:00" };

  it("open until the last day ends; overdue from 00:00 CST of the next day once approved", () => {
    expect(judged("2025-08-16T23:59:59+08:00", approved)).toEqual(["open", false]);
    expect(judged("2025-08-17T00:00:00+08:00", approved)).toEqual(["overdue", true]);
    // 16:00Z on 08-16 is 00:00 CST on 08-17.
    expect(judged("2025-08-16T16:00:00Z", approved)).toEqual(["overdue", true]);
  });

  it("nothing is overdue before approval, nor when the approval is recorded after asOf", () => {
    expect(judged("2025-08-20T10:00:00+08:00", {})).toEqual(["open", false]);
    expect(judged("2025-08-20T10:00:00+08:00", { approvedAt: "2025-08-21T10:00:00+08:00" })).toEqual([
      "open",
      false,
    ]);
  });

  it("met when back on or before T (early too); late when back after T", () => {
    expect(
      judged("2025-08-20T10:00:00+08:00", { ...approved, returnedAt: "2025-08-16T22:00:00+08:00" }),
    ).toEqual(["met", false]);
    expect(
      judged("2025-08-13T10:00:00+08:00", { ...approved, returnedAt: "2025-08-12T09:00:00+08:00" }),
    ).toEqual(["met", false]);
    expect(
      judged("2025-08-20T10:00:00+08:00", { ...approved, returnedAt: "2025-08-18T09:00:00+08:00" }),
    ).toEqual(["late", false]);
    // 2025-08-16T16:30Z is 08-17 00:30 CST: late.
    expect(judged("2025-08-20T10:00:00+08:00", { ...approved, returnedAt: "2025-08-16T16:30:00Z" })).toEqual([
      "late",
      false,
    ]);
  });

  it("a return recorded after asOf has not happened yet", () => {
    expect(
      judged("2025-08-18T10:00:00+08:00", { ...approved, returnedAt: "2025-08-19T09:00:00+08:00" }),
    ).toEqual(["overdue", true]);
  });

  it("dueBy is the end of T in CST; standing approvals and moves have no return", () => {
    expect(advise(leaveCase()).returnDue).toMatchObject({
      date: "2025-08-16",
      dueBy: "2025-08-16T23:59:59+08:00",
    });
    expect(advise(leaveCase({ application: { kind: "standing" } })).returnDue).toBeNull();
    expect(advise(leaveCase({ application: { kind: "move_house", to: null } })).overdue).toBe(false);
  });
});

describe("the profile holds the numbers", () => {
  it("a county that lets its offices approve up to 10 days and asks 5 days' notice", () => {
    const county = derivePolicy(getPolicy(), "county-10", (p) => {
      p.statutory.leave.officeApprovesUpToDays = 10;
      p.statutory.leave.applyDaysAhead = 5;
      p.leave.keyPersonRefusedByDefault = false;
    });
    const registry = new PolicyRegistry([getPolicy(), county]);
    const input = {
      ...leaveCase({
        asOf: "2025-08-06T10:00:00+08:00",
        subject: { level: "key" },
        // 4 days ahead: enough under the default profile, short under this one.
        application: { to: "2025-08-19", appliedAt: "2025-08-06T09:00:00+08:00" },
      }),
      policy: "county-10",
    };
    const parsed = parseLeaveInput(input, registry);
    expect(parsed.ok).toBe(true);
    const a = adviseLeave(input, { registry });
    expect(a.approver).toEqual({
      by: "office",
      basis:
        "Community Correction Law Art. 27; profile default: leave of up to 10 days is approved by the judicial office by delegation",
    });
    expect(a.warnings).toEqual([
      {
        id: "short_notice",
        basis: "Community Correction Law Art. 27; profile default: an application is made 5 days ahead",
      },
    ]);
  });
});

describe("leave files", () => {
  it("are handed in by the 10th of the next month", () => {
    const policy = getPolicy();
    expect(formatDate(leaveFilesDueDay(policy, parseDate("2025-01-31")))).toBe("2025-02-10");
    expect(formatDate(leaveFilesDueDay(policy, parseDate("2025-12-05")))).toBe("2026-01-10");
  });
});
