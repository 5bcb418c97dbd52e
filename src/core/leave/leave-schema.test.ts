import { describe, expect, it } from "vitest";
import { parseLeaveInput } from "./leave-schema.ts";

// biome-ignore lint/suspicious/noExplicitAny: arbitrary JSON, broken on purpose
type Json = any;

/** The contract's example input as plain JSON data, to be broken one field at a time. */
function example(): Record<string, Json> {
  return {
    asOf: "2025-08-05T10:00:00+08:00",
    policy: "yirenyice-2025",
    subject: {
      id: "S1",
      level: "key",
      correctionType: "probation",
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
      appliedAt: "2025-08-05T09:00:00+08:00",
      approvedAt: null,
      returnedAt: null,
    },
    otherLeaves: [
      { id: "L1", kind: "standing", from: "2025-06-01", to: "2025-11-30", destinationCounty: "990301" },
    ],
  };
}

/** The JSON path the first problem names, or "ok". */
function problemPath(change: (c: Record<string, Json>) => void): string {
  const c = example();
  change(c);
  const parsed = parseLeaveInput(c);
  return parsed.ok ? "ok" : parsed.problem.path;
}

describe("the leave input", () => {
  it("accepts the contract's example, and leaves out the optional fields", () => {
    expect(problemPath(() => {})).toBe("ok");
    expect(
      problemPath((c) => {
        delete c.policy;
        delete c.application.approvedAt;
        delete c.application.returnedAt;
      }),
    ).toBe("ok");
    expect(
      problemPath((c) => {
        c.application.kind = "move_house";
        delete c.application.to;
      }),
    ).toBe("ok");
    expect(
      problemPath((c) => {
        c.application.kind = "move_house";
        c.application.to = null;
      }),
    ).toBe("ok");
  });

  it("refuses unknown fields at every level", () => {
    expect(problemPath((c) => (c.extra = 1))).toBe("extra");
    expect(problemPath((c) => (c.subject.name = "张三"))).toBe("subject.name");
    expect(problemPath((c) => (c.application.override = "x"))).toBe("application.override");
    expect(problemPath((c) => (c.otherLeaves[0].reason = "x"))).toBe("otherLeaves[0].reason");
  });

  it("requires every field the contract shows", () => {
    for (const field of ["asOf", "subject", "application", "otherLeaves"]) {
      expect(problemPath((c) => delete c[field])).toBe(field);
    }
    for (const field of ["id", "level", "correctionType", "termEnd", "residenceCounty"]) {
      expect(problemPath((c) => delete c.subject[field])).toBe(`subject.${field}`);
    }
    for (const field of ["id", "kind", "from", "destinationCounty", "reason", "proofAttached", "appliedAt"]) {
      expect(problemPath((c) => delete c.application[field])).toBe(`application.${field}`);
    }
    for (const field of ["id", "kind", "from", "to", "destinationCounty"]) {
      expect(problemPath((c) => delete c.otherLeaves[0][field])).toBe(`otherLeaves[0].${field}`);
    }
  });

  it("requires to for ordinary and standing leave, and refuses it on a move", () => {
    expect(problemPath((c) => delete c.application.to)).toBe("application.to");
    expect(problemPath((c) => (c.application.to = null))).toBe("application.to");
    expect(
      problemPath((c) => {
        c.application.kind = "standing";
        c.application.to = null;
      }),
    ).toBe("application.to");
    expect(problemPath((c) => (c.application.kind = "move_house"))).toBe("application.to");
  });

  it("refuses dates and instants that do not exist or are malformed", () => {
    expect(problemPath((c) => (c.application.from = "2025-02-30"))).toBe("application.from");
    expect(problemPath((c) => (c.application.to = "2025-8-16"))).toBe("application.to");
    expect(problemPath((c) => (c.subject.termEnd = "2026-13-01"))).toBe("subject.termEnd");
    expect(problemPath((c) => (c.otherLeaves[0].from = "2025-06-31"))).toBe("otherLeaves[0].from");
    expect(problemPath((c) => (c.asOf = "2025-08-05T10:00:00"))).toBe("asOf");
    expect(problemPath((c) => (c.application.appliedAt = "2025-08-05"))).toBe("application.appliedAt");
    expect(problemPath((c) => (c.application.approvedAt = "yesterday"))).toBe("application.approvedAt");
  });

  it("refuses county codes that are not exactly six digits", () => {
    for (const code of ["99010", "9901011", "99O101", "９９０１０１", 990101]) {
      expect(problemPath((c) => (c.subject.residenceCounty = code))).toBe("subject.residenceCounty");
      expect(problemPath((c) => (c.application.destinationCounty = code))).toBe(
        "application.destinationCounty",
      );
    }
  });

  it("refuses values outside the lists", () => {
    expect(problemPath((c) => (c.subject.level = "lenient"))).toBe("subject.level");
    expect(problemPath((c) => (c.subject.level = "medium"))).toBe("subject.level");
    expect(problemPath((c) => (c.subject.correctionType = "bail"))).toBe("subject.correctionType");
    expect(problemPath((c) => (c.application.kind = "holiday"))).toBe("application.kind");
    expect(problemPath((c) => (c.otherLeaves[0].kind = "move_house"))).toBe("otherLeaves[0].kind");
    expect(problemPath((c) => (c.application.proofAttached = "yes"))).toBe("application.proofAttached");
    expect(problemPath((c) => (c.application.reason = null))).toBe("application.reason");
    expect(problemPath((c) => (c.policy = "no-such-profile"))).toBe("policy");
  });

  it("refuses a to before its from", () => {
    expect(problemPath((c) => (c.application.to = "2025-08-09"))).toBe("application.to");
    expect(problemPath((c) => (c.application.to = "2025-08-10"))).toBe("ok");
    expect(problemPath((c) => (c.otherLeaves[0].to = "2025-05-31"))).toBe("otherLeaves[0].to");
  });

  it("refuses instants out of order: applied after asOf, approved before applied, returned before approval", () => {
    expect(problemPath((c) => (c.application.appliedAt = "2025-08-05T10:00:01+08:00"))).toBe(
      "application.appliedAt",
    );
    expect(problemPath((c) => (c.application.appliedAt = "2025-08-05T10:00:00+08:00"))).toBe("ok");
    expect(problemPath((c) => (c.application.approvedAt = "2025-08-05T08:59:59+08:00"))).toBe(
      "application.approvedAt",
    );
    // An approval after asOf is allowed: it has not happened yet.
    expect(problemPath((c) => (c.application.approvedAt = "2025-08-09T09:00:00+08:00"))).toBe("ok");
    expect(problemPath((c) => (c.application.returnedAt = "2025-08-17T09:00:00+08:00"))).toBe(
      "application.returnedAt",
    );
    expect(
      problemPath((c) => {
        c.application.approvedAt = "2025-08-05T09:30:00+08:00";
        c.application.returnedAt = "2025-08-05T09:29:00+08:00";
      }),
    ).toBe("application.returnedAt");
    // Compared as instants, whatever the offsets.
    expect(
      problemPath((c) => {
        c.application.approvedAt = "2025-08-05T01:30:00Z";
        c.application.returnedAt = "2025-08-05T09:31:00+08:00";
      }),
    ).toBe("ok");
  });

  it("refuses an otherLeaves id that repeats or equals the application's, naming the repeating one", () => {
    const leave = { kind: "ordinary", from: "2025-07-01", to: "2025-07-02", destinationCounty: "990201" };
    expect(problemPath((c) => c.otherLeaves.push({ id: "L2", ...leave }, { id: "L1", ...leave }))).toBe(
      "otherLeaves[2].id",
    );
    expect(problemPath((c) => c.otherLeaves.push({ id: "A1", ...leave }))).toBe("otherLeaves[1].id");
  });

  it("reports one problem with a message", () => {
    const c = example();
    c.application.to = "2025-08-01";
    const parsed = parseLeaveInput(c);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toEqual({ path: "application.to", message: "to is before from" });
  });
});
