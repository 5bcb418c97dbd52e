// The basis of a Today item as a worker reads it: the rule itself in Chinese, taken from the county's
// profile through the 本县规则 rows (one source: what the rules page says is what Today says), the
// paragraph it comes from, and the source document's own sentence for hover. The item carries a
// basis code (the profile path of its rule) so that screens and tests never parse the text back.
import type { PolicyProfile } from "../../core/index.ts";
import {
  basisText,
  levelLabel,
  obligationKindLabel,
  periodLabel,
  roleLabel,
  seedQuotes,
} from "../../glossary.ts";
import { rulesView } from "../policy/rules-view.ts";

export interface ItemBasis {
  /** The profile path of the rule (e.g. `obligations.in_person_report.byLevel.key`) or the item's kind. */
  basisCode: string;
  /** The rule itself, in Chinese ("重点人员每半月当面报告1次"). */
  basisText: string;
  /** Where the rule comes from, in Chinese ("《一人一册实施方案》§九.2(4)"). */
  basisSource: string;
  /** The source document's sentence(s), for hover or expansion; null when not quoted. */
  basisQuote: string | null;
}

const PERIODIC = new Set(["phone_report", "in_person_report", "location_report", "field_visit"]);

/** A level as a worker names the persons of it ("重点人员", "严管人员"). */
const levelPersons = (level: string) => {
  const label = levelLabel[level as "key"] ?? level;
  return label.endsWith("人员") ? label : `${label}人员`;
};

/** The profile path of a per-person obligation of a person at `level`. */
export function obligationCode(kind: string, level: string): string {
  return PERIODIC.has(kind) ? `obligations.${kind}.byLevel.${level}` : `obligations.${kind}`;
}

/** The profile path of an office or agency standard of the day (office-contract.md ids). */
const OFFICE_ITEM_CODES: Record<string, string> = {
  office_morning_round: "office.morningRoundEnds",
  office_afternoon_round: "office.afternoonRoundEnds",
  office_key_coverage: "office.keyCoveragePercent",
  office_other_checks: "office.otherChecksMin",
  office_off_hours: "office.offHoursPercent",
  agency_leave_coverage: "agency.leaveCoveragePercent",
  agency_key_sample: "agency.keySamplePercent",
  agency_other_checks: "agency.otherChecksMin",
  agency_visit_sample_month: "agency.visitSampleKeyOrStrictPercentPerMonth",
  agency_visit_sample_quarter: "agency.visitSampleNormalPercentPerQuarter",
};

export function officeItemCode(id: string): string {
  return OFFICE_ITEM_CODES[id] ?? `office.${id}`;
}

/** The office's and agency's daily standards as the seed words them, with the county's numbers. */
function standardText(profile: PolicyProfile, code: string): string | null {
  const o = profile.office;
  const a = profile.agency;
  switch (code) {
    case "office.morningRoundEnds":
      return `司法所每日${o.morningRoundEnds}前开展1次信息化核查`;
    case "office.afternoonRoundEnds":
      return `司法所每日${o.afternoonRoundStarts}至${o.afternoonRoundEnds}开展1次信息化核查`;
    case "office.keyCoveragePercent":
      return `重点人员当日核查覆盖率${o.keyCoveragePercent}%`;
    case "office.otherChecksMin":
      return `其他人员每日核查不少于${o.otherChecksMin}人次`;
    case "office.offHoursPercent":
      return `每日非工作时间（${o.workingHoursStart}至${o.workingHoursEnd}以外）核查人数不少于在册人数的${o.offHoursPercent}%`;
    case "agency.leaveCoveragePercent":
      return `社区矫正机构每日抽查请假外出人员${a.leaveCoveragePercent}%`;
    case "agency.keySamplePercent":
      return `社区矫正机构每日抽查重点人员不少于${a.keySamplePercent}%`;
    case "agency.otherChecksMin":
      return `社区矫正机构每日抽查其他人员不少于${a.otherChecksMin}人次`;
    case "agency.visitSampleKeyOrStrictPercentPerMonth":
      return `社区矫正机构每月按重点及严管人员在册总数的${a.visitSampleKeyOrStrictPercentPerMonth}%抽查走访`;
    case "agency.visitSampleNormalPercentPerQuarter":
      return `社区矫正机构每季度按普管人员总数的${a.visitSampleNormalPercentPerQuarter}%抽查走访`;
    default:
      return null;
  }
}

/**
 * Turns basis codes into texts for one profile (the rules page's rows, computed once). Codes without
 * a row of their own (a release, a court clock) show their source as the text.
 */
export function basisDescriber(profile: PolicyProfile): (code: string, basis: string) => ItemBasis {
  let describer = describers.get(profile);
  if (!describer) {
    const describe = makeDescriber(profile);
    // Each answer describes hundreds of items with a few dozen different rules: each once per profile.
    const known = new Map<string, ItemBasis>();
    describer = (code, basis) => {
      const key = `${code}\u0000${basis}`;
      let described = known.get(key);
      if (!described) {
        described = describe(code, basis);
        if (known.size >= 10_000) known.clear(); // bases are a few dozen; free texts must not pile up
        known.set(key, described);
      }
      return described;
    };
    describers.set(profile, describer);
  }
  return describer;
}

/** The describers made, by profile (a profile object is not changed once loaded: a change is a new one). */
const describers = new WeakMap<PolicyProfile, (code: string, basis: string) => ItemBasis>();

function makeDescriber(profile: PolicyProfile): (code: string, basis: string) => ItemBasis {
  const rows = new Map<string, string>();
  for (const group of rulesView(profile))
    for (const row of group.rules)
      for (const path of row.paths) if (!rows.has(path)) rows.set(path, `${row.label}：${row.value}`);
  const own = (code: string): string | null => {
    const parts = code.split(".");
    if (parts[0] === "obligations" && parts[2] === "byLevel") {
      const kind = parts[1] as "phone_report";
      const rule = profile.obligations[kind]?.byLevel[parts[3] as "key"];
      if (!rule) return null;
      const who = rule.countedRoles
        ? `（由${rule.countedRoles.map((r) => roleLabel[r as "office_head"] ?? r).join("或")}完成）`
        : "";
      return `${levelPersons(parts[3]!)}${periodLabel[rule.period] ?? rule.period}${obligationKindLabel[kind] ?? kind}${rule.required}次${who}`;
    }
    if (code === "alerts.handleWithinHours") return `预警发出后${profile.alerts.handleWithinHours}小时内处置`;
    return standardText(profile, code);
  };
  return (code, basis) => {
    const source = basisText(basis);
    return {
      basisCode: code,
      basisText: own(code) ?? rows.get(code) ?? source,
      basisSource: source,
      basisQuote: seedQuoteOf(basis),
    };
  };
}

/** The seed sentences a basis cites ("seed 000 §九.2(3), §九.3(1)" → both paragraphs), or null. */
export function seedQuoteOf(basis: string): string | null {
  const quotes: string[] = [];
  for (const part of basis.split(";")) {
    const seed = /\bseed (\d{3})\b/.exec(part)?.[1];
    if (!seed) continue;
    for (const [paragraph] of part.matchAll(
      /§[一二三四五六七八九十]+(?:\.\d)?(?:\(\d\)|\([一二三四五六七八九十]+\))?/g,
    )) {
      const quote = seedQuotes[`${seed} ${paragraph}`];
      if (quote && !quotes.includes(quote)) quotes.push(quote);
    }
  }
  return quotes.length ? quotes.join("\n") : null;
}
