// The frame of a care page (调查评估, 安置帮教, 后续照管): what is above the list (indicators, a filter, the
// button that registers a new notice), the list with its expandable detail, and the one form open at a
// time. Each page gives only its own columns, detail, form fields and what saving sends.
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import type { UseQueryResult } from "@tanstack/react-query";
import type { TableColumnsType } from "antd";
import { Button, Card, DatePicker, Flex, Form, Input, Radio, Table } from "antd";
import type { ReactNode } from "react";
import type { Indicator } from "../../../../../src/features/care/rate.ts";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { type CarePage, FormModal, IndicatorCards } from "./common.tsx";

/** The form open on a care page: its title, test id, starting values and fields. */
export interface CareDialog {
  title: string;
  qa: string;
  initialValues?: Record<string, unknown>;
  fields: ReactNode;
}

export function CareFrame<T extends { id: string }, D>({
  page,
  head,
  filter,
  create,
  list,
  qa,
  columns,
  detail,
  expandedId,
  dialog,
}: {
  /** The page's state from `useCarePage`: its open form and saving it. */
  page: CarePage<D>;
  /** Above the list: the indicator panel where the page has one. */
  head?: ReactNode;
  /** Left of the new-notice button: a filter of the list. */
  filter?: ReactNode;
  /** The button that opens the form of a new notice; none for a user who may not register. */
  create: { label: string; qa: string; onClick: () => void } | null;
  list: UseQueryResult<{ items: T[] }>;
  qa: string;
  columns: TableColumnsType<T>;
  detail: (item: T) => ReactNode;
  /** The row a link (`?id=…`) opens expanded. */
  expandedId?: string | null;
  /** The title, test id, starting values and fields of an open form. */
  dialog: (open: D) => CareDialog;
}) {
  if (list.isError) return <ApiErrorView error={list.error} onRetry={() => list.refetch()} />;
  const open = page.dialog === null ? null : dialog(page.dialog);
  const createButton = create ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={create.onClick} data-qa={create.qa}>
      {create.label}
    </Button>
  ) : null;
  return (
    <Flex vertical gap={16}>
      {head}
      {filter ? (
        <Flex justify="space-between" wrap gap={8}>
          {filter}
          {createButton}
        </Flex>
      ) : createButton ? (
        <Flex justify="flex-end">{createButton}</Flex>
      ) : null}
      <Table
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-qa={qa}
        expandable={{
          expandedRowRender: detail,
          ...(expandedId !== undefined ? { defaultExpandedRowKeys: expandedId ? [expandedId] : [] } : {}),
        }}
        columns={columns}
      />
      {open ? (
        <FormModal
          open
          title={open.title}
          form={page.form}
          onClose={() => page.setDialog(null)}
          onFinish={(v) => page.save.mutate(v)}
          saving={page.save.isPending}
          qa={open.qa}
          initialValues={open.initialValues}
        >
          {open.fields}
        </FormModal>
      ) : null}
    </Flex>
  );
}

/** The indicator cards of a care page over its period, with the ledger's download. */
export function IndicatorPanel({
  name,
  data,
  exportHref,
  exportQa,
  children,
}: {
  name: string;
  data: { from: string; asOf: string; indicators: Indicator[] } | undefined;
  exportHref: string;
  exportQa: string;
  children?: ReactNode;
}) {
  return (
    <Card
      size="small"
      title={`${name}指标（${data?.from ?? ""}至${data?.asOf ?? ""}）`}
      extra={
        <Button icon={<DownloadOutlined />} href={exportHref} data-qa={exportQa}>
          导出台账
        </Button>
      }
    >
      <IndicatorCards items={data?.indicators ?? []} />
      {children}
    </Card>
  );
}

/** A required date of a care form (`on` unless named otherwise). */
export function DateField({
  label,
  name = "on",
  message = "请选择日期",
  qa,
}: {
  label: string;
  name?: string;
  message?: string;
  qa?: string;
}) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message }]}>
      <DatePicker data-qa={qa} />
    </Form.Item>
  );
}

/** A required text of a care form: one line, or a text area of `rows` lines. */
export function TextField({
  name,
  label,
  max,
  rows,
  message,
  qa,
}: {
  name: string;
  label: string;
  max: number;
  rows?: number;
  /** What a missing value says; "请填写" and the label unless given. */
  message?: string;
  qa?: string;
}) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: message ?? `请填写${label}` }]}>
      {rows ? (
        <Input.TextArea rows={rows} maxLength={max} data-qa={qa} />
      ) : (
        <Input maxLength={max} data-qa={qa} />
      )}
    </Form.Item>
  );
}

/** A choice of two of a care form (是/否 unless labelled otherwise). */
export function YesNoField({
  name,
  label,
  yes = "是",
  no = "否",
}: {
  name: string;
  label: string;
  yes?: string;
  no?: string;
}) {
  return (
    <Form.Item name={name} label={label}>
      <Radio.Group
        options={[
          { value: true, label: yes },
          { value: false, label: no },
        ]}
      />
    </Form.Item>
  );
}
