// The location rules' public surface (location.md "The location rules' contract"). Pure: no I/O, no
// clock.
export { COORDINATE_SYSTEMS, type CoordinateSystem, toWgs84 } from "./crs.ts";
export {
  type EvaluateLocationOptions,
  evaluateLocation,
  formatCstInstant,
  type LocationAlert,
  type LocationResult,
} from "./evaluate-location.ts";
export { type Area, areaContains, distanceM, distanceOutsideM, type LonLat } from "./geometry.ts";
export {
  type LocationInput,
  type LocationReport,
  locationInputSchema,
  makeLocationInputSchema,
  parseLocationInput,
  REPORT_SOURCES,
} from "./location-schema.ts";
export { LOCATION_ALERT_KINDS, type LocationAlertKind } from "./timeline.ts";
