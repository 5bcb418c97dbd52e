// The persons of a screening campaign or of a risk meeting: one row a person (keyed by the person's
// id), the name (a link to the case where the table lists what was recorded) and the office, then the
// columns of the tab.
import type { TableColumnsType, TableProps } from "antd";
import { Table } from "antd";
import { Link } from "react-router-dom";

export interface PersonRow {
  subjectId: string;
  name: string;
  officeName: string;
}

export function PersonTable<P extends PersonRow>({
  persons,
  qa,
  lead = [],
  columns,
  link = false,
  ...table
}: {
  persons: P[];
  qa: string;
  /** Columns before the name (a choice of the row). */
  lead?: TableColumnsType<P>;
  /** Columns after the office. */
  columns: TableColumnsType<P>;
  /** The name opens the person's case. */
  link?: boolean;
} & Omit<TableProps<P>, "columns" | "dataSource" | "rowKey" | "size">) {
  return (
    <Table<P>
      {...table}
      size="small"
      rowKey="subjectId"
      dataSource={persons}
      data-qa={qa}
      columns={[
        ...lead,
        {
          title: "姓名",
          width: 90,
          render: (_: unknown, p: P) =>
            link ? <Link to={`/subjects/${encodeURIComponent(p.subjectId)}`}>{p.name}</Link> : p.name,
        },
        { title: "司法所", dataIndex: "officeName", width: 110 },
        ...columns,
      ]}
    />
  );
}
