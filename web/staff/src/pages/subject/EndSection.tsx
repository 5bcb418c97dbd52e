// The end of the case on the case page: release or termination with its day, and the book's state
// (open, the month of the release analysis, or closed with its date). Shown once the term is near.
import { useQuery } from "@tanstack/react-query";
import { Button, Space, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import type { SubjectDetail } from "../../api.ts";
import { releaseApi } from "../release/api.ts";
import { Section } from "./Section.tsx";

export function EndSection({ subject }: { subject: SubjectDetail }) {
  const end = useQuery({ queryKey: ["case-end", subject.id], queryFn: () => releaseApi.end(subject.id) });
  if (!end.data) return null;
  const e = end.data;
  return (
    <Section
      qa="case-section-end"
      title="解除或终止矫正"
      extra={
        <Link to={`/release/${encodeURIComponent(subject.id)}`}>
          <Button size="small">解矫办理</Button>
        </Link>
      }
    >
      <Space wrap>
        {e.end ? (
          <Typography.Text data-qa="case-end-kind">
            {e.end.kindLabel}：{e.end.endDate}
          </Typography.Text>
        ) : (
          <Typography.Text>矫正期满日：{e.termEnd}（尚未解除矫正）</Typography.Text>
        )}
        <Tag
          color={e.book.state === "closed" ? "default" : e.book.state === "open" ? "blue" : "orange"}
          data-qa="case-book-state"
        >
          工作记录本：{e.book.stateLabel}
          {e.book.closesOn
            ? `（${e.book.state === "closed" ? "封存日期" : "解矫分析总结截止"} ${e.book.closesOn}）`
            : ""}
        </Tag>
      </Space>
    </Section>
  );
}
