// 一人一册工作记录本: the whole book of one person in the paper book's order — registration and number,
// each section with its status and deadline from the rules engine, classification, case work records
// and the team's feedback forms, the evaluations — printable (print stylesheet) and exportable to Word.
import { FileWordOutlined, PrinterOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Flex, Input, Modal, Space, Table, Typography } from "antd";
import { Fragment, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { basisText } from "../../../../../src/glossary.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { LevelTag, MinorTag, StatusTag } from "../../components/Tags.tsx";
import { formatDateTime } from "../../format.ts";
import { mayUnmask } from "../../permissions.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { ClassificationCard } from "./ClassificationCard.tsx";
import { type Book, bookApi } from "./client.ts";
import { SectionCard } from "./SectionCard.tsx";
import { SpecialReminderText } from "./SpecialReminder.tsx";

const printCss = `
.book-table { border-collapse: collapse; width: 100%; }
.book-table th, .book-table td { border: 1px solid #d9d9d9; padding: 4px 8px; text-align: left; }
.book-print-title { display: none; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; }
  .book-print-title { display: block; text-align: center; font-size: 20pt; font-weight: bold;
    font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; margin-bottom: 8mm; }
  .book-page .ant-card { box-shadow: none; border: 1px solid #999; }
  .book-page .book-section { break-inside: avoid-page; }
  .book-page .ant-btn, .book-page .book-edit, .book-page .ant-collapse, .book-page .no-print { display: none; }
  .book-page .ant-tag { border: 1px solid #999; background: #fff; color: #000; }
  .special-reminder { border: 2px solid #c00; }
  .ant-message, .ant-notification, .book-page .ant-empty-image { display: none; }
}
`;

export default function BookPage() {
  const { id = "" } = useParams();
  const book = useQuery({ queryKey: ["book", id], queryFn: () => bookApi.book(id) });
  usePageTitle(book.data ? `${book.data.subject.name} - 工作记录本` : "工作记录本");
  if (book.isPending) return <PageLoading />;
  if (book.isError) return <ApiErrorView error={book.error} onRetry={() => book.refetch()} />;
  return <BookView book={book.data} />;
}

function ExportButton({ book }: { book: Book }) {
  const user = useCurrentUser();
  const [asking, setAsking] = useState(false);
  const [purpose, setPurpose] = useState("");
  const minorFull = book.subject.isMinor && mayUnmask(user.role);
  return (
    <>
      <a href={bookApi.exportUrl(book.subject.id)} data-qa="export-book">
        <Button icon={<FileWordOutlined />}>导出 Word</Button>
      </a>
      {minorFull ? (
        <Button onClick={() => setAsking(true)} data-qa="export-book-full">
          导出完整姓名版
        </Button>
      ) : null}
      <Modal
        title="导出未成年人完整姓名版"
        open={asking}
        onCancel={() => setAsking(false)}
        okText="导出"
        okButtonProps={{
          disabled: purpose.trim().length < 2,
          href: bookApi.exportUrl(book.subject.id, undefined, purpose.trim()),
        }}
        onOk={() => setAsking(false)}
      >
        <Typography.Paragraph>
          未成年人的身份信息依法保密。请说明导出目的，本次导出将记入审计日志。
        </Typography.Paragraph>
        <Input
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          placeholder="如：报送人民法院"
          maxLength={200}
        />
      </Modal>
    </>
  );
}

function BookView({ book }: { book: Book }) {
  const s = book.subject;
  const r = book.registration;
  const counts = book.sections.reduce<Record<string, number>>((acc, sec) => {
    if (sec.status) acc[sec.status] = (acc[sec.status] ?? 0) + 1;
    return acc;
  }, {});
  return (
    <Flex vertical gap={12} className="book-page" data-qa="book-page">
      <style>{printCss}</style>
      <div className="book-print-title">社区矫正对象“一人一册”工作记录本</div>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space size="middle" wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-qa="book-name">
              {s.name}
            </Typography.Title>
            {s.isMinor ? <MinorTag /> : null}
            <LevelTag level={s.level} label={s.levelLabel} />
            <StatusTag status={s.status as never} label={s.statusLabel} />
            <Typography.Text>
              工作记录本编号：
              <span className="mono" data-qa="book-number">
                {r.bookNumber ?? "（未编号）"}
              </span>
            </Typography.Text>
            <Typography.Text type="secondary">
              {s.genderLabel} · {s.age} 岁 · {s.correctionTypeLabel} · {s.office.name}
            </Typography.Text>
          </Space>
          <Space className="no-print">
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-qa="print-book">
              打印
            </Button>
            <ExportButton book={book} />
            <Link to={`/subjects/${s.id}`}>
              <Button>对象档案</Button>
            </Link>
          </Space>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-qa="book-summary">
          按期完成 {counts.met ?? 0} 项 · 待完成 {counts.open ?? 0} 项 · 已逾期 {counts.overdue ?? 0} 项 ·
          逾期完成 {counts.late ?? 0} 项 · 状态计算时间 {formatDateTime(book.asOf)}
          {book.book
            ? ` · ${book.book.applies ? `自 ${book.book.since} 起适用（${basisText(book.book.basis)}）` : "不适用一人一册"}`
            : ""}
        </Typography.Text>
      </Card>
      <SpecialReminderText text={book.specialReminder} />
      {book.calendarWarnings.map((w) => (
        <Alert key={w} type="warning" showIcon data-qa="calendar-warning" title={w} />
      ))}
      {book.closure.state !== "open" ? (
        <Alert
          data-qa="book-closure"
          data-state={book.closure.state}
          type={book.closure.state === "closed" ? "info" : "warning"}
          showIcon
          title={
            book.closure.state === "closed"
              ? `工作记录本已封存（只读），封存日期 ${book.closure.closesOn}${book.closure.endKindLabel ? `；${book.closure.endKindLabel}（${book.closure.endDate}）` : ""}`
              : `已于 ${book.closure.endDate} 解除矫正：司法所负责人须在 ${book.closure.closesOn} 前完成“解矫分析总结”，其余部分只读；到期后工作记录本封存`
          }
        />
      ) : null}
      {book.engineProblem ? (
        <Alert type="error" showIcon title={`规则引擎无法评估本案：${book.engineProblem}`} />
      ) : null}
      <section data-qa="book-section-registration" className="book-section">
        <Card size="small" title="入矫登记及统一编号 §一（一）">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              {
                key: "no",
                label: "工作记录本编号",
                children: <span className="mono">{r.bookNumber ?? "—"}</span>,
              },
              { key: "intake", label: "入矫日期", children: r.intakeDate },
              { key: "organ", label: "决定机关", children: r.decidingOrgan ?? "—" },
              { key: "judgment", label: "判决书文号", children: r.judgmentNumber ?? "—" },
              { key: "eff", label: "判决生效日期", children: r.judgmentEffectiveDate ?? "—" },
              { key: "notice", label: "执行通知书文号", children: r.noticeNumber ?? "—" },
              { key: "term", label: "矫正期限", children: `${s.termStart} ~ ${s.termEnd}` },
              { key: "crime", label: "罪名", children: s.crimeText },
              { key: "id", label: "身份证号", children: <span className="mono">{s.idNumberMasked}</span> },
              {
                key: "clock",
                label: "报到期限",
                children: r.clock ? `${r.clock.reportBy}（${r.clock.statusLabel}）` : "—",
              },
              { key: "sentence", label: "判决内容", span: 2, children: r.sentenceText ?? "—" },
            ]}
          />
          {r.documents.length ? (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              style={{ marginTop: 8 }}
              dataSource={r.documents}
              columns={[
                { title: "随档移交的法律文书", dataIndex: "kindLabel" },
                {
                  title: "文件",
                  dataIndex: "fileName",
                  render: (name: string, d) => (
                    <a href={`/api/subjects/${s.id}/documents/${d.id}`} target="_blank" rel="noreferrer">
                      {name}
                    </a>
                  ),
                },
                {
                  title: "SHA-256",
                  dataIndex: "sha256",
                  render: (h: string) => <span className="mono">{h.slice(0, 16)}…</span>,
                },
              ]}
            />
          ) : null}
        </Card>
      </section>
      {book.sections.map((section) => (
        <Fragment key={section.id}>
          <SectionCard
            subjectId={s.id}
            section={section}
            proposal={
              section.shape === "recurring"
                ? `规则引擎建议：${book.classification.proposedKey ? "列为重点人员" : "不列为重点人员"}${
                    book.classification.criteria.length
                      ? `（${book.classification.criteria.map((k) => `${k.id} ${k.evidence}`).join("；")}）`
                      : ""
                  }；现管理等级：${book.classification.decidedLevelLabel}`
                : undefined
            }
          />
          {section.id === "correction_plan" ? <ClassificationCard book={book} /> : null}
          {section.id === "work_record" ? <FeedbackCard book={book} /> : null}
        </Fragment>
      ))}
    </Flex>
  );
}

function FeedbackCard({ book }: { book: Book }) {
  return (
    <section data-qa="book-section-feedback" className="book-section">
      <Card size="small" title="矫正对象情况信息反馈表（矫正小组成员每月填报）§二（六）">
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          dataSource={book.feedbackForms}
          locale={{ emptyText: "暂无反馈表" }}
          columns={[
            { title: "月份", dataIndex: "month" },
            { title: "填报人", dataIndex: "by" },
            { title: "填报时间", dataIndex: "at", render: (t: string) => formatDateTime(t) },
            { title: "情况", dataIndex: "summary" },
          ]}
        />
      </Card>
    </section>
  );
}
