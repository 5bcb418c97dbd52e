// What a write through the API can have changed on Today, by its route: the "areas" noted in
// `db.writes` (db/write-notes.ts) and read by Today's side items (routes.ts `sideParts`), each of
// which is read again only when its own area was written. The office states follow their tables
// through the change log after every write, whatever its area (office-state.ts).
//
// Routes not listed may have changed anything (every side item is read again): a new route is safe
// by default and is listed here only once what it writes is known.

/** Routes that write only what the office states follow (events, location reports) or nothing Today shows. */
const officeOnly = [
  "/api/subjects/:id/information-checks",
  "/api/subjects/:id/field-visits",
  "/api/subjects/:id/feedback-forms",
  "/api/subjects/:id/unmask",
  "/api/devices/reports",
  "/api/app/reports",
  "/api/auth/login",
  "/api/auth/logout",
  "/api/app/login",
  "/api/app/logout",
];

/**
 * Route prefixes whose writes stay in their features' own tables (besides what the office states
 * follow), and the side areas they change.
 */
const featurePrefixes: [prefix: string, areas: SideArea[]][] = [
  ["/api/leave", ["leave"]],
  ["/api/app/leaves", ["leave"]],
  ["/api/hazards", ["hazards"]],
  ["/api/major-events", ["major_events"]],
  // A risk found in the screening is recorded as a hazard of the register.
  ["/api/screening", ["screening", "hazards"]],
  ["/api/risk-meetings", ["risk_decisions"]],
  ["/api/sampling", ["samples"]],
  ["/api/investigations", ["care"]],
  ["/api/resettlement", ["care"]],
  ["/api/aftercare", ["care"]],
  ["/api/exchange/partners", ["exchange"]],
  ["/api/exchange/deliveries", ["exchange"]],
];

/** The side items of Today, each read apart and again only when its area is written. */
export type SideArea =
  | "leave"
  | "transfer"
  | "court"
  | "hazards"
  | "major_events"
  | "screening"
  | "risk_decisions"
  | "samples"
  | "care"
  | "exchange";

/** The side areas a write through `route` (the route's pattern) may have changed; undefined: any. */
export function writeAreasOf(route: string | undefined): readonly SideArea[] | undefined {
  if (route === undefined) return undefined;
  if (officeOnly.includes(route)) return [];
  for (const [prefix, areas] of featurePrefixes)
    if (route === prefix || route.startsWith(`${prefix}/`)) return areas;
  return undefined;
}
