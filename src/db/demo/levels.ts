// The level history of one person (分类管理) and the incidents that explain it: most keep the level
// decided at intake; about one in five changes once — strict to normal at the initial evaluation,
// key to strict at a quarterly evaluation, normal to key after a warning (K4), normal to strict after
// a reprimand. The current level is always the last decision.
import type { KeyOverride, Level } from "../schema.ts";
import { addDays, addMonths, daysBetween, minDate, periodOf } from "./calendar.ts";
import type { KeyCriterion } from "./people.ts";
import type { Rng } from "./random.ts";
import { type Crime, K5_CRIMES } from "./sentences.ts";

export interface LevelStep {
  from: string;
  level: Level;
  reason: string;
}

/** A violation or a sanction the story needs on a given day (routine events come from history.ts). */
export interface Incident {
  date: string;
  type: "violation" | "sanction";
  kind: string;
  text: string;
}

export interface LevelInput {
  finalLevel: "key" | "strict" | "normal";
  criteria: KeyCriterion[];
  intakeDate: string;
  /** Last day under correction (release or term end). */
  lastDay: string;
  today: string;
  crimes: Crime[];
  keyOverride: boolean;
  /** Give this strict person a recent disobedience not yet answered by a decision. */
  pendingReview: boolean;
}

export interface LevelPlan {
  levels: LevelStep[];
  criteria: KeyCriterion[];
  incidents: Incident[];
  keyOverride: KeyOverride | null;
}

const CRIME_NAME: Partial<Record<Crime, string>> = {
  dangerous_driving: "危险驾驶罪",
  theft: "盗窃罪",
  fraud: "诈骗罪",
  casino: "开设赌场罪",
  gambling: "赌博罪",
};

function criterionText(criterion: KeyCriterion, crimes: Crime[]): string {
  switch (criterion) {
    case "K1":
      return "抵触、不服从监管";
    case "K2":
      return "有多次前科劣迹，风险评估为高风险等级";
    case "K3":
      return "无稳定住所和收入或情绪不稳定";
    case "K4":
      return "矫正期间受到警告处罚";
    case "K5":
      return `犯${CRIME_NAME[crimes.find((c) => K5_CRIMES.has(c)) ?? "theft"] ?? "盗窃罪"}且再犯风险较高`;
    case "K6":
      return "系未成年人且家庭不完整";
  }
}

export function planLevels(rng: Rng, input: LevelInput): LevelPlan {
  const { intakeDate, crimes } = input;
  // Decisions and incidents happen on days already past and while the person is under correction.
  const limit = minDate(input.lastDay, addDays(input.today, -1));
  const room = (from: string, to: string) => daysBetween(from, to) >= 0;
  const initialEvaluation = addDays(addMonths(intakeDate, 3), rng.int(1, 9));
  const plan: LevelPlan = { levels: [], criteria: [...input.criteria], incidents: [], keyOverride: null };
  const intake = (level: Level, reason: string) => plan.levels.push({ from: intakeDate, level, reason });
  const change = (from: string, level: Level, reason: string) => plan.levels.push({ from, level, reason });

  if (input.finalLevel === "key") {
    const [criterion] = input.criteria;
    if (criterion === "K4") {
      // Within the year of history, so that the warning shows among the recent records.
      const first = maxOf(addDays(intakeDate, 20), addDays(input.today, -300));
      const last = addDays(limit, -14);
      if (room(first, last)) {
        const violationDay = addDays(first, rng.int(0, daysBetween(first, last)));
        const warningDay = addDays(violationDay, rng.int(3, 8));
        const decisionDay = addDays(warningDay, rng.int(1, 4));
        const violation = seriousViolation(rng, crimes);
        plan.incidents.push(
          { date: violationDay, type: "violation", kind: violation.kind, text: violation.text },
          {
            date: warningDay,
            type: "sanction",
            kind: "warning",
            text: `${violation.text}，依据《中华人民共和国社区矫正法》第二十八条给予警告`,
          },
        );
        if (rng.chance(0.6)) intake("strict", "入矫初期，依规列为严管");
        else intake("normal", "入矫评估风险较低，列为普管");
        change(decisionDay, "key", "矫正期间受到警告，符合重点人员认定标准（K4），经研究列为重点人员");
        return plan;
      }
      // Too young a case for a violation, a warning and a decision: make it a K2 person instead.
      plan.criteria = ["K2", ...input.criteria.filter((c) => c !== "K4")];
    }
    const reasons = plan.criteria.map((c) => criterionText(c, crimes)).join("；");
    if ((criterion === "K3" || criterion === "K2") && room(initialEvaluation, limit) && rng.chance(0.15)) {
      intake("strict", "入矫初期，依规列为严管");
      change(initialEvaluation, "key", `初期评估：${reasons}，经研究列为重点人员`);
    } else {
      intake("key", `入矫评估：${reasons}，列为重点人员`);
    }
    if (plan.criteria.includes("K1")) {
      // The finding behind K1, recent enough to count as evidence too (within three months).
      const first = maxOf(addDays(intakeDate, 10), addDays(limit, -80));
      if (room(first, addDays(limit, -6))) {
        const day = addDays(first, rng.int(0, daysBetween(first, addDays(limit, -6))));
        const text = "无正当理由拒不参加集中教育学习，对工作人员态度恶劣";
        const reprimand = addDays(day, rng.int(2, 5));
        plan.incidents.push(
          { date: day, type: "violation", kind: "disobedience", text },
          { date: reprimand, type: "sanction", kind: "reprimand", text: `${text}，给予训诫` },
        );
        // Half of them do it again: a second breach after a reprimand earns a warning (statutory.md).
        const again = addDays(reprimand, rng.int(10, 30));
        if (rng.chance(0.5) && again <= addDays(limit, -5)) {
          const repeat = "经训诫后仍无正当理由拒不参加教育学习";
          plan.incidents.push(
            { date: again, type: "violation", kind: "disobedience", text: repeat },
            {
              date: addDays(again, rng.int(2, 4)),
              type: "sanction",
              kind: "warning",
              text: `${repeat}，给予警告`,
            },
          );
        }
      }
    }
    return plan;
  }

  if (input.finalLevel === "strict") {
    const roll = rng.next();
    const quarterEnd = periodOf("quarter", addMonths(intakeDate, 3)).end;
    const quarterly = addDays(quarterEnd, rng.int(2, 9));
    if (input.keyOverride && crimes.some((c) => K5_CRIMES.has(c))) {
      intake("strict", "风险评估为较高，经集体研判按严管管理（不列为重点人员的理由见研判记录）");
      plan.keyOverride = {
        key: false,
        reason:
          "家庭支持良好、工作稳定，已签订承诺书并落实家属共同监督，经司法所集体研判暂不列为重点人员，按严管管理",
      };
    } else if (roll < 0.1 && room(quarterly, limit)) {
      intake("key", "入矫评估：情绪不稳定，列为重点人员");
      change(quarterly, "strict", "季度评估：情绪趋于稳定、家庭支持良好，经研究解除重点人员管理，调整为严管");
    } else if (roll < 0.2 && room(addDays(intakeDate, 20), addDays(limit, -10))) {
      const day = addDays(
        intakeDate,
        20 + rng.int(0, daysBetween(addDays(intakeDate, 20), addDays(limit, -10))),
      );
      const reprimandDay = addDays(day, rng.int(2, 4));
      const text = "未按规定时间进行电话报告，经提醒后补报";
      plan.incidents.push(
        { date: day, type: "violation", kind: "reporting", text },
        { date: reprimandDay, type: "sanction", kind: "reprimand", text: `${text}，违反报告规定，给予训诫` },
      );
      intake("normal", "入矫评估风险较低，列为普管");
      change(addDays(reprimandDay, rng.int(1, 3)), "strict", "违反报告规定受到训诫，经研究由普管调整为严管");
    } else {
      intake("strict", rng.pick(["入矫初期，依规列为严管", "风险评估为中等，列为严管"]));
    }
    // A case waiting for a decision: a fresh act of disobedience (K1) that the office has not yet
    // answered with a level change, so the engine's mismatch has something true to show.
    const day = addDays(input.today, -rng.int(4, 12));
    if (input.pendingReview && room(addDays(intakeDate, 20), day) && room(addDays(day, 2), limit)) {
      const text = "多次拒接工作人员电话，经通知后仍无正当理由拒不到司法所报到";
      plan.incidents.push(
        { date: day, type: "violation", kind: "disobedience", text },
        { date: addDays(day, 2), type: "sanction", kind: "reprimand", text: `${text}，给予训诫` },
      );
    }
    return plan;
  }

  if (rng.chance(0.2) && room(initialEvaluation, limit)) {
    intake("strict", "入矫初期，依规列为严管");
    change(initialEvaluation, "normal", "初期评估：遵规守纪、表现良好，由严管调整为普管");
  } else {
    intake("normal", "入矫评估风险较低，列为普管");
  }
  // Now and then a minor breach of the reporting rules, a reprimand, and nothing more.
  const first = addDays(intakeDate, 15);
  if (rng.chance(0.06) && room(first, addDays(limit, -5))) {
    const day = addDays(first, rng.int(0, daysBetween(first, addDays(limit, -5))));
    const text = rng.pick(["未按规定时间到司法所当面报告", "未经批准离开所居住的县，当日返回"]);
    plan.incidents.push(
      { date: day, type: "violation", kind: text.includes("离开") ? "leave" : "reporting", text },
      { date: addDays(day, rng.int(2, 4)), type: "sanction", kind: "reprimand", text: `${text}，给予训诫` },
    );
  }
  return plan;
}

function seriousViolation(rng: Rng, crimes: Crime[]): { kind: string; text: string } {
  if (crimes.includes("gambling") || crimes.includes("casino")) {
    return { kind: "prohibition_order", text: "违反禁止令，进入棋牌室参与赌博" };
  }
  return rng.pick([
    { kind: "reporting", text: "未按规定报告，手机关机失去联系三日" },
    { kind: "leave", text: "未经批准擅自离开所居住的县，外出五日" },
    { kind: "disobedience", text: "经训诫后仍无正当理由拒不参加教育学习" },
  ]);
}

function maxOf(a: string, b: string): string {
  return a > b ? a : b;
}
