// The psychologist's special reminder (特别提醒, seed 000 §一（三）): shown on every page of the case.
import { WarningOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "antd";
import { bookApi } from "./client.ts";

export function SpecialReminderText({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <Alert
      type="error"
      showIcon
      icon={<WarningOutlined />}
      data-qa="special-reminder"
      className="special-reminder"
      title={<span style={{ fontWeight: 600 }}>特别提醒：{text}</span>}
    />
  );
}

/** For pages of the case other than the book, which fetch it on their own. */
export function SpecialReminder({ subjectId }: { subjectId: string }) {
  const reminder = useQuery({
    queryKey: ["book-reminder", subjectId],
    queryFn: () => bookApi.reminder(subjectId),
    staleTime: 60_000,
  });
  return <SpecialReminderText text={reminder.data?.specialReminder ?? null} />;
}
