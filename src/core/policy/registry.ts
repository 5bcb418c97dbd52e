// Policy profiles by id. A profile is validated when registered and frozen afterwards, so the engine
// reads only checked data. Another county registers its own profile — usually derived from the
// default by changing data alone (`derivePolicy`).
import { YIRENYICE_2025 } from "./profiles/yirenyice-2025.ts";
import { type PolicyProfile, policyProfileSchema } from "./schema.ts";

export const DEFAULT_POLICY_ID = "yirenyice-2025";

export class UnknownPolicyError extends Error {
  constructor(readonly policyId: string) {
    super(`unknown policy profile "${policyId}"`);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Validates a profile (throws with the zod issues on bad data) and returns a frozen copy. */
export function validatePolicy(data: unknown): PolicyProfile {
  const result = policyProfileSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join(".") ?? "";
    throw new Error(`invalid policy profile at ${where || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  return deepFreeze(result.data);
}

/**
 * A new profile made by copying `base` and changing data: `change` edits a mutable deep copy. The
 * result is validated like any profile.
 */
export function derivePolicy(
  base: PolicyProfile,
  id: string,
  change: (draft: PolicyProfile) => void,
): PolicyProfile {
  const draft = structuredClone(base) as PolicyProfile;
  draft.id = id;
  change(draft);
  return validatePolicy(draft);
}

export class PolicyRegistry {
  private readonly profiles = new Map<string, PolicyProfile>();

  constructor(profiles: readonly unknown[] = []) {
    for (const p of profiles) this.register(p);
  }

  register(data: unknown): PolicyProfile {
    const profile = validatePolicy(data);
    this.profiles.set(profile.id, profile);
    return profile;
  }

  has(id: string): boolean {
    return this.profiles.has(id);
  }

  /** The profile with this id; throws `UnknownPolicyError` when none is registered. */
  get(id: string): PolicyProfile {
    const profile = this.profiles.get(id);
    if (!profile) throw new UnknownPolicyError(id);
    return profile;
  }

  ids(): string[] {
    return [...this.profiles.keys()].sort();
  }
}

/** The registry the command line and the server use: the profiles shipped with the product. */
export const defaultRegistry = new PolicyRegistry([YIRENYICE_2025]);

export function getPolicy(id: string = DEFAULT_POLICY_ID): PolicyProfile {
  return defaultRegistry.get(id);
}
