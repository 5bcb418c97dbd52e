// The rules engine writes its evidence in English for the machine-readable contract; the console and
// the documents show it in Chinese. Unknown phrases pass through unchanged.
import { crimeCategoryLabel, riskLevelLabel, sanctionKindLabel, violationKindLabel } from "../../glossary.ts";

const risk = (code: string) => riskLevelLabel[code as keyof typeof riskLevelLabel] ?? code;

const phrases: Array<[RegExp, (m: string[]) => string | null]> = [
  [/^worker's finding: resists supervision$/, () => "工作人员认定其抵触、抗拒监管"],
  [/^violation \((\w+)\) on (\S+)$/, (m) => `${m[2]} 有违规（${violationKindLabel[m[1]!] ?? m[1]}）`],
  [
    /^(\d+) prior convictions and bad records \((\d+) \+ (\d+), (\d+) or more\)$/,
    (m) => `前科劣迹共 ${m[1]} 次（前科 ${m[2]} 次、劣迹 ${m[3]} 次，${m[4]} 次以上为多次）`,
  ],
  [/^risk level (\w+)$/, (m) => `风险评估为${risk(m[1]!)}风险`],
  [
    /^no stable (.+)$/,
    (m) =>
      `无稳定${m[1]!.replace("residence", "住所").replace(" and no stable ", "和").replace("income", "收入")}`,
  ],
  [/^erratic emotions or abnormal behaviour$/, () => "情绪反复无常或行为异常"],
  [/^(\w+) on (\S+)$/, (m) => (sanctionKindLabel[m[1]!] ? `${m[2]} 受到${sanctionKindLabel[m[1]!]}` : null)],
  [
    /^crime (.+) with risk level (\w+)$/,
    (m) =>
      `罪名${m[1]!
        .split(", ")
        .map((c) => crimeCategoryLabel[c] ?? c)
        .join("、")}，再犯罪风险${risk(m[2]!)}`,
  ],
  [
    /^juvenile at intake \(under (\d+)\) with (.+)$/,
    (m) =>
      `入矫时未满 ${m[1]} 周岁，${m[2]!
        .replace("incomplete family", "家庭不健全")
        .replace(" and ", "、")
        .replace("rebellious", "叛逆不服管")}`,
  ],
];

export function evidenceText(evidence: string): string {
  return evidence
    .split("; ")
    .map((part) => {
      for (const [pattern, render] of phrases) {
        const m = part.match(pattern);
        const text = m ? render([...m]) : null;
        if (text) return text;
      }
      return part;
    })
    .join("；");
}
