// 电子围栏: the county's zones on a map — the place of execution (the county boundary, one in force,
// versioned) and prohibited zones (禁止令 and specific places) — loaded from a GeoJSON file or drawn as a
// circle, attached to persons or crime categories, and retired. The agency writes; county workers read.
import { UploadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert as AntAlert,
  App as AntApp,
  Button,
  type ButtonProps,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from "antd";
import { type HTMLAttributes, useState } from "react";
import { crimeCategoryLabel, zoneKindLabel } from "../../../../../src/glossary.ts";
import { api } from "../../api.ts";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { locationApi, type NewZone, type ZoneFeature } from "./api.ts";
import { DivisionBoundariesCard } from "./DivisionBoundariesCard.tsx";
import { LeafletMap } from "./LeafletMap.tsx";

/** Who loads and changes zones (api12.md): the agency. */
const zoneWriters = new Set(["agency_head", "agency_staff"]);
const categoryOptions = Object.entries(crimeCategoryLabel).map(([value, label]) => ({ value, label }));

export default function ZonesPage() {
  usePageTitle("电子围栏");
  const user = useCurrentUser();
  const settings = useQuery({
    queryKey: ["map-settings"],
    queryFn: locationApi.mapSettings,
    staleTime: Infinity,
  });
  const zones = useQuery({ queryKey: ["zones"], queryFn: locationApi.zones });
  const [adding, setAdding] = useState(false);
  const [attaching, setAttaching] = useState<ZoneFeature | null>(null);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const writer = zoneWriters.has(user.role);

  const retire = async (zone: ZoneFeature) => {
    try {
      await locationApi.retireZone(zone.properties.id);
      message.success(`已停用“${zone.properties.name}”`);
      await queryClient.invalidateQueries({ queryKey: ["zones"] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : "停用失败");
    }
  };

  if (zones.isError) return <ApiErrorView error={zones.error} onRetry={() => zones.refetch()} />;
  const features = zones.data?.features ?? [];
  return (
    <Flex vertical gap={12}>
      <Card
        size="small"
        title="电子围栏"
        extra={
          writer ? (
            <Button type="primary" data-qa="zone-add" onClick={() => setAdding(true)}>
              新增区域
            </Button>
          ) : null
        }
      >
        <LeafletMap
          settings={settings.data}
          zones={zones.data}
          fitKey={String(features.length)}
          height={420}
        />
      </Card>
      <Card size="small" title="区域列表">
        <Table<ZoneFeature>
          size="small"
          rowKey={(f) => f.properties.id}
          loading={zones.isFetching}
          dataSource={features}
          pagination={false}
          onRow={() => ({ "data-qa": "zone-row" }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: "尚未载入区域：请载入本县行政区划边界（执行地区域）和禁止区域" }}
          columns={[
            { title: "名称", key: "name", render: (_, f) => f.properties.name },
            {
              title: "类别",
              key: "kind",
              width: 120,
              render: (_, f) => (
                <Tag color={f.properties.kind === "execution" ? "blue" : "volcano"}>
                  {zoneKindLabel[f.properties.kind] ?? f.properties.kind}
                </Tag>
              ),
            },
            {
              title: "适用",
              key: "applies",
              render: (_, f) =>
                f.properties.kind === "execution"
                  ? "全县社区矫正对象"
                  : [
                      f.properties.subjectIds?.length ? `${f.properties.subjectIds.length} 名对象` : null,
                      ...(f.properties.categories ?? []).map((c) => crimeCategoryLabel[c] ?? c),
                    ]
                      .filter(Boolean)
                      .join("、") || "未指定",
            },
            {
              title: "操作",
              key: "actions",
              width: 180,
              render: (_, f) =>
                writer ? (
                  <Space size={4}>
                    {f.properties.kind === "prohibited" ? (
                      <Button size="small" data-qa="zone-attach" onClick={() => setAttaching(f)}>
                        适用对象
                      </Button>
                    ) : null}
                    <Popconfirm
                      title={`停用“${f.properties.name}”？`}
                      okText="停用"
                      cancelText="取消"
                      onConfirm={() => retire(f)}
                    >
                      <Button size="small" danger data-qa="zone-retire">
                        停用
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <DivisionBoundariesCard writer={writer} />
      <AddZoneModal open={adding} onClose={() => setAdding(false)} />
      <AppliesToModal zone={attaching} onClose={() => setAttaching(null)} />
    </Flex>
  );
}

interface ZoneForm {
  kind: "execution" | "prohibited";
  name: string;
  shape: "file" | "circle";
  lon?: number;
  lat?: number;
  radiusM?: number;
  subjectIds?: string[];
  categories?: string[];
}

function AddZoneModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ZoneForm>();
  const [geojson, setGeojson] = useState<{ name: string; value: unknown } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const kind = Form.useWatch("kind", form);
  const shape = Form.useWatch("shape", form);

  const readFile = async (file: File) => {
    setError(null);
    try {
      setGeojson({ name: file.name, value: JSON.parse(await file.text()) });
    } catch {
      setGeojson(null);
      setError(`文件“${file.name}”不是有效的 GeoJSON（JSON 格式错误）`);
    }
    return false; // read here, not uploaded by the component
  };
  const close = () => {
    form.resetFields();
    setGeojson(null);
    setError(null);
    onClose();
  };
  const submit = async () => {
    let v: ZoneForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const zone: NewZone = { kind: v.kind, name: v.name };
    if (v.shape === "file") {
      if (!geojson) return setError("请选择 GeoJSON 文件");
      zone.geojson = geojson.value;
    } else zone.circle = { center: [v.lon ?? 0, v.lat ?? 0], radiusM: v.radiusM ?? 0 };
    if (v.kind === "prohibited")
      zone.appliesTo = { subjectIds: v.subjectIds ?? [], categories: v.categories ?? [] };
    setSaving(true);
    setError(null);
    try {
      await locationApi.createZone(zone);
      message.success(`已载入“${v.name}”`);
      await queryClient.invalidateQueries({ queryKey: ["zones"] });
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : "保存失败");
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title="新增区域"
      okText="保存"
      cancelText="取消"
      onOk={submit}
      onCancel={close}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ "data-qa": "zone-submit" } as ButtonProps}
    >
      {error ? (
        <AntAlert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-qa="zone-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "prohibited", shape: "file" }}
        preserve={false}
      >
        <Form.Item name="kind" label="类别">
          <Radio.Group
            options={[
              { value: "execution", label: "执行地区域（本县边界，新载入的替换原有的）" },
              { value: "prohibited", label: "禁止区域" },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, message: "请填写区域名称" }]}
        >
          <Input maxLength={100} data-qa="zone-name" />
        </Form.Item>
        <Form.Item name="shape" label="形状">
          <Radio.Group
            options={[
              { value: "file", label: "载入 GeoJSON 文件" },
              ...(kind === "prohibited" ? [{ value: "circle", label: "圆形（中心点和半径）" }] : []),
            ]}
          />
        </Form.Item>
        {shape === "circle" && kind === "prohibited" ? (
          <Space align="start" wrap>
            <Form.Item name="lon" label="中心经度" rules={[{ required: true, message: "请填写经度" }]}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: 140 }} data-qa="zone-lon" />
            </Form.Item>
            <Form.Item name="lat" label="中心纬度" rules={[{ required: true, message: "请填写纬度" }]}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: 140 }} data-qa="zone-lat" />
            </Form.Item>
            <Form.Item name="radiusM" label="半径（米）" rules={[{ required: true, message: "请填写半径" }]}>
              <InputNumber min={1} max={100000} style={{ width: 120 }} data-qa="zone-radius" />
            </Form.Item>
          </Space>
        ) : (
          <Form.Item label="GeoJSON 文件（WGS-84 经纬度的多边形）">
            <Upload
              accept=".json,.geojson,application/geo+json,application/json"
              beforeUpload={readFile}
              showUploadList={false}
            >
              <Button icon={<UploadOutlined />} data-qa="zone-file">
                选择文件
              </Button>
            </Upload>
            {geojson ? <Typography.Text style={{ marginLeft: 8 }}>{geojson.name}</Typography.Text> : null}
          </Form.Item>
        )}
        {kind === "prohibited" ? <AppliesToFields /> : null}
      </Form>
    </Modal>
  );
}

/** The persons (禁止令) and crime categories a prohibited zone applies to. */
function AppliesToFields() {
  const [q, setQ] = useState("");
  const subjects = useQuery({
    queryKey: ["subjects", "zone-picker", q],
    queryFn: () => api.subjects({ q: q || undefined, pageSize: 20 }),
  });
  return (
    <>
      <Form.Item name="subjectIds" label="适用对象（禁止令）">
        <Select
          mode="multiple"
          showSearch
          filterOption={false}
          onSearch={setQ}
          data-qa="zone-subjects"
          placeholder="输入姓名查找"
          options={(subjects.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `${s.name}（${s.office.name}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="categories" label="适用罪名类别">
        <Select mode="multiple" options={categoryOptions} placeholder="例如：开设赌场" />
      </Form.Item>
    </>
  );
}

function AppliesToModal({ zone, onClose }: { zone: ZoneFeature | null; onClose: () => void }) {
  const [form] = Form.useForm<{ subjectIds?: string[]; categories?: string[] }>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const submit = async () => {
    if (!zone) return;
    const v = form.getFieldsValue();
    try {
      await locationApi.setAppliesTo(zone.properties.id, {
        subjectIds: v.subjectIds ?? [],
        categories: v.categories ?? [],
      });
      await queryClient.invalidateQueries({ queryKey: ["zones"] });
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : "保存失败");
    }
  };
  return (
    <Modal
      open={zone !== null}
      title={zone ? `适用对象 · ${zone.properties.name}` : ""}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <AntAlert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          subjectIds: zone?.properties.subjectIds ?? [],
          categories: zone?.properties.categories ?? [],
        }}
      >
        <AppliesToFields />
      </Form>
    </Modal>
  );
}
