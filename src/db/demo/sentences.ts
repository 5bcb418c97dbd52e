// Crimes and sentences in the proportions a county agency sees, and the sentence wording of Chinese
// judgments. Proportions follow the brief and public county statistics: dangerous driving (醉驾) is by
// far the largest group under probation, then theft, fraud and "helping information-network crime"
// (selling bank cards and phone numbers to fraud rings), traffic accidents, casinos and gambling,
// intentional injury, and a tail of others.
import type { CorrectionType, Gender } from "../schema.ts";
import { CITY, type CountyDef, PRISON_BUREAU, PROVINCE } from "./places.ts";
import type { Rng, Weighted } from "./random.ts";

export type Crime =
  | "dangerous_driving"
  | "theft"
  | "fraud"
  | "aiding_cybercrime"
  | "traffic_accident"
  | "casino"
  | "gambling"
  | "intentional_injury"
  | "provoking_trouble"
  | "drug_trafficking"
  | "embezzlement"
  | "bribery"
  | "other";

/** Crimes of policy.md's K5 (with a relatively high risk they make a key person). */
export const K5_CRIMES: ReadonlySet<string> = new Set([
  "gambling",
  "casino",
  "fraud",
  "theft",
  "dangerous_driving",
]);

const CRIMES_BY_TYPE: Record<CorrectionType, Weighted<Crime>> = {
  probation: [
    ["dangerous_driving", 40],
    ["theft", 12],
    ["fraud", 8],
    ["aiding_cybercrime", 9],
    ["traffic_accident", 8],
    ["casino", 5],
    ["gambling", 4],
    ["intentional_injury", 6],
    ["provoking_trouble", 3],
    ["embezzlement", 2],
    ["bribery", 1],
    ["other", 5],
  ],
  parole: [
    ["theft", 25],
    ["fraud", 20],
    ["drug_trafficking", 15],
    ["intentional_injury", 12],
    ["casino", 8],
    ["bribery", 5],
    ["embezzlement", 5],
    ["provoking_trouble", 5],
    ["other", 5],
  ],
  temporary_release: [
    ["fraud", 20],
    ["theft", 15],
    ["casino", 10],
    ["drug_trafficking", 10],
    ["aiding_cybercrime", 10],
    ["intentional_injury", 10],
    ["traffic_accident", 10],
    ["gambling", 5],
    ["other", 10],
  ],
  control: [
    ["provoking_trouble", 25],
    ["intentional_injury", 20],
    ["theft", 20],
    ["gambling", 10],
    ["other", 25],
  ],
};

const JUVENILE_CRIMES: Weighted<Crime> = [
  ["theft", 40],
  ["provoking_trouble", 20],
  ["intentional_injury", 20],
  ["aiding_cybercrime", 15],
  ["fraud", 5],
];

/** Women are convicted less of violence and drink-driving, more of fraud, card selling and gambling. */
const FEMALE_FACTOR: Partial<Record<Crime, number>> = {
  dangerous_driving: 0.3,
  intentional_injury: 0.3,
  provoking_trouble: 0.2,
  fraud: 2,
  aiding_cybercrime: 2,
  casino: 1.5,
  gambling: 1.5,
};

const OTHER_CRIME_TEXTS = [
  "非法捕捞水产品罪",
  "滥伐林木罪",
  "非法采矿罪",
  "拒不支付劳动报酬罪",
  "掩饰、隐瞒犯罪所得罪",
  "非法占用农用地罪",
  "妨害公务罪",
  "失火罪",
  "非法持有毒品罪",
];

const CRIME_TEXT: Record<Exclude<Crime, "other">, string> = {
  dangerous_driving: "危险驾驶罪",
  theft: "盗窃罪",
  fraud: "诈骗罪",
  aiding_cybercrime: "帮助信息网络犯罪活动罪",
  traffic_accident: "交通肇事罪",
  casino: "开设赌场罪",
  gambling: "赌博罪",
  intentional_injury: "故意伤害罪",
  provoking_trouble: "寻衅滋事罪",
  drug_trafficking: "贩卖毒品罪",
  embezzlement: "职务侵占罪",
  bribery: "受贿罪",
};

/** Pairs seen together in one judgment (数罪并罚). */
const SECOND_CRIME: Partial<Record<Crime, Crime>> = {
  theft: "fraud",
  fraud: "aiding_cybercrime",
  provoking_trouble: "intentional_injury",
  casino: "gambling",
};

export interface CrimeChoice {
  categories: Crime[];
  text: string;
}

/** The probation crimes as shares, for a county-wide quota (most people are on probation). */
export function probationCrimeShares(): Array<[Crime, number, number]> {
  const table = CRIMES_BY_TYPE.probation;
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  return table.map(([crime, w]) => [crime, w / total, 0]);
}

/** Crimes women are seldom convicted of, and the ones they more often are (see FEMALE_FACTOR). */
export const MALE_LEANING: ReadonlySet<Crime> = new Set([
  "dangerous_driving",
  "intentional_injury",
  "provoking_trouble",
]);
export const FEMALE_LEANING: ReadonlySet<Crime> = new Set([
  "fraud",
  "aiding_cybercrime",
  "casino",
  "gambling",
]);
export const JUVENILE_LEANING: ReadonlySet<Crime> = new Set(JUVENILE_CRIMES.map(([c]) => c));

/** The judgment's crimes; `main` when a county-wide quota already chose the main one. */
export function chooseCrimes(
  rng: Rng,
  type: CorrectionType,
  gender: Gender,
  juvenile: boolean,
  main?: Crime,
): CrimeChoice {
  let table = juvenile ? JUVENILE_CRIMES : CRIMES_BY_TYPE[type];
  if (gender === "female")
    table = table.map(([crime, w]) => [crime, w * (FEMALE_FACTOR[crime] ?? 1)] as const);
  const first = main ?? rng.weighted(table);
  const second = SECOND_CRIME[first];
  const categories: Crime[] = second && rng.chance(0.08) ? [first, second] : [first];
  const text = categories
    .map((c) => (c === "other" ? rng.pick(OTHER_CRIME_TEXTS) : CRIME_TEXT[c]))
    .join("、");
  return { categories, text };
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1–99 in the numerals of judgments (十二, 二十); legal texts write 二年, not 两年. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones === 0 ? "" : DIGITS[ones]}`;
}

/** 18 → 一年六个月, 6 → 六个月, 24 → 二年. */
export function durationText(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return `${years > 0 ? `${chineseNumber(years)}年` : ""}${rest > 0 ? `${chineseNumber(rest)}个月` : ""}`;
}

function fineText(rng: Rng): string {
  const yuan = rng.pick([2000, 3000, 5000, 5000, 8000, 10000, 10000, 20000, 30000]);
  return yuan >= 10000 && yuan % 10000 === 0 ? `${chineseNumber(yuan / 10000)}万元` : `${yuan}元`;
}

export interface Sentence {
  /** The correction term in months (probation period, remaining term, control term). */
  termMonths: number;
  text: string;
  /** Why temporary release was granted (women: pregnancy or nursing; men: illness). */
  releaseReason?: string;
}

export function chooseSentence(rng: Rng, type: CorrectionType, crime: Crime, gender: Gender): Sentence {
  switch (type) {
    case "probation": {
      const detention = crime === "dangerous_driving" || (crime !== "fraud" && rng.chance(0.15));
      if (detention) {
        // 拘役缓刑: a probation period at least the detention and at least two months, at most a year.
        const months = rng.weighted<number>([
          [1, 10],
          [2, 25],
          [3, 25],
          [4, 20],
          [5, 10],
          [6, 10],
        ]);
        const term = Math.min(12, Math.max(2, months + rng.int(1, 6)));
        return {
          termMonths: term,
          text: `判处拘役${durationText(months)}，缓刑${durationText(term)}，并处罚金人民币${fineText(rng)}`,
        };
      }
      // 有期徒刑缓刑 (three years or less): a probation period at least the prison term and one year, at most five.
      const prison = rng.pick([6, 7, 8, 9, 10, 12, 12, 14, 18, 24, 30, 36]);
      const options = [12, 18, 24, 36, 48, 60].filter((m) => m >= Math.max(12, prison));
      const term = rng.pick(options.slice(0, 3));
      const fine =
        crime === "traffic_accident" || crime === "intentional_injury"
          ? ""
          : `，并处罚金人民币${fineText(rng)}`;
      return {
        termMonths: term,
        text: `判处有期徒刑${durationText(prison)}，缓刑${durationText(term)}${fine}`,
      };
    }
    case "parole": {
      const original = rng.int(3, 12) * 12 + rng.pick([0, 0, 6]);
      const term = rng.int(4, 36);
      return {
        termMonths: term,
        text: `原判有期徒刑${durationText(original)}，经${CITY.court}裁定假释，假释考验期${durationText(term)}`,
      };
    }
    case "temporary_release": {
      const sentence = rng.pick([12, 18, 24, 30, 36, 48, 60]);
      const term = Math.min(sentence, rng.int(6, 36));
      const releaseReason =
        gender === "female"
          ? rng.pick(["怀孕", "正在哺乳自己的婴儿"])
          : rng.pick(["患有严重疾病需保外就医", "生活不能自理"]);
      return {
        termMonths: term,
        text: `判处有期徒刑${durationText(sentence)}，暂予监外执行（${releaseReason}）`,
        releaseReason,
      };
    }
    case "control": {
      const term = rng.pick([3, 4, 6, 6, 8, 10, 12, 12, 18, 24]);
      return { termMonths: term, text: `判处管制${durationText(term)}` };
    }
  }
}

export interface Decision {
  organ: string;
  number: string;
}

/** Who decided and the document number, in today's case-number format (（2025）禾0121刑初123号). */
export function decisionOf(rng: Rng, type: CorrectionType, county: CountyDef, decidedOn: string): Decision {
  const year = decidedOn.slice(0, 4);
  const n = rng.int(12, 480);
  if (type === "parole")
    return { organ: CITY.court, number: `（${year}）${PROVINCE.abbreviation}${CITY.courtCode}刑更${n}号` };
  if (type === "temporary_release" && rng.chance(0.3)) {
    return {
      organ: PRISON_BUREAU,
      number: `${PROVINCE.abbreviation}狱管监外字〔${year}〕${rng.int(3, 60)}号`,
    };
  }
  return { organ: county.court, number: `（${year}）${PROVINCE.abbreviation}${county.courtCode}刑初${n}号` };
}
