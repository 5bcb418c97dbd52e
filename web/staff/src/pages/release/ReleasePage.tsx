// 解矫: the persons whose term ends within 30 days (with what is still open in their books, from the
// rules engine), and the cases already released or terminated with their books' state and notices.
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Empty, Flex, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api.ts";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { type ComingRelease, type EndedCase, releaseApi } from "./api.ts";

const stateColour = { open: "blue", release_analysis: "orange", closed: "default" } as const;

export default function ReleasePage() {
  usePageTitle("解矫");
  const user = useCurrentUser();
  const county = ["agency_head", "agency_staff", "prosecutor"].includes(user.role);
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const places = useQuery({ queryKey: ["places"], queryFn: () => api.places(), enabled: county });
  const coming = useQuery({
    queryKey: ["releases", "coming", officeId],
    queryFn: () => releaseApi.coming(officeId),
    placeholderData: (previous) => previous,
  });
  const ended = useQuery({
    queryKey: ["releases", "ended", officeId],
    queryFn: () => releaseApi.ended(officeId),
  });
  if (coming.isPending || ended.isPending) return <PageLoading />;
  if (coming.isError) return <ApiErrorView error={coming.error} onRetry={() => coming.refetch()} />;
  if (ended.isError) return <ApiErrorView error={ended.error} onRetry={() => ended.refetch()} />;
  return (
    <Flex vertical gap={12}>
      {county ? (
        <Card size="small">
          <Space>
            <Typography.Text>司法所</Typography.Text>
            <Select
              allowClear
              aria-label="司法所"
              placeholder="全部司法所"
              style={{ minWidth: 200 }}
              value={officeId}
              onChange={setOfficeId}
              options={(places.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))}
              data-qa="release-office"
            />
          </Space>
        </Card>
      ) : null}
      <Card size="small" title="即将解矫（30天内矫正期满）">
        {coming.data.length === 0 ? (
          <Empty description="30天内没有矫正期满的对象" />
        ) : (
          <ResponsiveTable<ComingRelease>
            rowKey={(r) => r.subject.id}
            size="small"
            pagination={false}
            dataSource={coming.data}
            data-qa="coming-releases"
            onRow={(r) => ({ "data-qa": "coming-release", "data-subject": r.subject.id }) as object}
            columns={[
              {
                title: "姓名",
                key: "name",
                render: (_, r) => (
                  <Link to={`/release/${encodeURIComponent(r.subject.id)}`}>{r.subject.name}</Link>
                ),
              },
              { title: "司法所", key: "office", render: (_, r) => r.subject.office.name },
              { title: "矫正类别", key: "type", render: (_, r) => r.subject.correctionTypeLabel },
              {
                title: "矫正期满",
                key: "end",
                render: (_, r) => (
                  <Space size={4}>
                    <span className="mono">{r.termEnd}</span>
                    <Tag color={r.daysLeft <= 0 ? "red" : r.daysLeft <= 7 ? "orange" : "blue"}>
                      {r.daysLeft < 0
                        ? `已过 ${-r.daysLeft} 天`
                        : r.daysLeft === 0
                          ? "今日期满"
                          : `还有 ${r.daysLeft} 天`}
                    </Tag>
                  </Space>
                ),
              },
              {
                title: "工作记录本未完成事项",
                key: "open",
                render: (_, r) =>
                  r.openItems.length === 0 ? (
                    <Typography.Text type="secondary">无</Typography.Text>
                  ) : (
                    <Space size={4} wrap>
                      {r.openItems.map((o) => (
                        <Tag
                          key={`${o.kind}-${o.label}-${o.dueDate}`}
                          color={o.status === "overdue" ? "red" : "gold"}
                        >
                          {o.label}（{o.dueDate}，{o.statusLabel}）
                        </Tag>
                      ))}
                    </Space>
                  ),
              },
              {
                title: "操作",
                key: "action",
                render: (_, r) => (
                  <Link to={`/release/${encodeURIComponent(r.subject.id)}`}>
                    <Button
                      size="small"
                      type={r.canReleaseToday ? "primary" : "default"}
                      data-qa="open-release"
                    >
                      {r.canReleaseToday ? "办理解矫" : "查看"}
                    </Button>
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title="已解除或终止矫正">
        <ResponsiveTable<EndedCase>
          rowKey={(r) => r.subject.id}
          size="small"
          dataSource={ended.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: "暂无" }}
          columns={[
            {
              title: "姓名",
              key: "name",
              render: (_, r) => (
                <Link to={`/release/${encodeURIComponent(r.subject.id)}`}>{r.subject.name}</Link>
              ),
            },
            { title: "司法所", key: "office", render: (_, r) => r.subject.office.name },
            { title: "原因", dataIndex: "kindLabel" },
            { title: "日期", dataIndex: "endDate", render: (v: string) => <span className="mono">{v}</span> },
            {
              title: "工作记录本",
              key: "book",
              render: (_, r) => (
                <Tag color={stateColour[r.book.state]}>
                  {r.book.stateLabel}
                  {r.book.state === "release_analysis" ? `（至 ${r.book.closesOn}）` : ""}
                </Tag>
              ),
            },
            { title: "通知书送达", key: "sent", render: (_, r) => `${r.noticesSent}/${r.noticesTotal}` },
          ]}
        />
      </Card>
    </Flex>
  );
}
