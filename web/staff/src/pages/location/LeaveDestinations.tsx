// A person's approved leaves of the days shown on the trajectory map, each with its destination's area:
// the division boundary the agency loaded (drawn on the map in green), or the notice that none is loaded
// and so nothing is judged out of area while away (location.md "Zones"; division-boundaries.ts).
import { useQuery } from "@tanstack/react-query";
import { Card, List, Tag, Typography } from "antd";
import { type LeaveDestination, locationApi, type ZoneCollection, type ZoneFeature } from "./api.ts";

/** Said wherever a leave's destination has no loaded boundary (the map page and the leave record). */
export const NO_BOUNDARY_NOTICE = "目的地区划边界未载入，请假期间不判断越界";

/** The map's zones with each leave's destination area added (kind `destination`). */
export function withDestinations(zones: ZoneCollection, leaves: LeaveDestination[]): ZoneCollection {
  const seen = new Set<string>();
  const areas: ZoneFeature[] = [];
  for (const l of leaves) {
    if (!l.area || seen.has(l.area.code)) continue;
    seen.add(l.area.code);
    areas.push({
      type: "Feature",
      geometry: l.area.geometry,
      properties: {
        id: `destination-${l.area.code}`,
        kind: "destination",
        name: `请假目的地：${l.area.name}`,
      },
    });
  }
  return areas.length ? { ...zones, features: [...zones.features, ...areas] } : zones;
}

export function LeaveDestinationsCard({ leaves }: { leaves: LeaveDestination[] }) {
  if (leaves.length === 0) return null;
  return (
    <Card size="small" title="请假外出" data-qa="leave-destinations">
      <List
        size="small"
        dataSource={leaves}
        renderItem={(l) => (
          <List.Item data-qa="leave-destination-item">
            <div>
              <div>
                {l.from} 至 {l.to}　{l.destinationName}
              </div>
              {l.area ? (
                <Typography.Text type="secondary">
                  <Tag color="green">目的地区域</Tag>按“{l.area.name}”区划边界判断越界（地图绿色虚线）
                </Typography.Text>
              ) : (
                <Typography.Text type="warning" data-qa="no-boundary-notice">
                  {NO_BOUNDARY_NOTICE}
                </Typography.Text>
              )}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * On the leave record: the area a destination is judged by while the person is away — the loaded
 * boundary covering it, or the notice that none is loaded.
 */
export function DestinationAreaNote({ code }: { code: string }) {
  const boundary = useQuery({
    queryKey: ["division-boundaries", code],
    queryFn: () => locationApi.divisionBoundaries(code),
  });
  if (!boundary.data) return null;
  const area = boundary.data.features[0];
  return area ? (
    <Typography.Text type="secondary" data-qa="destination-area">
      （请假期间按“{area.properties.name}”区划边界判断越界）
    </Typography.Text>
  ) : (
    <Typography.Text type="warning" data-qa="no-boundary-notice">
      （{NO_BOUNDARY_NOTICE}）
    </Typography.Text>
  );
}
