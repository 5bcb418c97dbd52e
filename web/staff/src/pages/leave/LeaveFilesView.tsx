// 每月请假材料: each office's leave applications of a month, handed to the agency by the 10th of the
// next month (seed 000 §九.3(2)) with the register, and the agency's review.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Input,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { useCurrentUser } from "../../user.ts";
import { type LeaveFiles, leaveFilesApi } from "./api.ts";

function OfficeFiles({
  office,
  month,
  dueBy,
}: {
  office: LeaveFiles["offices"][number];
  month: string;
  dueBy: string;
}) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [note, setNote] = useState("");
  const officeRole = user.role === "office_head" || user.role === "office_assistant";
  const agencyRole = user.role === "agency_head" || user.role === "agency_staff";
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["leave-files"] }),
      queryClient.invalidateQueries({ queryKey: ["today"] }),
    ]);
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      await refresh();
    } catch (e) {
      message.error(e instanceof Error ? e.message : "保存失败");
    }
  };
  const h = office.handin;
  return (
    <Card
      size="small"
      title={office.name}
      data-qa="leave-files-office"
      data-office={office.id}
      extra={
        h ? (
          <Space>
            <Tag color="green">已于 {formatDateTime(h.handedInAt)} 报送</Tag>
            {h.reviewedAt ? <Tag>机构已审查</Tag> : <Tag color="gold">待机构审查</Tag>}
          </Space>
        ) : office.applications.length ? (
          <Tag color={serverNow().format("YYYY-MM-DD") > dueBy ? "red" : "gold"}>未报送（{dueBy} 前）</Tag>
        ) : (
          <Tag>本月无请假</Tag>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={office.applications}
        locale={{ emptyText: "本月没有请假申请" }}
        columns={[
          { title: "姓名", dataIndex: "subjectName", width: 100 },
          { title: "类别", dataIndex: "kindLabel", width: 130 },
          { title: "期间", key: "p", render: (_, a) => (a.to ? `${a.from} 至 ${a.to}` : a.from) },
          { title: "目的地", dataIndex: "destinationName" },
          { title: "状态", dataIndex: "statusLabel", width: 100 },
        ]}
      />
      <Space style={{ marginTop: 8 }} wrap>
        {officeRole && !h && office.applications.length ? (
          <Button
            type="primary"
            data-qa="leave-files-handin"
            onClick={() => act(() => leaveFilesApi.handIn(month), "已报送机构")}
          >
            报送本月请假材料
          </Button>
        ) : null}
        {h ? (
          <a href={leaveFilesApi.registerUrl(h.id)}>
            <Button>下载登记表（Excel）</Button>
          </a>
        ) : null}
        {agencyRole && h && !h.reviewedAt ? (
          <>
            <Input
              placeholder="审查意见"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              style={{ width: 280 }}
            />
            <Button
              type="primary"
              disabled={!note.trim()}
              onClick={() => act(() => leaveFilesApi.review(h.id, note), "已审查")}
            >
              审查通过
            </Button>
          </>
        ) : null}
        {h?.reviewedAt ? (
          <Typography.Text type="secondary">
            {h.reviewedBy} 于 {formatDateTime(h.reviewedAt)} 审查：{h.reviewNote}
          </Typography.Text>
        ) : null}
      </Space>
    </Card>
  );
}

export function LeaveFilesView() {
  const [month, setMonth] = useState<string | undefined>(undefined);
  const files = useQuery({ queryKey: ["leave-files", month], queryFn: () => leaveFilesApi.get(month) });
  if (files.isError) return <ApiErrorView error={files.error} onRetry={() => files.refetch()} />;
  const data = files.data;
  return (
    <Flex vertical gap={12} data-qa="leave-files">
      <Space>
        <DatePicker
          picker="month"
          allowClear={false}
          value={data ? dayjs(`${data.month}-01`) : undefined}
          onChange={(d) => setMonth(d?.format("YYYY-MM"))}
        />
        {data ? (
          <Typography.Text type="secondary">须于 {data.dueBy} 前报送机构（次月10日前）</Typography.Text>
        ) : null}
      </Space>
      {data && data.offices.length === 0 ? <Empty /> : null}
      {data?.offices.map((o) => (
        <OfficeFiles key={o.id} office={o} month={data.month} dueBy={data.dueBy} />
      ))}
    </Flex>
  );
}
