import { describe, expect, it } from "vitest";
import { instantToMs } from "../calendar/instant.ts";
import { getPolicy } from "../policy/registry.ts";
import {
  alertColour,
  alertEscalatesAt,
  alertHandleBy,
  alertState,
  lostContactRaisedAt,
  lostContactVisitDueBy,
} from "./alerts.ts";

const policy = getPolicy();
const ms = instantToMs;
const iso = (m: number) => new Date(m).toISOString();

describe("alerts (policy.md Alerts)", () => {
  it("colours each kind by the four-colour scheme", () => {
    expect(alertColour(policy, "lost_contact")).toBe("red");
    expect(alertColour(policy, "out_of_area")).toBe("red");
    expect(alertColour(policy, "prohibited_place")).toBe("orange");
    expect(alertColour(policy, "missed_location_reports")).toBe("yellow");
    expect(alertColour(policy, "missed_report")).toBe("yellow");
    expect(alertColour(policy, "overdue_obligation")).toBe("blue");
  });

  it("raises lost contact 24 h after the last location report", () => {
    expect(iso(lostContactRaisedAt(policy, ms("2025-08-14T20:00:00+08:00")))).toBe(
      "2025-08-15T12:00:00.000Z",
    );
  });

  it("wants every alert handled within 24 h; red escalates at once, others after 24 h", () => {
    const raised = ms("2025-08-15T09:00:00+08:00");
    expect(alertHandleBy(policy, raised) - raised).toBe(24 * 3_600_000);
    expect(alertEscalatesAt(policy, "lost_contact", raised)).toBe(raised);
    expect(alertEscalatesAt(policy, "prohibited_place", raised) - raised).toBe(24 * 3_600_000);
    expect(lostContactVisitDueBy(policy, raised) - raised).toBe(24 * 3_600_000);
  });

  it("judges an alert handled in time at exactly 24 h, late after", () => {
    const raised = ms("2025-08-15T09:00:00+08:00");
    const at = (t: string) => ms(t);
    expect(alertState(policy, raised, at("2025-08-16T09:00:00+08:00"), at("2025-08-17T00:00:00+08:00"))).toBe(
      "handled",
    );
    expect(alertState(policy, raised, at("2025-08-16T09:00:01+08:00"), at("2025-08-17T00:00:00+08:00"))).toBe(
      "handled_late",
    );
    expect(alertState(policy, raised, null, at("2025-08-16T09:00:00+08:00"))).toBe("open");
    expect(alertState(policy, raised, null, at("2025-08-16T09:00:01+08:00"))).toBe("overdue");
    // Handling recorded after the as-of instant is not yet known.
    expect(alertState(policy, raised, at("2025-08-15T12:00:00+08:00"), at("2025-08-15T10:00:00+08:00"))).toBe(
      "open",
    );
  });
});
