// Setting a county's rules: the county runs a shipped profile, or a profile derived from one by
// changing data. A setting is checked whole before anything is stored: the derived profile must pass
// the profile schema, and the first problem is named by its path in the setting (`changes.obligations
// .in_person_report.byLevel.normal.period`). Each setting is a new version (who, when, why), audited
// in the same transaction; nothing is overwritten.
import type { Kysely } from "kysely";
import { z } from "zod";
import { type Actor, writeAudit } from "../../audit/audit.ts";
import {
  defaultRegistry,
  firstProblem,
  type PolicyProfile,
  policyProfileSchema,
  validatePolicy,
} from "../../core/index.ts";
import type { Database } from "../../db/schema.ts";
import "./tables.ts";

/** What a county asks for: a shipped profile, or one derived from a shipped profile. */
export const policySettingSchema = z.union([
  z.strictObject({
    profile: z.string().min(1).max(64),
    note: z.string().trim().max(500).optional(),
  }),
  z.strictObject({
    basedOn: z.string().min(1).max(64),
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(200),
    /** Only what differs from `basedOn`: objects are merged key by key, anything else replaces. */
    changes: z.record(z.string(), z.unknown()),
    note: z.string().trim().max(500).optional(),
  }),
]);
export type PolicySetting = z.infer<typeof policySettingSchema>;

/** A setting checked and resolved: the profile the county will run. */
export interface ResolvedSetting {
  profile: PolicyProfile;
  basedOn: string | null;
  /** The whole derived profile as stored; null for a shipped one. */
  document: PolicyProfile | null;
  note: string | null;
}

export interface SettingProblem {
  field: string;
  message: string;
}

/** The first issue in a sentence an administrator can act on (zod's own text may be English). */
function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  switch (issue?.code) {
    case "too_small":
      return `不能小于 ${String(issue.minimum)}`;
    case "too_big":
      return `不能大于 ${String(issue.maximum)}`;
    case "invalid_value":
      return `应为以下之一：${issue.values.map(String).join("、")}`;
    case "invalid_type":
      return issue.input === undefined ? "缺少此项" : "类型不正确";
    case "unrecognized_keys":
      return "没有这一项";
    default:
      return issue && !/[A-Za-z]/.test(issue.message) ? issue.message : "取值不符合规则格式";
  }
}

function problemMessage(path: string, error: z.ZodError): string {
  return `规则数据无效（${path}）：${issueText(error)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `base` with `changes` applied: objects merged key by key, arrays and values replaced. */
export function applyChanges(base: unknown, changes: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(changes)) return structuredClone(changes);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(changes)) out[key] = applyChanges(base[key], value);
  return out;
}

/** Checks a setting (any JSON) and resolves it to a profile, or names the first problem's field. */
export function resolveSetting(
  data: unknown,
): { ok: true; value: ResolvedSetting } | { ok: false; problem: SettingProblem } {
  const shaped = policySettingSchema.safeParse(data);
  if (!shaped.success) {
    // Report against the form the caller most likely meant: derived if it names `basedOn`.
    const meant = isPlainObject(data) && "basedOn" in data ? 1 : 0;
    const branch = policySettingSchema.options[meant]!.safeParse(data);
    const error = branch.success ? shaped.error : branch.error;
    const problem = firstProblem(error);
    return {
      ok: false,
      problem: { field: problem.path, message: problemMessage(problem.path, error) },
    };
  }
  const setting = shaped.data;
  const note = setting.note ? setting.note : null;
  if ("profile" in setting) {
    if (!defaultRegistry.has(setting.profile))
      return {
        ok: false,
        problem: {
          field: "profile",
          message: `没有编号为“${setting.profile}”的内置规则（可用：${defaultRegistry.ids().join("、")}）`,
        },
      };
    return {
      ok: true,
      value: { profile: defaultRegistry.get(setting.profile), basedOn: null, document: null, note },
    };
  }
  if (!defaultRegistry.has(setting.basedOn))
    return {
      ok: false,
      problem: {
        field: "basedOn",
        message: `没有编号为“${setting.basedOn}”的内置规则（可用：${defaultRegistry.ids().join("、")}）`,
      },
    };
  if (defaultRegistry.has(setting.id))
    return { ok: false, problem: { field: "id", message: "派生规则的编号不能与内置规则的编号相同" } };
  const merged = applyChanges(defaultRegistry.get(setting.basedOn), {
    ...setting.changes,
    id: setting.id,
    name: setting.name,
  });
  const checked = policyProfileSchema.safeParse(merged);
  if (!checked.success) {
    const problem = firstProblem(checked.error);
    const field = problem.path === "id" || problem.path === "name" ? problem.path : `changes.${problem.path}`;
    return { ok: false, problem: { field, message: problemMessage(field, checked.error) } };
  }
  const profile = validatePolicy(checked.data);
  return { ok: true, value: { profile, basedOn: setting.basedOn, document: profile, note } };
}

/** Stores a resolved setting as the county's next version and audits it, in the caller's transaction. */
export async function storeCountyPolicy(
  trx: Kysely<Database>,
  actor: Actor,
  countyId: string,
  setting: ResolvedSetting,
): Promise<number> {
  const last = await trx
    .selectFrom("county_policy")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("county_id", "=", countyId)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await trx
    .insertInto("county_policy")
    .values({
      county_id: countyId,
      version,
      profile_id: setting.profile.id,
      based_on: setting.basedOn,
      document: setting.document === null ? null : JSON.stringify(setting.document),
      note: setting.note,
      set_by: actor.id,
      set_by_name: actor.name ?? "系统",
    })
    .execute();
  await writeAudit(trx, actor, {
    action: "policy.set",
    recordType: "county_policy",
    recordId: `${countyId}:${version}`,
    placeId: countyId,
    details: { profileId: setting.profile.id, basedOn: setting.basedOn, version, note: setting.note },
  });
  return version;
}
