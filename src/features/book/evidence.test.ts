import { describe, expect, it } from "vitest";
import { evidenceText } from "./evidence.ts";

describe("evidence in Chinese", () => {
  it("translates each criterion's evidence", () => {
    expect(evidenceText("violation (disobedience) on 2025-06-01")).toBe("2025-06-01 有违规（不服从监管）");
    expect(evidenceText("warning on 2025-06-01")).toBe("2025-06-01 受到警告");
    expect(
      evidenceText("no stable residence and no stable income; erratic emotions or abnormal behaviour"),
    ).toBe("无稳定住所和收入；情绪反复无常或行为异常");
    expect(evidenceText("crime dangerous_driving, theft with risk level elevated")).toBe(
      "罪名危险驾驶、盗窃，再犯罪风险较高",
    );
    expect(evidenceText("3 prior convictions and bad records (2 + 1, 3 or more)")).toContain(
      "前科劣迹共 3 次",
    );
    expect(evidenceText("juvenile at intake (under 18) with incomplete family and rebellious")).toBe(
      "入矫时未满 18 周岁，家庭不健全、叛逆不服管",
    );
  });
});
