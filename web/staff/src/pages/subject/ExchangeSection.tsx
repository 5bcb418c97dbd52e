// 信息共享 on the case page: what the product has pushed to partner organisations about this person
// (registration, lost contact, revocation request, release, death — features/exchange webhooks), to
// whom, and whether it arrived; a dead letter is re-sent from the 信息共享 page or from Today.
import { useQuery } from "@tanstack/react-query";
import { List, Tag, Typography } from "antd";
import { request, type SubjectDetail } from "../../api.ts";
import { formatDateTime } from "../../format.ts";
import { Section } from "./Section.tsx";

interface Delivery {
  id: string;
  partnerName: string;
  eventLabel: string;
  status: "pending" | "delivered" | "dead";
  statusLabel: string;
  attempts: number;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

const statusColour: Record<Delivery["status"], string> = {
  pending: "processing",
  delivered: "success",
  dead: "error",
};

export function ExchangeSection({ subject }: { subject: SubjectDetail }) {
  const deliveries = useQuery({
    queryKey: ["exchange-deliveries", subject.id],
    queryFn: () =>
      request<{ items: Delivery[] }>(
        "GET",
        `/api/subjects/${encodeURIComponent(subject.id)}/exchange-deliveries`,
      ),
  });
  const items = deliveries.data?.items ?? [];
  return (
    <Section qa="subject-exchange" title="信息共享推送">
      {deliveries.isError ? (
        <Typography.Text type="danger">推送记录读取失败</Typography.Text>
      ) : (
        <List
          size="small"
          loading={deliveries.isPending}
          dataSource={items}
          locale={{ emptyText: "尚无向协作单位推送的事项" }}
          renderItem={(d) => (
            <List.Item data-qa="exchange-delivery" data-status={d.status}>
              <Typography.Text>
                {formatDateTime(d.createdAt)} {d.eventLabel} → {d.partnerName}
              </Typography.Text>
              <span>
                <Tag color={statusColour[d.status]}>{d.statusLabel}</Tag>
                <Typography.Text type="secondary">
                  {d.deliveredAt
                    ? `送达于 ${formatDateTime(d.deliveredAt)}`
                    : d.nextAttemptAt
                      ? `已尝试 ${d.attempts} 次，下次 ${formatDateTime(d.nextAttemptAt)}`
                      : `已尝试 ${d.attempts} 次`}
                </Typography.Text>
              </span>
            </List.Item>
          )}
        />
      )}
    </Section>
  );
}
