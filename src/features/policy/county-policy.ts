// A policy profile per county. Every evaluation on the server — Today, the dashboards, the sweep,
// alerts, the intake clock, the team rules, the book — judges a person or an office by the rules of
// its own county: the county's row in `county_policy` names a shipped profile or stores a profile
// derived from one, as data (validated by the profile schema when written and again when read). A
// county without a row runs the default profile.
//
// `CountyPolicies` is the cache: owned by whoever made it (the server decorates `app.policies`; the
// sweep and the command line make their own), never module state. A change through `setCountyPolicy`
// invalidates it; other instances notice the county's new version within `recheckMs`.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import "./tables.ts";
import {
  type CaseInput,
  type CompiledPolicy,
  compilePolicy,
  DEFAULT_POLICY_ID,
  defaultRegistry,
  describeProblem,
  type EvaluationContext,
  evaluateCase,
  evaluateOffice,
  firstProblem,
  type LoadedCalendar,
  makeCaseInputSchema,
  type OfficeInput,
  type OfficeResult,
  type PolicyProfile,
  PolicyRegistry,
  policyProfileSchema,
} from "../../core/index.ts";
import type { Db } from "../../db/connect.ts";
import type { Database } from "../../db/schema.ts";
import { ApiError } from "../../http/errors.ts";
import { ServerCalendar } from "../calendar/server-calendar.ts";
import type { SubjectEvaluation } from "../rules/case-facts.ts";

/** The rules one county runs, ready for the engine. */
export interface CountyPolicy {
  countyId: string;
  profile: PolicyProfile;
  /** The runtime form of the profile (working-day calendar, day numbers), made once per version. */
  compiled: CompiledPolicy;
  /** Where the engine looks the profile up: this county's profile alone. */
  registry: PolicyRegistry;
  /** For a derived profile, the shipped profile it was derived from; null for a shipped one. */
  basedOn: string | null;
  /** The stored version (0: no row, the default profile). */
  version: number;
  setAt: Date | null;
  setByName: string | null;
  note: string | null;
  /** SHA-256 of the profile's data: equal rules have equal fingerprints, whichever cache made them. */
  fingerprint: string;
  /** The case schema checked against this county's profile (made once, not per case). */
  caseSchema: ReturnType<typeof makeCaseInputSchema>;
}

/**
 * A stored profile that no longer passes the profile schema (edited in the database, or written by an
 * older release): the county's work cannot be judged until an administrator sets its rules again.
 */
export class StoredPolicyInvalidError extends ApiError {
  constructor(
    readonly countyId: string,
    readonly version: number,
    readonly path: string,
    readonly reason: string,
  ) {
    super(
      503,
      "policy_invalid",
      `本县规则（第${version}版）数据无效（${path}），请管理员重新设置本县规则`,
      path,
    );
  }
}

interface StoredRow {
  version: number;
  profile_id: string;
  based_on: string | null;
  document: unknown;
  note: string | null;
  set_by_name: string;
  set_at: Date;
}

/**
 * The one place a county's profile becomes what the engine runs: compiled once (the working-day
 * calendar and the other runtime tables of `compilePolicy`) and registered for the engine's lookup.
 */
export function buildCountyPolicy(
  countyId: string,
  profile: PolicyProfile,
  meta: Pick<CountyPolicy, "basedOn" | "version" | "setAt" | "setByName" | "note">,
): CountyPolicy {
  const registry = new PolicyRegistry([profile]);
  const registered = registry.get(profile.id);
  return {
    countyId,
    profile: registered,
    compiled: compilePolicy(registered),
    registry,
    fingerprint: createHash("sha256").update(JSON.stringify(registered)).digest("hex"),
    caseSchema: makeCaseInputSchema(registry),
    ...meta,
  };
}

/** Checks a stored profile document against the profile schema; the first problem names its path. */
export function checkStoredDocument(countyId: string, version: number, document: unknown): PolicyProfile {
  const parsed = policyProfileSchema.safeParse(document);
  if (!parsed.success) {
    const problem = firstProblem(parsed.error);
    throw new StoredPolicyInvalidError(countyId, version, problem.path, problem.message);
  }
  return parsed.data;
}

function fromRow(countyId: string, row: StoredRow | undefined): CountyPolicy {
  if (!row)
    return buildCountyPolicy(countyId, defaultRegistry.get(DEFAULT_POLICY_ID), {
      basedOn: null,
      version: 0,
      setAt: null,
      setByName: null,
      note: null,
    });
  const meta = {
    basedOn: row.based_on,
    version: row.version,
    setAt: row.set_at,
    setByName: row.set_by_name,
    note: row.note,
  };
  if (row.document === null) {
    if (!defaultRegistry.has(row.profile_id))
      throw new StoredPolicyInvalidError(
        countyId,
        row.version,
        "profile_id",
        `unknown profile ${row.profile_id}`,
      );
    return buildCountyPolicy(countyId, defaultRegistry.get(row.profile_id), meta);
  }
  return buildCountyPolicy(countyId, checkStoredDocument(countyId, row.version, row.document), meta);
}

/** The county's current rules, read from the database (no cache). */
export async function loadCountyPolicy(k: Kysely<Database>, countyId: string): Promise<CountyPolicy> {
  const row = await k
    .selectFrom("county_policy")
    .select(["version", "profile_id", "based_on", "document", "note", "set_by_name", "set_at"])
    .where("county_id", "=", countyId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return fromRow(countyId, row as StoredRow | undefined);
}

export async function currentVersion(k: Kysely<Database>, countyId: string): Promise<number> {
  const row = await k
    .selectFrom("county_policy")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("county_id", "=", countyId)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** The county an office (or any place below a county) belongs to. */
async function countyOfPlace(k: Kysely<Database>, placeId: string): Promise<string> {
  let id: string | null = placeId;
  for (let depth = 0; id && depth < 8; depth++) {
    const row = await k
      .selectFrom("place")
      .select(["kind", "parent_id"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) break;
    if (row.kind === "county") return id;
    id = row.parent_id;
  }
  throw new Error(`place ${placeId} belongs to no county`);
}

/** The cache of the counties' rules; see the file comment. */
export class CountyPolicies {
  private readonly counties = new Map<string, { policy: Promise<CountyPolicy>; checkedAt: number }>();
  private readonly officeCounty = new Map<string, string>();
  /** The holiday notices loaded into this database: the other half of what every evaluation needs. */
  readonly calendar: ServerCalendar;

  constructor(
    private readonly db: Db,
    /** How long a county's rules are used before its stored version is looked at again. */
    private readonly recheckMs = 5_000,
  ) {
    this.calendar = new ServerCalendar(db.kysely);
  }

  forCounty(countyId: string): Promise<CountyPolicy> {
    const entry = this.counties.get(countyId);
    const nowMs = Date.now(); // cache age, not a business time
    if (entry && nowMs - entry.checkedAt < this.recheckMs) return entry.policy;
    const k = this.db.kysely;
    const policy = entry
      ? entry.policy.then(async (current) =>
          (await currentVersion(k, countyId)) === current.version ? current : loadCountyPolicy(k, countyId),
        )
      : loadCountyPolicy(k, countyId);
    const next = { policy, checkedAt: nowMs };
    this.counties.set(countyId, next);
    policy.catch(() => {
      if (this.counties.get(countyId) === next) this.counties.delete(countyId);
    });
    return policy;
  }

  /** The rules of the county an office belongs to. */
  async forOffice(officeId: string): Promise<CountyPolicy> {
    let countyId = this.officeCounty.get(officeId);
    if (!countyId) {
      countyId = await countyOfPlace(this.db.kysely, officeId);
      this.officeCounty.set(officeId, countyId);
    }
    return this.forCounty(countyId);
  }

  /** Forgets a county's rules (after a change), or every county's. */
  invalidate(countyId?: string): void {
    if (countyId === undefined) this.counties.clear();
    else this.counties.delete(countyId);
  }
}

/** Evaluates a stored case by the county's rules; a case the engine cannot accept is reported. */
export function evaluateCountyCase(
  policy: CountyPolicy,
  input: CaseInput,
  options: { context?: EvaluationContext; calendar?: LoadedCalendar } = {},
): SubjectEvaluation {
  const parsed = policy.caseSchema.safeParse({ ...input, policy: policy.profile.id });
  return parsed.success
    ? { ok: true, result: evaluateCase(parsed.data, { ...options, registry: policy.registry }) }
    : { ok: false, problem: describeProblem(firstProblem(parsed.error)) };
}

/** Judges an office's day by the county's rules. */
export function evaluateCountyOffice(
  policy: CountyPolicy,
  input: Omit<OfficeInput, "policy">,
  options: { calendar?: LoadedCalendar } = {},
): OfficeResult {
  return evaluateOffice({ ...input, policy: policy.profile.id }, { ...options, registry: policy.registry });
}

/**
 * The county's rules compiled with the holiday notices loaded into this database: for the day counts
 * a feature makes outside `evaluateCase` (the case review's due day, the release analysis' last day),
 * so they count the same working days as the evaluations do.
 */
export async function countyWorkingRules(
  policies: CountyPolicies,
  countyId: string,
): Promise<CompiledPolicy> {
  const [policy, calendar] = await Promise.all([policies.forCounty(countyId), policies.calendar.current()]);
  return compilePolicy(policy.profile, calendar);
}
