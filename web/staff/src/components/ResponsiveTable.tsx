// A table that becomes a list of cards on a phone: each row one card, each cell one line under the
// column's title (console.css, `.phone-cards`), so nothing runs off a 390 px screen and no column is
// squeezed to one character a line. On a desk it is antd's Table as given.
import { Table, type TableColumnsType, type TableProps } from "antd";
import type { ReactNode } from "react";
import { usePhone } from "../theme.tsx";

/** Each cell carries its column's title (`data-label`), which the card shows before the value. */
function asCards<T>(columns: TableColumnsType<T>): TableColumnsType<T> {
  return columns.map((column) => {
    const label = typeof column.title === "string" ? column.title : undefined;
    if (!label) return column;
    const onCell = column.onCell;
    return {
      ...column,
      width: undefined,
      onCell: (record: T, index?: number) => ({ ...onCell?.(record, index), "data-label": label }),
    };
  });
}

export function ResponsiveTable<T extends object>(props: TableProps<T> & { children?: ReactNode }) {
  const isPhone = usePhone();
  if (!isPhone) return <Table<T> {...props} />;
  return (
    <Table<T>
      {...props}
      className={[props.className, "phone-cards"].filter(Boolean).join(" ")}
      columns={props.columns ? asCards(props.columns) : props.columns}
      scroll={undefined}
    />
  );
}
