// 随机抽查名单: the agency's daily spot checks and the month's and quarter's visit samples of each
// office, with the seed of each draw (anyone can repeat it: sha256(seed:id), smallest first).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Empty, Flex, Space, Table, Tag, Tooltip, Typography } from "antd";
import { Link, useSearchParams } from "react-router-dom";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { type Draw, supervisionApi } from "./api.ts";

export default function SamplingPage() {
  usePageTitle("随机抽查名单");
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const officeId = params.get("officeId") ?? undefined;
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const sampling = useQuery({
    queryKey: ["sampling", officeId],
    queryFn: () => supervisionApi.sampling(officeId),
  });
  const draw = useMutation({
    mutationFn: (id: string) => supervisionApi.draw(id),
    onSuccess: async (r) => {
      message.success(r.drawn ? `已抽取 ${r.drawn} 份名单` : "本期名单已抽取，无需重复抽取");
      await queryClient.invalidateQueries({ queryKey: ["sampling"] });
      await queryClient.invalidateQueries({ queryKey: ["today"] });
    },
    onError: (e) => message.error(e instanceof Error ? e.message : "抽取失败"),
  });
  if (sampling.isPending) return <PageLoading />;
  if (sampling.isError) return <ApiErrorView error={sampling.error} onRetry={() => sampling.refetch()} />;
  const mayDraw = user.role === "agency_head" || user.role === "agency_staff";
  return (
    <Flex vertical gap={12}>
      {sampling.data.offices.map((office) => (
        <Card
          key={office.id}
          size="small"
          title={`${office.name} · 随机抽查名单`}
          extra={
            mayDraw ? (
              <Button onClick={() => draw.mutate(office.id)} loading={draw.isPending} data-qa="sampling-draw">
                抽取本期名单
              </Button>
            ) : null
          }
        >
          {office.draws.length === 0 ? (
            <Empty description="本期尚未抽取（系统巡检每十分钟自动抽取，也可手动抽取）" />
          ) : (
            <Table<Draw>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={office.draws}
              columns={[
                { title: "名单", dataIndex: "kindLabel", width: 220 },
                { title: "期间", dataIndex: "period", width: 190 },
                {
                  title: "抽取",
                  key: "count",
                  width: 120,
                  // A county draw (the field-visit samples) is taken over all offices: its total, then this office's share.
                  render: (_, d) =>
                    d.scope === "county"
                      ? `全县 ${d.pickedTotal} / ${d.populationSize} 人，本所 ${d.picked.length} 人`
                      : `${d.picked.length} / ${d.populationSize} 人`,
                },
                {
                  title: "名单（✓ 已核查/走访）",
                  key: "picked",
                  render: (_, d) => (
                    <Space size={4} wrap>
                      {d.picked.map((p) => (
                        <Link key={p.id} to={`/supervision/${encodeURIComponent(p.id)}`}>
                          <Tag color={p.done ? "green" : "default"}>
                            {p.done ? "✓ " : ""}
                            {p.name}
                          </Tag>
                        </Link>
                      ))}
                    </Space>
                  ),
                },
                {
                  title: "随机种子",
                  key: "seed",
                  width: 170,
                  render: (_, d) => (
                    <Tooltip
                      title={`${formatDateTime(d.drawnAt)} 由${d.drawnBy}抽取；按 sha256(种子:编号) 从小到大取前 ${d.required} 人`}
                    >
                      <Typography.Text code copyable={{ text: d.seed }} style={{ fontSize: 11 }}>
                        {d.seed.slice(0, 8)}…
                      </Typography.Text>
                      {d.reproduces ? <Tag color="green">可复核</Tag> : <Tag color="red">复核不符</Tag>}
                    </Tooltip>
                  ),
                },
              ]}
            />
          )}
        </Card>
      ))}
    </Flex>
  );
}
