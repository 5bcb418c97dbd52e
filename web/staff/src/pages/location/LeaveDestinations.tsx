// A person's approved leaves of the days shown on the trajectory map, each with the area its destination
// is judged by: a circle the office set (centre and radius, settable here), else the division boundary
// the agency loaded (drawn in green), else the notice that nothing is judged out of area while away
// (location.md "Zones"; features/location/division-boundaries.ts, leave-area-routes.ts).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, InputNumber, List, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { leaveKindLabel } from "../../../../../src/glossary.ts";
import {
  type Circle,
  type LeaveDestination,
  locationApi,
  type ZoneCollection,
  type ZoneFeature,
} from "./api.ts";

/** Said wherever a leave's destination has no loaded boundary (the map page and the leave record). */
export const NO_BOUNDARY_NOTICE = "目的地区划边界未载入，请假期间不判断越界";

const circleText = (c: Circle) =>
  `圆形区域（圆心 ${c.center[0]}, ${c.center[1]}，半径 ${c.radiusM / 1000} 公里）`;

/** The map's zones with each leave's destination area added (kind `destination`). */
export function withDestinations(zones: ZoneCollection, leaves: LeaveDestination[]): ZoneCollection {
  const areas: ZoneFeature[] = [];
  for (const l of leaves) {
    const name = `${leaveKindLabel[l.kind]}目的地：${l.destinationName}`;
    if (l.circle)
      areas.push({
        type: "Feature",
        geometry: null,
        properties: { id: `destination-${l.id}`, kind: "destination", name, circle: l.circle },
      });
    else if (l.area)
      areas.push({
        type: "Feature",
        geometry: l.area.geometry,
        properties: { id: `destination-${l.id}`, kind: "destination", name },
      });
  }
  return areas.length ? { ...zones, features: [...zones.features, ...areas] } : zones;
}

export function LeaveDestinationsCard({
  leaves,
  canSet,
  onSaved,
}: {
  leaves: LeaveDestination[];
  canSet: boolean;
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState<LeaveDestination | null>(null);
  if (leaves.length === 0) return null;
  return (
    <Card size="small" title="请假外出" data-qa="leave-destinations">
      <List
        size="small"
        dataSource={leaves}
        renderItem={(l) => (
          <List.Item
            data-qa="leave-destination-item"
            actions={
              canSet
                ? [
                    <Button key="circle" size="small" data-qa="set-circle" onClick={() => setEditing(l)}>
                      圆形区域
                    </Button>,
                  ]
                : []
            }
          >
            <div>
              <div>
                <Tag>{leaveKindLabel[l.kind]}</Tag>
                {l.from} 至 {l.to}　{l.destinationName}
              </div>
              {l.circle ? (
                <Typography.Text type="secondary">
                  <Tag color="green">目的地区域</Tag>按{circleText(l.circle)}判断越界
                </Typography.Text>
              ) : l.area ? (
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
      <CircleModal leave={editing} onClose={() => setEditing(null)} onSaved={onSaved} />
    </Card>
  );
}

interface CircleForm {
  lon?: number;
  lat?: number;
  radiusKm?: number;
}

/** Sets (or clears) a leave destination's circle: centre in WGS-84, radius in kilometres. */
function CircleModal({
  leave,
  onClose,
  onSaved,
}: {
  leave: LeaveDestination | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<CircleForm>();
  const [saving, setSaving] = useState(false);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const save = async (circle: Circle | null) => {
    setSaving(true);
    try {
      if (!leave) return;
      await locationApi.setDestinationCircle(leave.id, circle);
      message.success(circle ? "已设置目的地圆形区域" : "已取消目的地圆形区域");
      await queryClient.invalidateQueries({ queryKey: ["destination-area", leave.id] });
      onSaved();
      onClose();
    } catch (e) {
      message.error(e instanceof Error ? e.message : "保存失败");
    } finally {
      setSaving(false);
    }
  };
  const submit = async () => {
    let v: CircleForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await save({
      center: [v.lon as number, v.lat as number],
      radiusM: Math.round((v.radiusKm as number) * 1000),
    });
  };
  return (
    <Modal
      open={leave !== null}
      title={leave ? `请假目的地区域：${leave.destinationName}` : ""}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {leave?.circle ? (
            <Button danger loading={saving} onClick={() => save(null)}>
              取消圆形区域
            </Button>
          ) : null}
          <Button onClick={onClose}>关闭</Button>
          <Button type="primary" loading={saving} onClick={submit} data-qa="circle-save">
            保存
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        目的地区划边界未载入或不合适时，可设置以目的地为圆心的区域：请假期间该区域内不判断越界。坐标为 WGS-84
        经纬度。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={
          leave?.circle
            ? {
                lon: leave.circle.center[0],
                lat: leave.circle.center[1],
                radiusKm: leave.circle.radiusM / 1000,
              }
            : { radiusKm: 20 }
        }
      >
        <Space>
          <Form.Item name="lon" label="圆心经度" rules={[{ required: true, message: "请填写圆心经度" }]}>
            <InputNumber min={-180} max={180} step={0.001} data-qa="circle-lon" />
          </Form.Item>
          <Form.Item name="lat" label="圆心纬度" rules={[{ required: true, message: "请填写圆心纬度" }]}>
            <InputNumber min={-90} max={90} step={0.001} data-qa="circle-lat" />
          </Form.Item>
          <Form.Item name="radiusKm" label="半径（公里）" rules={[{ required: true, message: "请填写半径" }]}>
            <InputNumber min={0.1} max={100} step={1} data-qa="circle-radius" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/**
 * On the leave record: the area a destination is judged by while the person is away — the circle set on
 * the map page, the loaded boundary covering it, or the notice that there is none.
 */
export function DestinationAreaNote({ leaveId }: { leaveId: string }) {
  const area = useQuery({
    queryKey: ["destination-area", leaveId],
    queryFn: () => locationApi.destinationArea(leaveId),
  });
  if (!area.data) return null;
  const { circle, boundary } = area.data;
  return circle ? (
    <Typography.Text type="secondary" data-qa="destination-area">
      （请假期间按{circleText(circle)}判断越界）
    </Typography.Text>
  ) : boundary ? (
    <Typography.Text type="secondary" data-qa="destination-area">
      （请假期间按“{boundary.name}”区划边界判断越界）
    </Typography.Text>
  ) : (
    <Typography.Text type="warning" data-qa="no-boundary-notice">
      （{NO_BOUNDARY_NOTICE}）
    </Typography.Text>
  );
}
