// Accessibility checks with axe-core in the browser: the WCAG 2.0/2.1 A and AA rules, run on the page
// as it is shown. axe is evaluated through the DevTools protocol (not a <script> tag), which the
// console's Content-Security-Policy would rightly refuse.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** The violations on the page now (an empty list when it passes). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    type Result = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; html: string; failureSummary?: string }[];
      }[];
    };
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<Result> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(" "),
        html: n.html.slice(0, 200),
        summary: (n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 240),
      })),
    }));
  }, wcagTags);
}

/** A readable list of the violations, for a failing assertion's message. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  const lines = [`${where}: ${violations.length} axe rule(s) violated`];
  for (const v of violations) {
    lines.push(`  ${v.id} (${v.impact}, ${v.nodes.length} element(s)): ${v.help}`);
    for (const n of v.nodes.slice(0, 6)) lines.push(`    ${n.target}  ${n.html}\n      ${n.summary}`);
    if (v.nodes.length > 6) lines.push(`    … ${v.nodes.length - 6} more`);
  }
  return lines.join("\n");
}
