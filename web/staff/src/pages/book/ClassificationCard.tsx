// 分类管理: the rules engine's proposal with its criteria, evidence and basis; the office head decides
// the level; deciding against the proposal needs a written reason; the history of decisions.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { basisText, levelLabel } from "../../../../../src/glossary.ts";
import { request } from "../../api.ts";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { type Book, bookApi } from "./client.ts";
import { showFieldError } from "./formErrors.ts";

interface Points {
  enabled: boolean;
  month: string;
  base: number;
  score: number | null;
  lines: { item: string; label: string; count: number; points: number; subtotal: number }[];
  levelLabel: string;
  proposedLevel: string | null;
  proposedLevelLabel: string | null;
  basis: string;
  lenientEnabled: boolean;
}

/** 积分考核 (seed 004), where the county's rules turn it on: last month's score line by line, and the
 * level it proposes; "按积分建议" fills the decision form below with it. */
function PointsPanel({ points, onPropose }: { points: Points; onPropose?: () => void }) {
  return (
    <div data-qa="points" data-score={points.score ?? ""} style={{ margin: "8px 0" }}>
      <Space wrap>
        <Typography.Text strong>{`积分考核（${points.month}）：${points.score}分`}</Typography.Text>
        {points.proposedLevel ? (
          <Tag color="purple" data-qa="points-proposal">{`积分建议：调整为${points.proposedLevelLabel}`}</Tag>
        ) : (
          <Tag>积分建议：维持{points.levelLabel}</Tag>
        )}
        {points.proposedLevel && onPropose ? (
          <Button size="small" onClick={onPropose} data-qa="points-propose" className="no-print">
            按积分建议
          </Button>
        ) : null}
      </Space>
      <Table
        size="small"
        rowKey="item"
        pagination={false}
        data-qa="points-lines"
        dataSource={[
          { item: "base", label: "基础分", count: 1, points: points.base, subtotal: points.base },
          ...points.lines,
        ]}
        columns={[
          { title: "考核项目", dataIndex: "label" },
          { title: "次数或小时", dataIndex: "count", width: 100 },
          { title: "分值", dataIndex: "points", width: 70 },
          { title: "小计", dataIndex: "subtotal", width: 70 },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        依据：{points.basis}
      </Typography.Text>
    </div>
  );
}

export function ClassificationCard({ book }: { book: Book }) {
  const c = book.classification;
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const level = Form.useWatch("level", form) as string | undefined;
  const against = level !== undefined && (level === "key") !== c.proposedKey;
  const points = useQuery({
    queryKey: ["points", book.subject.id, c.decidedLevel],
    queryFn: () => request<Points>("GET", `/api/subjects/${encodeURIComponent(book.subject.id)}/points`),
  });
  const pts = points.data?.enabled ? points.data : null;

  async function decide() {
    const v = form.getFieldsValue();
    setBusy(true);
    try {
      const result = await bookApi.decide(book.subject.id, {
        level: v.level,
        fromDate: v.fromDate?.format("YYYY-MM-DD"),
        reason: v.reason || null,
      });
      message.success(`管理等级已决定为${result.levelLabel}`);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ["book", book.subject.id] });
    } catch (error) {
      if (!showFieldError(form, error)) message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section data-qa="book-section-classification" className="book-section">
      <Card
        size="small"
        title={
          <Space>
            <span>分类管理</span>
            <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
              §三（九）
            </Typography.Text>
            <Tag color={c.proposedKey ? "red" : "blue"} data-qa="engine-proposal">
              规则引擎建议：{c.proposedKey ? "列为重点人员" : "不列为重点人员"}
            </Tag>
            <Tag data-qa="decided-level">现管理等级：{c.decidedLevelLabel}</Tag>
            {c.mismatch ? <Tag color="error">决定与建议不一致，待处理</Tag> : null}
          </Space>
        }
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }} className="no-print">
            决定：司法所负责人
          </Typography.Text>
        }
      >
        {c.criteria.length ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            data-qa="criteria"
            dataSource={c.criteria}
            columns={[
              { title: "标准", render: (_, k) => `${k.id} ${k.label}` },
              { title: "事实", dataIndex: "evidence" },
              { title: "依据", dataIndex: "basis", render: (v: string) => basisText(v) },
            ]}
          />
        ) : (
          <Typography.Paragraph type="secondary">没有符合重点人员标准的情形。</Typography.Paragraph>
        )}
        {c.keyOverride ? (
          <Alert
            style={{ margin: "8px 0" }}
            type="info"
            showIcon
            title={`与建议不一致的决定理由：${c.keyOverride.reason}`}
          />
        ) : null}
        {pts ? (
          <PointsPanel
            points={pts}
            onPropose={
              c.canDecide
                ? () =>
                    form.setFieldsValue({
                      level: pts.proposedLevel,
                      reason: `${pts.month}积分${pts.score}分，按积分考核调整为${pts.proposedLevelLabel}`,
                    })
                : undefined
            }
          />
        ) : null}
        <Typography.Text strong>等级决定记录</Typography.Text>
        <Table
          size="small"
          rowKey={(d) => `${d.fromDate}-${d.at}`}
          pagination={false}
          data-qa="level-decisions"
          dataSource={c.decisions}
          columns={[
            { title: "生效日期", dataIndex: "fromDate" },
            { title: "管理等级", dataIndex: "levelLabel" },
            { title: "理由", dataIndex: "reason" },
            { title: "决定人", dataIndex: "decidedBy" },
            { title: "记录时间", dataIndex: "at", render: (t: string) => formatDateTime(t) },
          ]}
        />
        {c.canDecide ? (
          <Form
            form={form}
            layout="inline"
            style={{ marginTop: 12 }}
            className="no-print"
            data-qa="decide-form"
            initialValues={{ fromDate: serverNow() }}
          >
            <Form.Item name="level" label="决定管理等级">
              <Select
                style={{ width: 140 }}
                data-qa="decide-level"
                options={(pts?.lenientEnabled
                  ? (["key", "strict", "normal", "lenient"] as const)
                  : (["key", "strict", "normal"] as const)
                ).map((l) => ({
                  value: l,
                  label: levelLabel[l],
                }))}
              />
            </Form.Item>
            <Form.Item name="fromDate" label="生效日期">
              <DatePicker />
            </Form.Item>
            <Form.Item name="reason" label={against ? "理由（与建议不一致，必填）" : "理由"}>
              <Input style={{ width: 320 }} data-qa="decide-reason" />
            </Form.Item>
            <Button type="primary" onClick={decide} loading={busy} data-qa="decide-submit">
              决定
            </Button>
          </Form>
        ) : null}
      </Card>
      <Flex />
    </section>
  );
}
