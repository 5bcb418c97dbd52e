// 日常监管: pick a person, record reports, checks, visits, education and feedback forms, and read the
// case's work records as a timeline (every record is an event of the case).
import { useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  Empty,
  Flex,
  Image,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { type HTMLAttributes, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, type SubjectListItem } from "../../api.ts";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { SpecialReminder } from "../book/SpecialReminder.tsx";
import { type CheckQueue, supervisionApi, type TimelineItem } from "./api.ts";
import { type RecordKind, RecordModal, recordTitles } from "./RecordModal.tsx";

/** Which records a role may make (the server decides; this only chooses the buttons). */
const kindsFor: Record<string, RecordKind[]> = {
  office_head: [
    "phone_report",
    "in_person_report",
    "information_check",
    "field_visit",
    "support",
    "feedback_form",
  ],
  office_assistant: [
    "phone_report",
    "in_person_report",
    "information_check",
    "field_visit",
    "support",
    "feedback_form",
  ],
  agency_head: ["information_check", "field_visit"],
  agency_staff: ["information_check", "field_visit"],
  social_worker: ["field_visit", "support"],
  psychologist: ["field_visit", "support"],
  team_member: ["field_visit", "feedback_form"],
};

const typeFilter = [
  { value: "phone_report", label: "电话（通讯软件）报告" },
  { value: "in_person_report", label: "当面报告" },
  { value: "information_check", label: "信息化核查" },
  { value: "field_visit", label: "实地查访" },
  { value: "education", label: "教育学习" },
  { value: "public_service", label: "公益活动" },
  { value: "counselling", label: "心理辅导" },
  { value: "assistance", label: "帮扶" },
  { value: "feedback_form", label: "情况信息反馈表" },
  { value: "alert", label: "预警" },
];

export default function SupervisionPage() {
  const { id } = useParams();
  return id ? <CaseSupervision key={id} subjectId={id} /> : <ChooseSubject />;
}

const needColour: Record<string, string> = { key_unchecked: "red", unchecked: "orange", checked: "green" };

function ChooseSubject() {
  usePageTitle("日常监管");
  const [q, setQ] = useState("");
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: ["subjects", "supervision", q],
    queryFn: () => api.subjects({ q, pageSize: 50 }),
    enabled: q !== "",
  });
  // Without a search: whom to check next, those still needing a check today first.
  const queue = useQuery({
    queryKey: ["today", "check-queue"],
    queryFn: () => supervisionApi.checkQueue(),
    enabled: q === "",
  });
  const open = (id: string) => navigate(`/supervision/${encodeURIComponent(id)}`);
  type Queued = CheckQueue["offices"][number]["items"][number] & { office: { id: string; name: string } };
  const queued: Queued[] = (queue.data?.offices ?? []).flatMap((o) =>
    o.items.map((i) => ({ ...i, office: { id: o.id, name: o.name } })),
  );
  return (
    <Card title="日常监管：选择社区矫正对象">
      <Input.Search
        placeholder="姓名、拼音首字母或身份证号"
        allowClear
        style={{ width: 320, marginBottom: 12 }}
        onSearch={setQ}
        data-qa="supervision-search"
      />
      {q === "" ? (
        queue.isError ? (
          <ApiErrorView error={queue.error} />
        ) : (
          <Table<Queued>
            rowKey="id"
            size="small"
            data-qa="check-queue"
            loading={queue.isFetching}
            dataSource={queued}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            onRow={(s) =>
              ({
                onClick: () => open(s.id),
                style: { cursor: "pointer" },
                "data-qa": "check-queue-row",
                "data-need": s.need,
              }) as HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: "姓名",
                dataIndex: "name",
                render: (v: string, s) => <Link to={`/supervision/${encodeURIComponent(s.id)}`}>{v}</Link>,
              },
              { title: "管理等级", dataIndex: "levelLabel" },
              {
                title: "今日核查",
                dataIndex: "need",
                render: (_: string, s) => (
                  <Space size={4}>
                    <Tag color={needColour[s.need]}>{s.needLabel}</Tag>
                    {s.onLeave ? <Tag>请假外出</Tag> : null}
                    {s.checksToday > 0 ? `${s.checksToday} 次` : null}
                  </Space>
                ),
              },
              { title: "所属司法所", dataIndex: ["office", "name"] },
            ]}
          />
        )
      ) : list.isError ? (
        <ApiErrorView error={list.error} />
      ) : (
        <Table<SubjectListItem>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(s) => ({
            onClick: () => open(s.id),
            style: { cursor: "pointer" },
          })}
          columns={[
            {
              title: "姓名",
              dataIndex: "name",
              render: (v: string, s) => <Link to={`/supervision/${encodeURIComponent(s.id)}`}>{v}</Link>,
            },
            { title: "管理等级", dataIndex: "levelLabel" },
            { title: "矫正类别", dataIndex: "correctionTypeLabel" },
            { title: "所属司法所", dataIndex: ["office", "name"] },
          ]}
        />
      )}
    </Card>
  );
}

function CaseSupervision({ subjectId }: { subjectId: string }) {
  const user = useCurrentUser();
  const [page, setPage] = useState(1);
  const [type, setType] = useState<string | undefined>(undefined);
  const [record, setRecord] = useState<RecordKind | null>(null);
  const timeline = useQuery({
    queryKey: ["timeline", subjectId, page, type],
    queryFn: () => supervisionApi.timeline(subjectId, page, type),
  });
  const name = timeline.data?.subject.name ?? "";
  usePageTitle(name ? `${name} - 日常监管` : "日常监管");
  if (timeline.isError) return <ApiErrorView error={timeline.error} onRetry={() => timeline.refetch()} />;

  const columns: TableColumnsType<TimelineItem> = [
    {
      title: "时间",
      dataIndex: "at",
      width: 140,
      render: (v: string, e) => (
        <div>
          <div>{formatDateTime(v)}</div>
          {e.late ? (
            <Tooltip
              title={`登记于 ${formatDateTime(e.recordedAt)}${e.lateReason ? `；补录原因：${e.lateReason}` : ""}`}
            >
              <Tag color="orange" data-qa="late-tag">
                补录
              </Tag>
            </Tooltip>
          ) : null}
        </div>
      ),
    },
    {
      title: "类型",
      dataIndex: "typeLabel",
      width: 170,
      render: (v: string, e) => (
        <Space size={2} wrap>
          {v}
          {e.kindLabel ? <Tag>{e.kindLabel}</Tag> : null}
        </Space>
      ),
    },
    {
      title: "内容",
      dataIndex: "summary",
      render: (v: string, e) => (
        <div>
          <div>{v || "—"}</div>
          {e.late ? (
            <div style={{ fontSize: 12, color: "#666" }} data-qa="late-detail">
              登记于 {formatDateTime(e.recordedAt)}
              {e.lateReason ? `，补录原因：${e.lateReason}` : ""}
            </div>
          ) : null}
          {e.workers.length ? (
            <div style={{ fontSize: 12, color: "#666" }}>同行：{e.workers.join("、")}</div>
          ) : null}
          {e.photos.length ? (
            <Image.PreviewGroup>
              {e.photos.map((p) => (
                <Image
                  key={p}
                  width={48}
                  src={`/api/subjects/${encodeURIComponent(subjectId)}/photos/${encodeURIComponent(p)}`}
                />
              ))}
            </Image.PreviewGroup>
          ) : null}
        </div>
      ),
    },
    { title: "登记人", dataIndex: "recordedBy", width: 100, render: (v: string | null) => v ?? "—" },
  ];
  const kinds = kindsFor[user.role] ?? [];
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }} data-qa="supervision-name">
              {name}
            </Typography.Title>
            <Link to={`/subjects/${encodeURIComponent(subjectId)}`}>查看档案</Link>
            <Link to={`/book/${encodeURIComponent(subjectId)}`}>工作记录本</Link>
          </Space>
          <Space wrap>
            {kinds.map((k) => (
              <Button key={k} onClick={() => setRecord(k)} data-qa={`record-${k}`}>
                {recordTitles[k]}
              </Button>
            ))}
          </Space>
        </Flex>
      </Card>
      <SpecialReminder subjectId={subjectId} />
      <Card
        size="small"
        title="工作记录"
        extra={
          <Select
            allowClear
            aria-label="记录类型"
            placeholder="全部类型"
            style={{ width: 180 }}
            value={type}
            options={typeFilter}
            onChange={(v) => {
              setType(v);
              setPage(1);
            }}
          />
        }
      >
        <div data-qa="timeline" data-ready={String(timeline.isSuccess && !timeline.isFetching)}>
          <ResponsiveTable<TimelineItem>
            rowKey="id"
            size="small"
            columns={columns}
            loading={timeline.isFetching}
            dataSource={timeline.data?.items ?? []}
            onRow={() => ({ "data-qa": "timeline-row" }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty description="暂无记录" /> }}
            pagination={{
              current: page,
              pageSize: 20,
              total: timeline.data?.total ?? 0,
              onChange: setPage,
              showTotal: (n) => `共 ${n} 条`,
              showSizeChanger: false,
            }}
          />
        </div>
      </Card>
      <RecordModal
        kind={record}
        subject={record ? { id: subjectId, name } : null}
        onClose={() => setRecord(null)}
      />
    </Flex>
  );
}
