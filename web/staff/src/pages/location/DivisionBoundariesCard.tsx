// 行政区划边界 on the zones page: the division boundaries the agency loaded, which give an approved
// leave's destination its area (a leave to a division without one: nothing is judged out of area while
// away). The agency loads a GeoJSON file, each feature with its six-digit code; a broken file is refused
// naming the feature; a boundary is retired by its row's 停用. Every county worker reads the list.
import { UploadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert as AntAlert, App as AntApp, Button, Card, Popconfirm, Table, Upload } from "antd";
import type { HTMLAttributes } from "react";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { locationApi } from "./api.ts";

export function DivisionBoundariesCard({ writer }: { writer: boolean }) {
  const boundaries = useQuery({
    queryKey: ["division-boundaries"],
    queryFn: () => locationApi.divisionBoundaries(),
  });
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();

  const load = async (file: File) => {
    let geojson: unknown;
    try {
      geojson = JSON.parse(await file.text());
    } catch {
      message.error(`文件“${file.name}”不是有效的 GeoJSON（JSON 格式错误）`);
      return false;
    }
    try {
      const result = await locationApi.loadDivisionBoundaries(geojson);
      message.success(`已载入 ${result.loaded.length} 个行政区划边界`);
      await queryClient.invalidateQueries({ queryKey: ["division-boundaries"] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : "载入失败");
    }
    return false; // read here, not uploaded by the component
  };

  const retire = async (code: string, name: string) => {
    try {
      await locationApi.retireDivisionBoundary(code);
      message.success(`已停用“${name}”的区划边界`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : "停用失败");
    }
    await queryClient.invalidateQueries({ queryKey: ["division-boundaries"] });
  };

  if (boundaries.isError)
    return <ApiErrorView error={boundaries.error} onRetry={() => boundaries.refetch()} />;
  return (
    <Card
      size="small"
      title="请假目的地行政区划边界"
      data-qa="division-boundaries"
      extra={
        writer ? (
          <Upload accept=".json,.geojson" beforeUpload={load} showUploadList={false}>
            <Button icon={<UploadOutlined />} data-qa="division-file">
              载入区划边界（GeoJSON）
            </Button>
          </Upload>
        ) : null
      }
    >
      <AntAlert
        type="info"
        showIcon
        style={{ marginBottom: 8 }}
        message="请假期间，目的地所在区划的边界内视为允许区域；目的地区划边界未载入的，请假期间不判断越界。文件中每个要素须带六位区划代码（code 或 adcode）；同一区划再次载入时替换原边界。"
      />
      <Table
        size="small"
        rowKey={(f) => f.id}
        loading={boundaries.isFetching}
        dataSource={boundaries.data?.features ?? []}
        pagination={false}
        onRow={() => ({ "data-qa": "division-row" }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: "尚未载入行政区划边界" }}
        columns={[
          { title: "区划代码", key: "code", width: 120, render: (_, f) => f.properties.code },
          { title: "名称", key: "name", render: (_, f) => f.properties.name },
          {
            title: "载入时间",
            key: "loadedAt",
            width: 180,
            render: (_, f) => formatDateTime(f.properties.loadedAt),
          },
          ...(writer
            ? [
                {
                  title: "操作",
                  key: "retire",
                  width: 90,
                  render: (_: unknown, f: { properties: { code: string; name: string } }) => (
                    <Popconfirm
                      title={`停用“${f.properties.name}”的区划边界？`}
                      description="停用后，去往该区划的请假改按上级区划边界判断；上级也未载入的，请假期间不判断越界。"
                      okText="停用"
                      cancelText="取消"
                      onConfirm={() => retire(f.properties.code, f.properties.name)}
                    >
                      <Button size="small" danger data-qa="division-retire">
                        停用
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
