// One Leaflet map for the location pages: the zones (county outline and prohibited zones), a person's
// reports with the track between them, and the tiles the county configured. With no tiles configured
// the map draws on a plain background and loads nothing from the network.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";
import type { MapSettings, ZoneCollection, ZoneFeature } from "./api.ts";

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  accuracyM: number | null;
  /** Hex or CSS colour of the marker. */
  colour: string;
  tooltip: string;
  /** The chosen point (the slider's): drawn larger. */
  current?: boolean;
}

const zoneStyle = (f: ZoneFeature): L.PathOptions =>
  f.properties.kind === "execution"
    ? { color: "#1677ff", weight: 2, fillOpacity: 0.04, dashArray: "6 4" }
    : f.properties.kind === "destination"
      ? { color: "#52c41a", weight: 2, fillOpacity: 0.06, dashArray: "2 6" }
      : { color: "#fa541c", weight: 2, fillOpacity: 0.2 };

/** A circle zone: `properties.circle` or a Point with `properties.radiusM`. */
function circleOf(f: ZoneFeature): { center: [number, number]; radiusM: number } | null {
  if (f.properties.circle) return f.properties.circle;
  if (f.geometry?.type === "Point" && typeof f.properties.radiusM === "number")
    return { center: f.geometry.coordinates as [number, number], radiusM: f.properties.radiusM };
  return null;
}

function zoneLayer(zones: ZoneCollection): L.FeatureGroup {
  const group = L.featureGroup();
  for (const f of zones.features) {
    const circle = circleOf(f);
    const layer = circle
      ? L.circle([circle.center[1], circle.center[0]], { radius: circle.radiusM, ...zoneStyle(f) })
      : f.geometry
        ? L.geoJSON(f as unknown as GeoJSON.Feature, { style: () => zoneStyle(f) })
        : null;
    if (!layer) continue;
    layer.bindTooltip(f.properties.name);
    group.addLayer(layer);
  }
  return group;
}

export function LeafletMap({
  settings,
  zones,
  points = [],
  track = true,
  height = 480,
  fitKey,
  onPointClick,
}: {
  settings: MapSettings | undefined;
  zones: ZoneCollection | undefined;
  points?: MapPoint[];
  /** Join the points in order with a line. */
  track?: boolean;
  height?: number;
  /** Changing it fits the map to the zones and points again (a new person or range). */
  fitKey?: string;
  onPointClick?: (id: string) => void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const zoneGroup = useRef<L.FeatureGroup | null>(null);
  const pointGroup = useRef<L.FeatureGroup | null>(null);
  const fitted = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!element.current) return;
    const m = L.map(element.current, { center: [30, 120], zoom: 10, attributionControl: true });
    m.attributionControl.setPrefix(false); // no English link on screen; the tiles' own line shows when set
    map.current = m;
    zoneGroup.current = L.featureGroup().addTo(m);
    pointGroup.current = L.featureGroup().addTo(m);
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !settings?.tiles) return;
    const tiles = L.tileLayer(settings.tiles.url, { attribution: settings.tiles.attribution, maxZoom: 19 });
    tiles.addTo(m);
    return () => {
      tiles.remove();
    };
  }, [settings]);

  useEffect(() => {
    const group = zoneGroup.current;
    if (!group) return;
    group.clearLayers();
    if (zones) group.addLayer(zoneLayer(zones));
  }, [zones]);

  useEffect(() => {
    const group = pointGroup.current;
    if (!group) return;
    group.clearLayers();
    if (track && points.length > 1)
      group.addLayer(
        L.polyline(
          points.map((p) => [p.lat, p.lon] as [number, number]),
          { color: "#595959", weight: 2, opacity: 0.7 },
        ),
      );
    for (const p of points) {
      const marker = L.circleMarker([p.lat, p.lon], {
        radius: p.current ? 9 : 6,
        color: "#fff",
        weight: 2,
        fillColor: p.colour,
        fillOpacity: 0.95,
        className: `qa-report-point${p.current ? " qa-report-current" : ""}`,
      });
      marker.bindTooltip(p.tooltip);
      if (onPointClick) marker.on("click", () => onPointClick(p.id));
      group.addLayer(marker);
    }
  }, [points, track, onPointClick]);

  useEffect(() => {
    const m = map.current;
    if (!m || fitted.current === fitKey || (!zones && points.length === 0)) return;
    const bounds = L.latLngBounds([]);
    const zoneBounds = zoneGroup.current?.getBounds();
    if (zoneBounds?.isValid()) bounds.extend(zoneBounds);
    for (const p of points) bounds.extend([p.lat, p.lon]);
    if (!bounds.isValid()) return;
    m.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    fitted.current = fitKey;
  }, [fitKey, zones, points]);

  return (
    <div
      ref={element}
      data-qa="location-map"
      style={{ height, width: "100%", background: "#eef2f5", borderRadius: 6, zIndex: 0 }}
    />
  );
}
