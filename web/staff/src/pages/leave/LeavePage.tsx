// 请销假: applications by status (awaiting approval, returned for proof, away now, approved, closed,
// refused), the application form, and the approval view of each.
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Flex, Segmented, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { ApplicationForm } from "./ApplicationForm.tsx";
import { leaveApi } from "./api.ts";
import { LeaveCalendarView } from "./LeaveCalendarView.tsx";
import { LeaveDetailDrawer } from "./LeaveDetail.tsx";
import { LeaveFilesView } from "./LeaveFilesView.tsx";
import { LeaveTable } from "./LeaveTable.tsx";
import { TransferView } from "./TransferView.tsx";

const TABS = [
  { value: "pending", label: "待审批" },
  { value: "returned", label: "退回补充材料" },
  { value: "away", label: "外出中" },
  { value: "approved", label: "已批准" },
  { value: "closed", label: "已销假" },
  { value: "refused", label: "不予批准" },
  { value: "all", label: "全部" },
  { value: "calendar", label: "外出日历" },
  { value: "files", label: "每月请假材料" },
  { value: "transfer", label: "执行地变更" },
];

export default function LeavePage() {
  usePageTitle("请销假");
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? "pending";
  const open = params.get("id");
  const [filing, setFiling] = useState(false);
  const list = useQuery({
    queryKey: ["leave", "list", status],
    queryFn: () => leaveApi.list(status),
    enabled: status !== "files" && status !== "transfer" && status !== "calendar",
  });
  const office = user.role === "office_head" || user.role === "office_assistant";
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  return (
    <Flex vertical gap={12}>
      <Card
        title="请销假"
        extra={
          office ? (
            <Button type="primary" onClick={() => setFiling(true)} data-qa="leave-new">
              新建申请
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          离开所居住的县（市、区）或迁居须经批准：七日以内由司法所负责人审批，超过七日、经常性跨市县活动和迁居由社区矫正机构审批；
          重点人员请假原则上不予批准，批准须书面说明理由。审批层级和不予批准的情形由规则引擎按《社区矫正法》第27条及本县设置计算。
        </Typography.Paragraph>
        <Segmented
          value={status}
          onChange={(v) => set("status", String(v))}
          options={TABS}
          data-qa="leave-tabs"
        />
      </Card>
      <Card size="small">
        {status === "calendar" ? (
          <LeaveCalendarView onOpen={(id) => set("id", id)} />
        ) : status === "files" ? (
          <LeaveFilesView />
        ) : status === "transfer" ? (
          <TransferView highlight={params.get("transfer")} />
        ) : list.isError ? (
          <ApiErrorView error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <div data-qa="leave-table" data-ready={String(list.isSuccess && !list.isFetching)}>
            <LeaveTable
              items={list.data?.items ?? []}
              loading={list.isFetching}
              showSubject
              onOpen={(id) => set("id", id)}
            />
          </div>
        )}
      </Card>
      <ApplicationForm
        open={filing}
        onClose={(id) => {
          setFiling(false);
          if (id) {
            const next = new URLSearchParams(params);
            next.set("status", "pending");
            next.set("id", id);
            setParams(next, { replace: true });
          }
        }}
      />
      <LeaveDetailDrawer id={open} onClose={() => set("id", null)} />
    </Flex>
  );
}
