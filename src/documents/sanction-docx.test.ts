import { describe, expect, it } from "vitest";
import { decisionTitle } from "./sanction-docx.ts";

describe("case document titles", () => {
  it("names the document of each measure, revocation by correction type", () => {
    expect(decisionTitle("reprimand", "probation")).toBe("训诫决定书");
    expect(decisionTitle("warning", "control")).toBe("警告决定书");
    expect(decisionTitle("public_security_penalty", "control")).toBe("提请治安管理处罚建议书");
    expect(decisionTitle("revocation_request", "probation")).toBe("提请撤销缓刑建议书");
    expect(decisionTitle("revocation_request", "parole")).toBe("提请撤销假释建议书");
    expect(decisionTitle("imprisonment_request", "temporary_release")).toBe("提请收监执行建议书");
  });
});
