import { Tag } from "antd";

const colour: Record<string, string> = {
  met: "success",
  done: "success",
  open: "processing",
  overdue: "error",
  late: "warning",
  not_due: "default",
  not_applicable: "default",
};

/** A section's or a deadline's status as the rules engine gives it. */
export function StatusBadge({
  status,
  label,
  qa,
}: {
  status: string | null;
  label: string | null;
  qa?: string;
}) {
  if (!status) return null;
  return (
    <Tag color={colour[status] ?? "default"} data-qa={qa ?? "section-status"} data-status={status}>
      {label ?? status}
    </Tag>
  );
}
