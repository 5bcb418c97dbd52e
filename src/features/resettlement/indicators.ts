// The indicators of resettlement (seed 003 二), from the persons' rows, for the year up to `asOf`
// (当年内): each rate's definition is in its comment, the names are the seed's (glossary
// careIndicatorLabel). Pure: the integration test counts the same by hand.
import { addYears, formatDate, parseDate } from "../../core/index.ts";
import type { CareRules } from "../../core/policy/care-rules.ts";
import { type Indicator, indicator } from "../care/rate.ts";

export interface PersonFacts {
  notice_on: string;
  release_on: string;
  key_person: boolean;
  verified_on: string | null;
  receipt_sent_on: string | null;
  picked_up_on: string | null;
  agreement_on: string | null;
  placed_on: string | null;
  employment_service_on: string | null;
  reoffended_on: string | null;
}

const by = (day: string | null, asOf: string) => day !== null && day <= asOf;

export function resettlementIndicators(
  persons: readonly PersonFacts[],
  asOf: string,
  rules: CareRules["resettlement"],
  socialWorkers: number,
) {
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  // Notices received this year (基本信息核查率, 衔接回执发送率: of the pre-release persons notified).
  const noticed = persons.filter((p) => p.notice_on >= yearStart && p.notice_on <= asOf);
  // Released this year up to the day (接送率, 协议签订率, 安置率, 就业服务率, 当年内重新犯罪率).
  const released = persons.filter((p) => p.release_on >= yearStart && p.release_on <= asOf);
  const key = released.filter((p) => p.key_person);
  const other = released.filter((p) => !p.key_person);
  // Released in the five years up to the day (五年内重新犯罪率, and those still helped: 社工配比).
  const fiveYearsAgo = formatDate(addYears(parseDate(asOf), -rules.followUpYears));
  const recent = persons.filter((p) => p.release_on > fiveYearsAgo && p.release_on <= asOf);
  const count = (list: readonly PersonFacts[], f: (p: PersonFacts) => boolean) => list.filter(f).length;
  const indicators: Indicator[] = [
    indicator(
      "verification",
      count(noticed, (p) => by(p.verified_on, asOf)),
      noticed.length,
      rules.verificationTargetPercent,
    ),
    indicator(
      "receipt",
      count(noticed, (p) => by(p.receipt_sent_on, asOf)),
      noticed.length,
      rules.receiptTargetPercent,
    ),
    indicator(
      "key_pickup",
      count(key, (p) => by(p.picked_up_on, asOf)),
      key.length,
      rules.keyPickupTargetPercent,
    ),
    indicator(
      "other_pickup",
      count(other, (p) => by(p.picked_up_on, asOf)),
      other.length,
      rules.otherPickupTargetPercent,
    ),
    indicator(
      "agreement",
      count(key, (p) => by(p.agreement_on, asOf)),
      key.length,
      rules.agreementTargetPercent,
    ),
    indicator(
      "placement",
      count(released, (p) => by(p.placed_on, asOf)),
      released.length,
      null,
    ),
    indicator(
      "employment_service",
      count(released, (p) => by(p.employment_service_on, asOf)),
      released.length,
      null,
    ),
    indicator(
      "reoffending_year",
      count(released, (p) => by(p.reoffended_on, asOf)),
      released.length,
      null,
    ),
    indicator(
      "reoffending_five_years",
      count(recent, (p) => by(p.reoffended_on, asOf)),
      recent.length,
      null,
    ),
  ];
  // 每50名刑释人员配备1名社会工作者: the released persons helped (five years, not reoffended).
  const helped = count(recent, (p) => !by(p.reoffended_on, asOf));
  const staffing = {
    helped,
    perSocialWorker: rules.releasedPerSocialWorker,
    socialWorkersNeeded: Math.ceil(helped / rules.releasedPerSocialWorker),
    socialWorkers,
    met: socialWorkers >= Math.ceil(helped / rules.releasedPerSocialWorker),
  };
  return { asOf, from: yearStart, indicators, staffing };
}
