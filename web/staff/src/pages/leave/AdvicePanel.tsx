// The rules engine's advice on an application, as the approver reads it: who approves, what forbids
// approval (must be changed), what needs a written reason, the checks while away and the return.
import { Alert, Descriptions, Space, Tag, Typography } from "antd";
import { basisText } from "../../../../../src/glossary.ts";
import type { Advice } from "./api.ts";

export function AdvicePanel({ advice }: { advice: Advice }) {
  return (
    <div data-qa="leave-advice" data-approver={advice.approver.by}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="审批层级">
          <Space wrap>
            <Tag color={advice.approver.by === "agency" ? "purple" : "blue"} data-qa="advice-approver">
              {advice.approver.label}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              依据：{basisText(advice.approver.basis)}
            </Typography.Text>
          </Space>
        </Descriptions.Item>
        {advice.days !== null ? (
          <Descriptions.Item label="外出天数">{advice.days} 日</Descriptions.Item>
        ) : null}
        {advice.checksWhileAway.length ? (
          <Descriptions.Item label="外出期间核查">
            {advice.checksWhileAway.map((c) => (
              <div key={c.id} data-qa="advice-check" data-id={c.id}>
                {c.label}：每日 {c.perDay} 次（{c.from} 至 {c.to}）
              </div>
            ))}
          </Descriptions.Item>
        ) : null}
        {advice.returnDue ? (
          <Descriptions.Item label="销假期限">
            {advice.returnDue.date} 当日结束前 · <Tag>{advice.returnDue.label}</Tag>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {advice.refusals.map((r) => (
        <Alert
          key={r.id}
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          data-qa="advice-refusal"
          data-id={r.id}
          message={`不予批准：${r.label}`}
          description={`须修改后重新申请。依据：${basisText(r.basis)}`}
        />
      ))}
      {advice.warnings.map((w) => (
        <Alert
          key={w.id}
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-qa="advice-warning"
          data-id={w.id}
          message={w.label}
          description={`批准须由审批人书面说明理由。依据：${basisText(w.basis)}`}
        />
      ))}
    </div>
  );
}
