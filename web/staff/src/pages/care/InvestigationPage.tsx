// 调查评估: the courts' commissions with their working-day deadline; the agency receives and assigns,
// the office records its visits and interviews and the opinion; the opinion in Word; returned.
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import type { InvestigationView } from "../../../../../src/features/investigation/service.ts";
import {
  correctionTypeLabel,
  investigationNoteKindLabel,
  investigationOpinionLabel,
  investigationProcedureLabel,
  investigationStatusLabel,
} from "../../../../../src/glossary.ts";
import { queryString, request } from "../../api.ts";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import {
  day,
  FormModal,
  OfficeField,
  options,
  PersonFields,
  personValues,
  useCarePage,
  useCareSave,
  writers,
} from "./common.tsx";

const investigationApi = {
  list: (status: string) =>
    request<{ items: InvestigationView[] }>("GET", `/api/investigations${queryString({ status })}`),
  receive: (body: unknown) => request<InvestigationView>("POST", "/api/investigations", body),
  act: (id: string, what: string, body: unknown) =>
    request<InvestigationView>("POST", `/api/investigations/${id}/${what}`, body),
};

type Dialog =
  | { kind: "receive" }
  | { kind: "assign" | "note" | "opinion" | "return"; item: InvestigationView };
const dialogTitle = {
  receive: "登记调查评估委托",
  assign: "分配司法所",
  note: "登记调查情况",
  opinion: "提出评估意见",
  return: "回复委托机关",
};

function Detail({ item, act }: { item: InvestigationView; act: (d: Dialog) => void }) {
  const user = useCurrentUser();
  const agency = user.role === "agency_head" || user.role === "agency_staff";
  const open = item.status !== "returned" && writers.includes(user.role);
  return (
    <Card size="small" data-qa="investigation-detail">
      <Descriptions size="small" column={2}>
        <Descriptions.Item label="委托机关">{item.court}</Descriptions.Item>
        <Descriptions.Item label="文号">{item.commissionNo}</Descriptions.Item>
        <Descriptions.Item label="涉嫌罪名">{item.charge}</Descriptions.Item>
        <Descriptions.Item label="拟适用">
          {correctionTypeLabel[item.proposedType as "probation"]}
        </Descriptions.Item>
        <Descriptions.Item label="住址">{item.address}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{item.person.idNumber ?? "—"}</Descriptions.Item>
        {item.opinion ? (
          <Descriptions.Item label="评估意见" span={2}>
            {investigationOpinionLabel[item.opinion]}：{item.reasons}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Title level={5}>调查情况</Typography.Title>
      {item.notes.length === 0 ? <Typography.Text type="secondary">尚未登记</Typography.Text> : null}
      {item.notes.map((n) => (
        <div key={n.id}>
          {n.onDate} {investigationNoteKindLabel[n.kind]}
          {n.persons ? `（${n.persons}）` : ""}：{n.findings}（{n.by}）
        </div>
      ))}
      <Space style={{ marginTop: 12 }} wrap>
        {open && agency && item.status !== "concluded" ? (
          <Button onClick={() => act({ kind: "assign", item })} data-qa="investigation-assign">
            分配司法所
          </Button>
        ) : null}
        {open && item.status === "assigned" ? (
          <>
            <Button onClick={() => act({ kind: "note", item })} data-qa="investigation-note">
              登记调查情况
            </Button>
            <Button
              type="primary"
              onClick={() => act({ kind: "opinion", item })}
              data-qa="investigation-opinion"
            >
              提出评估意见
            </Button>
          </>
        ) : null}
        {item.opinion ? (
          <Button
            icon={<DownloadOutlined />}
            href={`/api/investigations/${item.id}/document`}
            data-qa="investigation-docx"
          >
            调查评估意见书
          </Button>
        ) : null}
        {open && agency && item.status === "concluded" ? (
          <Button type="primary" onClick={() => act({ kind: "return", item })} data-qa="investigation-return">
            登记已回复委托机关
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}

export default function InvestigationPage() {
  usePageTitle("调查评估");
  const { user, params, dialog, setDialog, form, offices } = useCarePage<Dialog>();
  const [status, setStatus] = useState("open");
  const list = useQuery({
    queryKey: ["investigations", status],
    queryFn: () => investigationApi.list(status),
  });
  const save = useCareSave(
    form,
    "investigations",
    () => setDialog(null),
    (v: Record<string, unknown>) => {
      if (!dialog) throw new Error("没有打开的表单");
      if (dialog.kind === "receive")
        return investigationApi.receive({
          ...personValues(v),
          court: v.court,
          commissionNo: v.commissionNo,
          procedure: v.procedure,
          receivedOn: day(v.on as never),
          charge: v.charge,
          proposedType: v.proposedType,
          officeId: v.officeId ?? null,
        });
      const body =
        dialog.kind === "assign"
          ? { officeId: v.officeId }
          : dialog.kind === "note"
            ? { kind: v.noteKind, onDate: day(v.on as never), persons: v.persons, findings: v.findings }
            : dialog.kind === "opinion"
              ? { opinion: v.opinion, reasons: v.reasons }
              : { returnedOn: day(v.on as never) };
      return investigationApi.act(
        dialog.item.id,
        dialog.kind === "return" ? "return" : dialog.kind === "note" ? "notes" : dialog.kind,
        body,
      );
    },
  );
  if (list.isError) return <ApiErrorView error={list.error} onRetry={() => list.refetch()} />;
  const agency = user.role === "agency_head" || user.role === "agency_staff";
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={[
            { value: "open", label: "办理中" },
            { value: "all", label: "全部" },
          ]}
        />
        {agency ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: "receive" })}
            data-qa="investigation-new"
          >
            登记委托
          </Button>
        ) : null}
      </Flex>
      <Table
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-qa="investigation-list"
        expandable={{
          expandedRowRender: (item) => <Detail item={item} act={setDialog} />,
          defaultExpandedRowKeys: params.get("id") ? [params.get("id")!] : [],
        }}
        columns={[
          { title: "被告人", render: (_, i) => i.person.name },
          { title: "委托机关", dataIndex: "court" },
          { title: "程序", render: (_, i) => investigationProcedureLabel[i.procedure] },
          { title: "收到日期", dataIndex: "receivedOn" },
          {
            title: "期限",
            render: (_, i) => (
              <span>
                {i.dueOn} {i.overdue ? <Tag color="red">已逾期</Tag> : null}
              </span>
            ),
          },
          { title: "司法所", render: (_, i) => i.office?.name ?? "未分配" },
          {
            title: "状态",
            render: (_, i) => <Tag data-qa="investigation-status">{investigationStatusLabel[i.status]}</Tag>,
          },
        ]}
      />
      {dialog ? (
        <FormModal
          open
          title={dialogTitle[dialog.kind]}
          form={form}
          onClose={() => setDialog(null)}
          onFinish={(v) => save.mutate(v)}
          saving={save.isPending}
          qa="investigation-form"
          initialValues={{
            procedure: "normal",
            proposedType: "probation",
            noteKind: "visit",
            opinion: "suitable",
          }}
        >
          {dialog.kind === "receive" ? (
            <>
              <Flex wrap gap={12}>
                <Form.Item
                  name="court"
                  label="委托机关"
                  rules={[{ required: true, message: "请填写委托机关" }]}
                >
                  <Input maxLength={100} data-qa="investigation-court" />
                </Form.Item>
                <Form.Item
                  name="commissionNo"
                  label="委托文号"
                  rules={[{ required: true, message: "请填写委托文号" }]}
                >
                  <Input maxLength={100} data-qa="investigation-no" />
                </Form.Item>
                <Form.Item name="procedure" label="程序">
                  <Select style={{ width: 140 }} options={options(investigationProcedureLabel)} />
                </Form.Item>
                <Form.Item name="on" label="收到委托日期" rules={[{ required: true, message: "请选择日期" }]}>
                  <DatePicker />
                </Form.Item>
              </Flex>
              <PersonFields />
              <Flex wrap gap={12}>
                <Form.Item
                  name="charge"
                  label="涉嫌罪名"
                  rules={[{ required: true, message: "请填写涉嫌罪名" }]}
                >
                  <Input maxLength={100} data-qa="investigation-charge" />
                </Form.Item>
                <Form.Item name="proposedType" label="拟适用">
                  <Select style={{ width: 160 }} options={options(correctionTypeLabel)} />
                </Form.Item>
                <Form.Item name="officeId" label="分配司法所（可稍后分配）">
                  <Select
                    allowClear
                    style={{ width: 200 }}
                    options={offices.map((o) => ({ value: o.id, label: o.name }))}
                  />
                </Form.Item>
              </Flex>
            </>
          ) : null}
          {dialog.kind === "assign" ? <OfficeField offices={offices} /> : null}
          {dialog.kind === "note" ? (
            <>
              <Form.Item name="noteKind" label="调查方式">
                <Select style={{ width: 160 }} options={options(investigationNoteKindLabel)} />
              </Form.Item>
              <Form.Item name="on" label="调查日期" rules={[{ required: true, message: "请选择日期" }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="persons" label="走访或谈话对象">
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                name="findings"
                label="调查情况"
                rules={[{ required: true, message: "请填写调查情况" }]}
              >
                <Input.TextArea rows={4} maxLength={4000} data-qa="investigation-findings" />
              </Form.Item>
            </>
          ) : null}
          {dialog.kind === "opinion" ? (
            <>
              <Form.Item name="opinion" label="评估意见">
                <Select style={{ width: 200 }} options={options(investigationOpinionLabel)} />
              </Form.Item>
              <Form.Item name="reasons" label="理由" rules={[{ required: true, message: "请填写理由" }]}>
                <Input.TextArea rows={4} maxLength={4000} data-qa="investigation-reasons" />
              </Form.Item>
            </>
          ) : null}
          {dialog.kind === "return" ? (
            <Form.Item name="on" label="回复日期" rules={[{ required: true, message: "请选择日期" }]}>
              <DatePicker />
            </Form.Item>
          ) : null}
        </FormModal>
      ) : null}
    </Flex>
  );
}
