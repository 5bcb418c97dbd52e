// 调查评估: the courts' commissions with their working-day deadline; the agency receives and assigns,
// the office records its visits and interviews and the opinion; the opinion in Word; returned.
import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Segmented,
  Select,
  Space,
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
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { CareFrame, DateField, TextField } from "./CareFrame.tsx";
import {
  day,
  OfficeField,
  type Offices,
  options,
  PersonFields,
  personValues,
  useCarePage,
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
  const page = useCarePage<Dialog>("investigations", (dialog, v) => {
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
  });
  const { user, params, setDialog, offices } = page;
  const [status, setStatus] = useState("open");
  const list = useQuery({
    queryKey: ["investigations", status],
    queryFn: () => investigationApi.list(status),
  });
  const agency = user.role === "agency_head" || user.role === "agency_staff";
  return (
    <CareFrame
      filter={
        <Segmented
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={[
            { value: "open", label: "办理中" },
            { value: "all", label: "全部" },
          ]}
        />
      }
      create={
        agency
          ? { label: "登记委托", qa: "investigation-new", onClick: () => setDialog({ kind: "receive" }) }
          : null
      }
      list={list}
      qa="investigation-list"
      expandedId={params.get("id")}
      detail={(item) => <Detail item={item} act={setDialog} />}
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
      page={page}
      dialog={(dialog) => ({
        title: dialogTitle[dialog.kind],
        qa: "investigation-form",
        initialValues: {
          procedure: "normal",
          proposedType: "probation",
          noteKind: "visit",
          opinion: "suitable",
        },
        fields: <Fields kind={dialog.kind} offices={offices} />,
      })}
    />
  );
}

/** The fields of the open form: a commission received, its office, a visit or interview, the opinion, the reply. */
function Fields({ kind, offices }: { kind: Dialog["kind"]; offices: Offices }) {
  if (kind === "receive")
    return (
      <>
        <Flex wrap gap={12}>
          <TextField name="court" label="委托机关" max={100} qa="investigation-court" />
          <TextField name="commissionNo" label="委托文号" max={100} qa="investigation-no" />
          <Form.Item name="procedure" label="程序">
            <Select style={{ width: 140 }} options={options(investigationProcedureLabel)} />
          </Form.Item>
          <DateField label="收到委托日期" />
        </Flex>
        <PersonFields />
        <Flex wrap gap={12}>
          <TextField name="charge" label="涉嫌罪名" max={100} qa="investigation-charge" />
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
    );
  if (kind === "assign") return <OfficeField offices={offices} />;
  if (kind === "note")
    return (
      <>
        <Form.Item name="noteKind" label="调查方式">
          <Select style={{ width: 160 }} options={options(investigationNoteKindLabel)} />
        </Form.Item>
        <DateField label="调查日期" />
        <Form.Item name="persons" label="走访或谈话对象">
          <Input maxLength={200} />
        </Form.Item>
        <TextField name="findings" label="调查情况" max={4000} rows={4} qa="investigation-findings" />
      </>
    );
  if (kind === "opinion")
    return (
      <>
        <Form.Item name="opinion" label="评估意见">
          <Select style={{ width: 200 }} options={options(investigationOpinionLabel)} />
        </Form.Item>
        <TextField name="reasons" label="理由" max={4000} rows={4} qa="investigation-reasons" />
      </>
    );
  return <DateField label="回复日期" />;
}
