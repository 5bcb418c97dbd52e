// The demo counties' rules: 青禾县 runs the default profile; 石岭县 runs a profile derived from it, so
// that the demo shows two counties judged by different rules in one instance (issue 8). The change
// is data the engine already reads: normal-level persons report in person every half month (the
// default: monthly) and by phone every week (the default: every half month).
import type { Kysely } from "kysely";
import { systemActor } from "../../audit/audit.ts";
import { resolveSetting, storeCountyPolicy } from "../../features/policy/setting.ts";
import type { Database } from "../schema.ts";

const COUNTY_RULES = "《石岭县社区矫正分类管理实施细则》第五条";

export const OTHER_COUNTY_POLICY = {
  basedOn: "yirenyice-2025",
  id: "shiling-2026",
  name: "石岭县社区矫正“一人一册”实施细则",
  changes: {
    obligations: {
      phone_report: {
        basis: `seed 000 §九.2(4); ${COUNTY_RULES}`,
        byLevel: {
          normal: { period: "week", required: 1, countedRoles: null, who: "subject, recorded by office" },
        },
      },
      in_person_report: {
        basis: `seed 000 §九.2(4); ${COUNTY_RULES}`,
        byLevel: {
          normal: { period: "half_month", required: 1, countedRoles: null, who: "subject, at the office" },
        },
      },
    },
  },
  note: "演示：石岭县普管人员每半月当面报告、每周电话报告",
};

const demoActor = { ...systemActor, name: "演示数据" };

/** Stores the other county's derived profile as its first version (audited like any setting). */
export async function writeDemoPolicies(trx: Kysely<Database>, otherCountyId: string): Promise<void> {
  const resolved = resolveSetting(OTHER_COUNTY_POLICY);
  if (!resolved.ok)
    throw new Error(`demo policy invalid at ${resolved.problem.field}: ${resolved.problem.message}`);
  await storeCountyPolicy(trx, demoActor, otherCountyId, resolved.value);
}
