// 入矫登记: the agency's list of handovers with the statutory clock (report within the profile's days
// of the judgment taking effect), those not registered in time flagged; a new handover is recorded
// here and opened to upload its documents and register the person.
import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  Flex,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { basisText } from "../../../../../src/glossary.ts";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { type Clock, type Handover, intakeApi } from "../book/client.ts";
import { HandoverForm } from "./HandoverForm.tsx";

const clockColour: Record<Clock["status"], string> = {
  open: "processing",
  overdue: "error",
  met: "success",
  late: "warning",
};

export function ClockTag({ clock }: { clock: Clock }) {
  const extra =
    clock.status === "open"
      ? `（剩 ${clock.daysLeft} 天）`
      : clock.status === "overdue"
        ? `（已过 ${-clock.daysLeft} 天）`
        : "";
  return (
    <Tooltip title={`依据：${basisText(clock.basis)}`}>
      <Tag color={clockColour[clock.status]} data-qa="clock-tag" data-status={clock.status}>
        {clock.statusLabel}
        {extra}
      </Tag>
    </Tooltip>
  );
}

export default function IntakeListPage() {
  usePageTitle("入矫登记");
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [status, setStatus] = useState("pending");
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ["handovers", status], queryFn: () => intakeApi.handovers(status) });
  const canWrite = user.role === "agency_head" || user.role === "agency_staff";

  const columns: TableColumnsType<Handover> = [
    {
      title: "姓名",
      dataIndex: "personName",
      render: (name: string, row) => (
        <Link to={`/intake/${row.id}`} data-qa="handover-link">
          {name}
        </Link>
      ),
    },
    {
      title: "身份证号",
      dataIndex: "idNumberMasked",
      render: (v: string) => <span className="mono">{v}</span>,
    },
    { title: "矫正类别", dataIndex: "correctionTypeLabel" },
    { title: "决定机关", dataIndex: "decidingOrgan" },
    { title: "文号", dataIndex: "judgmentNumber" },
    { title: "判决生效日期", dataIndex: "judgmentEffectiveDate" },
    { title: "报到期限", render: (_, row) => <span className="mono">{row.clock.reportBy}</span> },
    { title: "期限状态", render: (_, row) => <ClockTag clock={row.clock} /> },
    { title: "文书", dataIndex: "documentCount", render: (n: number) => `${n} 份` },
    {
      title: "工作记录本",
      render: (_, row) =>
        row.subjectId ? (
          <Link to={`/book/${row.subjectId}`} className="mono">
            {row.bookNumber}
          </Link>
        ) : (
          <Typography.Text type="secondary">{row.statusLabel}</Typography.Text>
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }}>
              交付接收与入矫登记
            </Typography.Title>
            <Segmented
              data-qa="handover-status"
              value={status}
              onChange={(v) => setStatus(String(v))}
              options={[
                { value: "pending", label: "待登记" },
                { value: "registered", label: "已登记" },
                { value: "all", label: "全部" },
              ]}
            />
          </Space>
          {canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-qa="new-handover"
            >
              登记交付材料
            </Button>
          ) : null}
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
          社区矫正对象应自判决、裁定生效之日起的法定期限内报到；逾期未登记的标红，防止漏管。
        </Typography.Paragraph>
      </Card>
      <Card size="small">
        {list.isError ? (
          <ApiErrorView error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table
            data-qa="handover-table"
            rowKey="id"
            size="small"
            loading={list.isPending}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: "暂无交付材料" }}
            onRow={(row) => ({ "data-qa": "handover-row", "data-status": row.clock.status }) as never}
          />
        )}
      </Card>
      {canWrite ? (
        <HandoverForm
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(h) => {
            setCreating(false);
            navigate(`/intake/${h.id}`);
          }}
        />
      ) : null}
    </Flex>
  );
}
