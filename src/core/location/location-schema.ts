// The input of `evaluateLocation` (location.md "The location rules' contract"): strict — unknown fields
// are errors — and checked for consistency, so the rules can trust what they are given. Errors name the
// JSON path (`reports[3].lat`) exactly as `rules evaluate` does.
import { z } from "zod";
import { tryParseDate } from "../calendar/days.ts";
import { firstProblem, type Parsed } from "../input/errors.ts";
import { dateField, instantField, policyIdField } from "../input/fields.ts";
import { DEFAULT_POLICY_ID, defaultRegistry, type PolicyRegistry } from "../policy/registry.ts";
import { LEVELS } from "../policy/schema.ts";
import { COORDINATE_SYSTEMS } from "./crs.ts";

export const REPORT_SOURCES = ["app", "device", "staff"] as const;

const longitude = z
  .number()
  .min(-180, "longitude must be between -180 and 180")
  .max(180, "longitude must be between -180 and 180");
const latitude = z
  .number()
  .min(-90, "latitude must be between -90 and 90")
  .max(90, "latitude must be between -90 and 90");

/** `[lon, lat]` in WGS-84. */
const lonLat = z.tuple([longitude, latitude]);
/** A GeoJSON position: `[lon, lat]`, or with an altitude, which the rules ignore. */
const position = z.tuple([longitude, latitude, z.number().optional()]);

/** A linear ring: closed (last position equals the first) with at least four positions (RFC 7946). */
const ring = z
  .array(position)
  .min(4, "a polygon ring needs at least 4 positions")
  .refine(
    (r) => {
      const first = r[0];
      const last = r[r.length - 1];
      return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
    },
    { message: "a polygon ring must be closed (its last position equal to its first)" },
  );

const polygon = z.strictObject({ type: z.literal("Polygon"), coordinates: z.array(ring).min(1) });
const multiPolygon = z.strictObject({
  type: z.literal("MultiPolygon"),
  coordinates: z.array(z.array(ring).min(1)).min(1),
});
const geometry = z.discriminatedUnion("type", [polygon, multiPolygon]);

const circle = z.strictObject({
  center: lonLat,
  radiusM: z.number().positive("radiusM must be greater than 0"),
});

/** Exactly one of `circle` and `geometry`: checked on the object so the message names it. */
function oneShape(value: { circle?: unknown; geometry?: unknown }): boolean {
  return (value.circle === undefined) !== (value.geometry === undefined);
}
const ONE_SHAPE = { message: "expected exactly one of circle or geometry" };

const area = z
  .strictObject({ circle: circle.optional(), geometry: geometry.optional() })
  .refine(oneShape, ONE_SHAPE);

const prohibitedZone = z
  .strictObject({
    id: z.string().min(1),
    name: z.string(),
    circle: circle.optional(),
    geometry: geometry.optional(),
  })
  .refine(oneShape, ONE_SHAPE);

const subject = z.strictObject({
  id: z.string().min(1),
  level: z.enum(LEVELS),
  /** An Art. 29 electronic-location order is in force. */
  deviceOrder: z.boolean(),
  residence: lonLat,
  monitoringFrom: instantField,
});

const report = z.strictObject({
  at: instantField,
  lon: longitude,
  lat: latitude,
  accuracyM: z.number().min(0, "accuracyM must be 0 or more"),
  crs: z.enum(COORDINATE_SYSTEMS).default("WGS84"),
  source: z.enum(REPORT_SOURCES),
});

const leave = z.strictObject({ from: dateField, to: dateField, destination: area });

const locationShape = z.strictObject({
  asOf: instantField,
  policy: policyIdField.optional(),
  subject,
  zones: z.strictObject({ execution: geometry, prohibited: z.array(prohibitedZone) }),
  leaves: z.array(leave),
  reports: z.array(report),
  unreachable: z.array(z.strictObject({ at: instantField })),
});

export type LocationInput = z.output<typeof locationShape>;
/** The JSON data the schema accepts (before defaults such as `crs`). */
export type LocationInputData = z.input<typeof locationShape>;
export type LocationReport = LocationInput["reports"][number];
export type LocationGeometry = z.output<typeof geometry>;
export type LocationArea = z.output<typeof area>;

/** The location schema with its consistency checks, against a registry of profiles. */
export function makeLocationInputSchema(registry: PolicyRegistry = defaultRegistry) {
  return locationShape.superRefine((input, ctx) => {
    const policyId = input.policy ?? DEFAULT_POLICY_ID;
    if (!registry.has(policyId)) {
      ctx.addIssue({ code: "custom", path: ["policy"], message: `unknown policy profile "${policyId}"` });
      return;
    }
    if (input.subject.level === "lenient" && !registry.get(policyId).levels.lenientEnabled) {
      ctx.addIssue({
        code: "custom",
        path: ["subject", "level"],
        message: `level "lenient" is not enabled in policy ${policyId}`,
      });
    }
    input.leaves.forEach((l, i) => {
      const from = tryParseDate(l.from);
      const to = tryParseDate(l.to);
      if (from !== null && to !== null && to < from) {
        ctx.addIssue({
          code: "custom",
          path: ["leaves", i, "to"],
          message: "leave ends (to) before it starts (from)",
        });
      }
    });
    // Alerts name their zone by id: two zones with one id could not be told apart.
    const seen = new Set<string>();
    input.zones.prohibited.forEach((zone, i) => {
      if (seen.has(zone.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["zones", "prohibited", i, "id"],
          message: `duplicate zone id "${zone.id}"`,
        });
      }
      seen.add(zone.id);
    });
  });
}

export const locationInputSchema = makeLocationInputSchema();

/** Parses untrusted JSON data into a location case, or the first problem with its JSON path. */
export function parseLocationInput(
  data: unknown,
  registry: PolicyRegistry = defaultRegistry,
): Parsed<LocationInput> {
  const schema = registry === defaultRegistry ? locationInputSchema : makeLocationInputSchema(registry);
  const result = schema.safeParse(data);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problem: firstProblem(result.error) };
}
