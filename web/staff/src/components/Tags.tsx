import { Tag } from "antd";
import type { Level, SubjectStatus } from "../api.ts";

const levelColor: Record<Level, string> = {
  key: "red",
  strict: "orange",
  normal: "blue",
  lenient: "green",
};

export function LevelTag({ level, label }: { level: Level; label: string }) {
  return (
    <Tag color={levelColor[level] ?? "default"} data-qa="level-tag" data-level={level}>
      {label}
    </Tag>
  );
}

const statusColor: Record<SubjectStatus, string> = {
  in_correction: "processing",
  released: "default",
  terminated: "warning",
  transferred_out: "default",
};

export function StatusTag({ status, label }: { status: SubjectStatus; label: string }) {
  return (
    <Tag color={statusColor[status] ?? "default"} variant="outlined">
      {label}
    </Tag>
  );
}

export function MinorTag() {
  return (
    <Tag color="purple" data-qa="minor-tag">
      未成年人
    </Tag>
  );
}
