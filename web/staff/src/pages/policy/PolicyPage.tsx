// 本县规则: the rules the county runs (read-only) — which profile, whether the county derived it from a
// shipped one, and every rule with its number and basis, grouped as the work is. Rules the county
// changed from its base are marked. Setting them is the agency head's (PUT /api/policy, or
// `onebook policy set`), not this page's.
import { useQuery } from "@tanstack/react-query";
import { Anchor, Card, Descriptions, Space, Table, Tag, Typography } from "antd";
import { request } from "../../api.ts";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { formatDateTime, orDash } from "../../format.ts";
import { usePageTitle } from "../../usePageTitle.ts";

interface Rule {
  key: string;
  label: string;
  value: string;
  basis: string;
  changed: boolean;
  countyChoice: boolean;
}

interface CountyPolicy {
  county: { id: string; name: string };
  profile: {
    id: string;
    name: string;
    derived: boolean;
    basedOn: { id: string; name: string } | null;
    version: number;
    setAt: string | null;
    setBy: string | null;
    note: string | null;
  };
  groups: { id: string; title: string; rules: Rule[] }[];
}

const columns = [
  {
    title: "规则",
    dataIndex: "label",
    width: "30%",
    render: (label: string, rule: Rule) => (
      <Space size={4} wrap>
        <span>{label}</span>
        {rule.changed && <Tag color="orange">本县调整</Tag>}
        {rule.countyChoice && (
          <Tag color="blue" data-qa="county-choice">
            本县设定
          </Tag>
        )}
      </Space>
    ),
  },
  { title: "要求", dataIndex: "value", width: "40%" },
  {
    title: "依据",
    dataIndex: "basis",
    render: (basis: string) => <Typography.Text type="secondary">{basis}</Typography.Text>,
  },
];

export default function PolicyPage() {
  usePageTitle("本县规则");
  const policy = useQuery({
    queryKey: ["policy"],
    queryFn: () => request<CountyPolicy>("GET", "/api/policy"),
  });
  if (policy.isError) return <ApiErrorView error={policy.error} onRetry={() => policy.refetch()} />;
  const data = policy.data;
  const changed = data?.groups.reduce((n, g) => n + g.rules.filter((r) => r.changed).length, 0) ?? 0;

  return (
    <div data-qa="policy-page" data-ready={String(policy.isSuccess)}>
      <Card
        title="本县规则"
        loading={policy.isLoading}
        extra={
          <Typography.Text type="secondary">
            只读：规则由社区矫正机构负责人设置，每次设置均记入审计日志
          </Typography.Text>
        }
      >
        {data && (
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label="县（社区矫正机构）">{data.county.name}</Descriptions.Item>
            <Descriptions.Item label="执行规则">
              <span data-qa="policy-name">{data.profile.name}</span>
            </Descriptions.Item>
            <Descriptions.Item label="规则来源">
              <span data-qa="policy-origin">
                {data.profile.derived && data.profile.basedOn
                  ? `本县在“${data.profile.basedOn.name}”基础上调整（${changed} 项）`
                  : "内置规则，未调整"}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="版本">
              {data.profile.version > 0
                ? `第 ${data.profile.version} 版 · ${orDash(data.profile.setBy)} · ${data.profile.setAt ? formatDateTime(data.profile.setAt) : "—"}`
                : "默认规则"}
            </Descriptions.Item>
            {data.profile.note && (
              <Descriptions.Item label="说明" span={2}>
                {data.profile.note}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Card>
      {data && (
        <div style={{ display: "flex", gap: 16, marginTop: 16, alignItems: "flex-start" }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            {data.groups.map((group) => (
              <Card
                key={group.id}
                id={`rules-${group.id}`}
                title={group.title}
                size="small"
                style={{ marginBottom: 16 }}
                data-qa="policy-group"
                data-group={group.id}
              >
                <Table<Rule>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  columns={columns}
                  dataSource={group.rules}
                  onRow={(rule) => ({ "data-qa": "policy-rule", "data-key": rule.key }) as never}
                />
              </Card>
            ))}
          </div>
          <Anchor
            style={{ width: 180 }}
            offsetTop={16}
            items={data.groups.map((g) => ({ key: g.id, href: `#rules-${g.id}`, title: g.title }))}
          />
        </div>
      )}
    </div>
  );
}
