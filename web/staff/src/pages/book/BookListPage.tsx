// 工作记录本: find a person and open their book.
import { SearchOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Flex, Input, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api.ts";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { LevelTag, MinorTag } from "../../components/Tags.tsx";
import { usePageTitle } from "../../usePageTitle.ts";

export default function BookListPage() {
  usePageTitle("工作记录本");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["book-list", q, page],
    queryFn: () => api.subjects({ q, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            一人一册工作记录本
          </Typography.Title>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="姓名、拼音首字母或身份证号"
            style={{ width: 280 }}
            data-qa="book-search"
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
          />
        </Flex>
      </Card>
      <Card size="small">
        <ResponsiveTable
          size="small"
          rowKey="id"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: "工作记录本编号",
              dataIndex: "bookNumber",
              render: (n: string | null, row) => (
                <Link to={`/book/${row.id}`} className="mono" data-qa="book-link">
                  {n ?? "（未编号）"}
                </Link>
              ),
            },
            {
              title: "姓名",
              dataIndex: "name",
              render: (name: string, row) => (
                <span>
                  {name} {row.isMinor ? <MinorTag /> : null}
                </span>
              ),
            },
            { title: "矫正类别", dataIndex: "correctionTypeLabel" },
            { title: "管理等级", render: (_, row) => <LevelTag level={row.level} label={row.levelLabel} /> },
            { title: "司法所", render: (_, row) => row.office.name },
            { title: "入矫日期", dataIndex: "intakeDate" },
          ]}
        />
      </Card>
    </Flex>
  );
}
