// The console's calls of the location pipeline (api12.md): a person's reports, alerts and zones for the
// map, the county's zones, device orders and vendors, and the map's tile settings.
import { queryString, request } from "../../api.ts";

export interface LocationReport {
  id: string | number;
  at: string;
  lon: number;
  lat: number;
  accuracyM: number | null;
  source: string;
  lowQuality: boolean;
  photoId?: string | null;
}

export interface LocationAlert {
  id: string | number;
  kind: string;
  color: string;
  openedAt: string;
  status: string;
  reportIds: (string | number)[];
}

export interface ZoneProperties {
  id: string;
  /** `destination`: an approved leave's destination area, drawn on the trajectory map only. */
  kind: "execution" | "prohibited" | "destination";
  name: string;
  radiusM?: number;
  circle?: { center: [number, number]; radiusM: number } | null;
  subjectIds?: string[];
  categories?: string[];
  version?: number;
  [key: string]: unknown;
}

export interface ZoneFeature {
  type: "Feature";
  geometry: { type: string; coordinates: unknown } | null;
  properties: ZoneProperties;
}

export interface ZoneCollection {
  type: "FeatureCollection";
  features: ZoneFeature[];
}

export interface Locations {
  reports: LocationReport[];
  alerts: LocationAlert[];
  /** The registered residence as a point (WGS-84), once the office has set it. */
  residence: { lon: number; lat: number } | null;
  zones: ZoneCollection;
  /** Approved leaves of the days shown, with their destination's area (null: no boundary loaded). */
  leaves: LeaveDestination[];
}

export interface LeaveDestination {
  id: string;
  /** ordinary leave, or a standing approval (经常性跨市县活动) */
  kind: "ordinary" | "standing";
  from: string;
  to: string;
  destinationCounty: string;
  destinationName: string;
  /** A circle set on the map page: judged before any boundary. */
  circle: Circle | null;
  area: { code: string; name: string; geometry: { type: string; coordinates: unknown } } | null;
}

export interface Circle {
  center: [number, number];
  radiusM: number;
}

export interface DestinationArea {
  circle: Circle | null;
  boundary: { code: string; name: string } | null;
}

export interface DivisionBoundaryCollection {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    id: string;
    geometry: { type: string; coordinates: unknown };
    properties: { code: string; name: string; loadedAt: string };
  }[];
}

export interface MapSettings {
  tiles: { url: string; attribution: string } | null;
}

export interface DeviceOrder {
  id: string;
  subjectId: string;
  reason: string;
  approvedBy: string;
  from: string;
  to: string;
  until: string;
  inForce: boolean;
  extensions: { id: number; to: string; approvedBy: string | null; createdAt: string }[];
  createdAt: string;
}

export interface NewZone {
  kind: "execution" | "prohibited";
  name: string;
  geojson?: unknown;
  circle?: { center: [number, number]; radiusM: number };
  appliesTo?: { subjectIds: string[]; categories: string[] };
}

const subjectPath = (id: string, rest: string) => `/api/subjects/${encodeURIComponent(id)}/${rest}`;

export const locationApi = {
  mapSettings: () => request<MapSettings>("GET", "/api/map/settings"),
  locations: (subjectId: string, q: { from: string; to: string; purpose: string }) =>
    request<Locations>("GET", `${subjectPath(subjectId, "locations")}${queryString(q)}`),
  setResidence: (subjectId: string, point: { lon: number; lat: number }) =>
    request<{ lon: number; lat: number }>("PUT", subjectPath(subjectId, "residence-point"), point),
  photoUrl: (subjectId: string, photoId: string) =>
    subjectPath(subjectId, `location-photos/${encodeURIComponent(photoId)}`),
  zones: () => request<ZoneCollection>("GET", "/api/zones"),
  createZone: (zone: NewZone) => request<unknown>("POST", "/api/zones", zone),
  setAppliesTo: (id: string, appliesTo: { subjectIds: string[]; categories: string[] }) =>
    request<unknown>("PUT", `/api/zones/${encodeURIComponent(id)}/applies-to`, appliesTo),
  retireZone: (id: string) => request<unknown>("POST", `/api/zones/${encodeURIComponent(id)}/retire`, {}),
  divisionBoundaries: (covering?: string) =>
    request<DivisionBoundaryCollection>(
      "GET",
      `/api/division-boundaries${queryString(covering ? { covering } : {})}`,
    ),
  loadDivisionBoundaries: (geojson: unknown) =>
    request<{ loaded: { code: string; name: string }[] }>("POST", "/api/division-boundaries", { geojson }),
  retireDivisionBoundary: (code: string) =>
    request<{ code: string; name: string }>(
      "POST",
      `/api/division-boundaries/${encodeURIComponent(code)}/retire`,
      {},
    ),
  destinationArea: (leaveId: string) =>
    request<DestinationArea>("GET", `/api/leave/${encodeURIComponent(leaveId)}/destination-area`),
  setDestinationCircle: (leaveId: string, circle: Circle | null) =>
    request<DestinationArea>("PUT", `/api/leave/${encodeURIComponent(leaveId)}/destination-area`, { circle }),
  deviceOrders: (subjectId: string) =>
    request<{ items: DeviceOrder[] }>("GET", subjectPath(subjectId, "device-orders")),
  createDeviceOrder: (
    subjectId: string,
    body: { reason: string; approvedBy: string; from: string; to: string },
  ) => request<DeviceOrder>("POST", subjectPath(subjectId, "device-orders"), body),
  extendDeviceOrder: (orderId: string, body: { to: string; approvedBy: string }) =>
    request<DeviceOrder>("POST", `/api/device-orders/${encodeURIComponent(orderId)}/extensions`, body),
};
