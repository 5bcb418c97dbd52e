// The case page (一人一册): a header and small sections, each its own component fed by one request.
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Flex, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { api, type SubjectDetail } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { LevelTag, MinorTag, StatusTag } from "../../components/Tags.tsx";
import { usePageTitle } from "../../usePageTitle.ts";
import { SpecialReminder } from "../book/SpecialReminder.tsx";
import { AppSection } from "./AppSection.tsx";
import { BasicSection } from "./BasicSection.tsx";
import { EndSection } from "./EndSection.tsx";
import { ExchangeSection } from "./ExchangeSection.tsx";
import { JudgmentSection } from "./JudgmentSection.tsx";
import { LeaveSection } from "./LeaveSection.tsx";
import { LevelHistorySection } from "./LevelHistorySection.tsx";
import { LocationSection } from "./LocationSection.tsx";
import { RecentEventsSection } from "./RecentEventsSection.tsx";
import { RiskSection } from "./RiskSection.tsx";
import type { Revealed } from "./UnmaskModal.tsx";
import { ViolationsSection } from "./ViolationsSection.tsx";

export default function SubjectPage() {
  const { id = "" } = useParams();
  const subject = useQuery({ queryKey: ["subject", id], queryFn: () => api.subject(id) });
  usePageTitle(subject.data ? `${subject.data.name} - 社区矫正对象` : "社区矫正对象");

  if (subject.isPending) return <PageLoading />;
  if (subject.isError) return <ApiErrorView error={subject.error} onRetry={() => subject.refetch()} />;
  // Keyed by id: what was revealed for one person never shows on another's page.
  return <CasePage key={subject.data.id} subject={subject.data} />;
}

function CasePage({ subject }: { subject: SubjectDetail }) {
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  // Back to the list as it was filtered, when we came from it.
  const listSearch = (useLocation().state as { listSearch?: unknown } | null)?.listSearch;
  const backTo =
    typeof listSearch === "string" && listSearch.startsWith("?") ? `/subjects${listSearch}` : "/subjects";
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space size="middle" wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-qa="subject-name">
              {revealed?.name ?? subject.name}
            </Typography.Title>
            {subject.isMinor || subject.nameMasked ? <MinorTag /> : null}
            {subject.levelPending ? (
              <Tag color="gold" data-qa="level-pending">
                {subject.levelPending}
              </Tag>
            ) : (
              <LevelTag level={subject.level} label={subject.levelLabel} />
            )}
            <StatusTag status={subject.status} label={subject.statusLabel} />
            <Typography.Text type="secondary">
              {subject.genderLabel}
              {subject.age === null ? "" : ` · ${subject.age} 岁`} · {subject.correctionTypeLabel} ·{" "}
              {subject.office.name}
              {subject.village ? ` · ${subject.village.name}` : ""}
            </Typography.Text>
          </Space>
          <Space className="no-print">
            {subject.bookNumber ? (
              <Typography.Text type="secondary">工作记录本编号：{subject.bookNumber}</Typography.Text>
            ) : null}
            <Link to={`/book/${subject.id}`} data-qa="open-book">
              <Button>一人一册工作记录本</Button>
            </Link>
            <Link to={backTo} data-qa="back-to-list">
              <Button icon={<ArrowLeftOutlined />}>返回列表</Button>
            </Link>
          </Space>
        </Flex>
      </Card>
      <SpecialReminder subjectId={subject.id} />
      <BasicSection subject={subject} revealed={revealed} onReveal={setRevealed} />
      <EndSection subject={subject} />
      <JudgmentSection subject={subject} />
      <RiskSection subject={subject} />
      <LevelHistorySection subject={subject} />
      <LeaveSection subject={subject} />
      <LocationSection subject={subject} />
      <AppSection subject={subject} />
      <ViolationsSection subject={subject} />
      <ExchangeSection subject={subject} />
      <RecentEventsSection subject={subject} />
    </Flex>
  );
}
