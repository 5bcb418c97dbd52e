// 安置帮教: released prisoners from the prisons' pre-release notices, the hand-over steps (核查、回执、
// 必接必送、危险性评估、帮教小组和协议、安置), the follow-ups for five years, the seed's indicators with
// the 1:50 social-worker ratio, and the ledger in Excel.
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Descriptions, Form, Select, Space, Tag } from "antd";
import type { Indicator } from "../../../../../src/features/care/rate.ts";
import type { ResettlementView } from "../../../../../src/features/resettlement/service.ts";
import {
  resettlementPlacementLabel,
  resettlementRiskLabel,
  resettlementStepLabel,
} from "../../../../../src/glossary.ts";
import { request } from "../../api.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { CareFrame, DateField, IndicatorPanel, TextField, YesNoField } from "./CareFrame.tsx";
import { day, NoticeFields, type Offices, options, personValues, useCarePage } from "./common.tsx";
import { KnownPerson } from "./KnownPerson.tsx";

type Item = ResettlementView;
interface Indicators {
  from: string;
  asOf: string;
  indicators: Indicator[];
  staffing: {
    helped: number;
    perSocialWorker: number;
    socialWorkersNeeded: number;
    socialWorkers: number;
    met: boolean;
  };
}

const STEPS: { step: string; done: (i: Item) => string | null }[] = [
  { step: "verify", done: (i) => i.verifiedOn },
  { step: "receipt", done: (i) => i.receiptSentOn },
  { step: "pickup", done: (i) => i.pickedUpOn },
  { step: "risk", done: (i) => i.riskAssessedOn },
  { step: "help_plan", done: (i) => i.agreementOn },
  { step: "placement", done: (i) => i.placedOn },
  { step: "employment_service", done: (i) => i.employmentServiceOn },
  { step: "reoffence", done: (i) => i.reoffendedOn },
];

type Dialog =
  | { kind: "notice" }
  | { kind: "step"; step: string; item: Item }
  | { kind: "followup"; item: Item };

export default function ResettlementPage() {
  usePageTitle("安置帮教");
  const page = useCarePage<Dialog>("resettlement", (dialog, v) => {
    if (dialog.kind === "notice")
      return request("POST", "/api/resettlement", {
        ...personValues(v),
        officeId: v.officeId ?? null,
        prison: v.prison,
        crime: v.crime,
        releaseOn: day(v.releaseOn as never),
        noticeOn: day(v.on as never),
        keyPerson: v.keyPerson === true,
      });
    if (dialog.kind === "followup")
      return request("POST", `/api/resettlement/${dialog.item.id}/followups`, {
        onDate: day(v.on as never),
        content: v.content,
      });
    return request("POST", `/api/resettlement/${dialog.item.id}/steps`, {
      step: dialog.step,
      on: day(v.on as never),
      by: v.by,
      level: v.level,
      team: v.team,
      plan: v.plan,
      placement: v.placement,
    });
  });
  const { canWrite, params, setDialog, offices } = page;
  const list = useQuery({
    queryKey: ["resettlement"],
    queryFn: () => request<{ items: Item[] }>("GET", "/api/resettlement"),
  });
  const ind = useQuery({
    queryKey: ["resettlement", "indicators"],
    queryFn: () => request<Indicators>("GET", "/api/resettlement/indicators"),
  });
  const s = ind.data?.staffing;
  return (
    <CareFrame
      head={
        <IndicatorPanel
          name="安置帮教"
          data={ind.data}
          exportHref="/api/resettlement/export"
          exportQa="resettlement-export"
        >
          {s ? (
            <div style={{ marginTop: 12 }} data-qa="resettlement-staffing">
              帮教中的刑释人员{s.helped}人，按每{s.perSocialWorker}人配备1名社会工作者，应配备
              {s.socialWorkersNeeded}名，现有
              {s.socialWorkers}名 <Tag color={s.met ? "green" : "red"}>{s.met ? "达标" : "不足"}</Tag>
            </div>
          ) : null}
        </IndicatorPanel>
      }
      create={
        canWrite
          ? { label: "登记预释放通知", qa: "resettlement-new", onClick: () => setDialog({ kind: "notice" }) }
          : null
      }
      list={list}
      qa="resettlement-list"
      expandedId={params.get("id")}
      detail={(item) => (
        <Card size="small">
          <KnownPerson links={item.known} />
          <Descriptions size="small" column={2}>
            <Descriptions.Item label="服刑监狱">{item.prison}</Descriptions.Item>
            <Descriptions.Item label="罪名">{item.crime}</Descriptions.Item>
            <Descriptions.Item label="身份证号">{item.person.idNumber ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="下次回访">{item.nextFollowupDue ?? "—"}</Descriptions.Item>
            {item.riskLevel ? (
              <Descriptions.Item label="危险性">{resettlementRiskLabel[item.riskLevel]}</Descriptions.Item>
            ) : null}
            {item.team ? <Descriptions.Item label="帮教小组">{item.team}</Descriptions.Item> : null}
            {item.placement ? (
              <Descriptions.Item label="安置方式">
                {resettlementPlacementLabel[item.placement]}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Space wrap>
            {STEPS.map(({ step, done }) =>
              done(item) ? (
                <Tag key={step} color="green">
                  {resettlementStepLabel[step]} {done(item)}
                </Tag>
              ) : canWrite ? (
                <Button
                  key={step}
                  size="small"
                  onClick={() => setDialog({ kind: "step", step, item })}
                  data-qa={`step-${step}`}
                >
                  {resettlementStepLabel[step]}
                </Button>
              ) : null,
            )}
            {canWrite && item.releaseOn <= (ind.data?.asOf ?? "") ? (
              <Button
                size="small"
                type="primary"
                onClick={() => setDialog({ kind: "followup", item })}
                data-qa="resettlement-followup"
              >
                登记回访
              </Button>
            ) : null}
          </Space>
          {item.followups.map((f) => (
            <div key={f.id}>
              {f.onDate} 回访：{f.content}（{f.by}）
            </div>
          ))}
        </Card>
      )}
      columns={[
        { title: "姓名", render: (_, i) => i.person.name },
        { title: "重点帮教对象", render: (_, i) => (i.keyPerson ? <Tag color="red">重点</Tag> : "一般") },
        { title: "司法所", render: (_, i) => i.office?.name ?? "待分配" },
        { title: "释放日期", dataIndex: "releaseOn" },
        {
          title: "已办事项",
          render: (_, i) => `${STEPS.filter((x) => x.done(i)).length}/${STEPS.length - 1}`,
        },
      ]}
      page={page}
      dialog={(dialog) => ({
        title:
          dialog.kind === "notice"
            ? "登记预释放通知"
            : dialog.kind === "followup"
              ? "登记回访"
              : resettlementStepLabel[dialog.step]!,
        qa: "resettlement-form",
        initialValues: { keyPerson: false, level: "low", placement: "employed" },
        fields: <Fields dialog={dialog} offices={offices} />,
      })}
    />
  );
}

/** The fields of the open form: a pre-release notice, a step of the hand-over, or a follow-up. */
function Fields({ dialog, offices }: { dialog: Dialog; offices: Offices }) {
  if (dialog.kind === "notice")
    return (
      <NoticeFields offices={offices}>
        <TextField name="prison" label="服刑监狱" max={100} qa="resettlement-prison" />
        <TextField name="crime" label="罪名" max={100} qa="resettlement-crime" />
        <DateField name="releaseOn" label="释放日期" message="请选择释放日期" qa="resettlement-release" />
        <DateField label="收到通知日期" />
        <YesNoField name="keyPerson" label="重点帮教对象（必接必送）" />
      </NoticeFields>
    );
  const step = dialog.kind === "step" ? dialog.step : null;
  return (
    <>
      <DateField label="日期" />
      {step === "pickup" ? <TextField name="by" label="接送人" max={100} /> : null}
      {step === "risk" ? (
        <Form.Item name="level" label="危险性">
          <Select style={{ width: 120 }} options={options(resettlementRiskLabel)} />
        </Form.Item>
      ) : null}
      {step === "help_plan" ? (
        <>
          <TextField name="team" label="帮教小组（1+1+N）" max={500} message="请填写帮教小组" />
          <TextField name="plan" label="帮教计划" max={2000} rows={3} />
        </>
      ) : null}
      {step === "placement" ? (
        <Form.Item name="placement" label="安置方式">
          <Select style={{ width: 200 }} options={options(resettlementPlacementLabel)} />
        </Form.Item>
      ) : null}
      {dialog.kind === "followup" ? (
        <TextField name="content" label="回访情况" max={2000} rows={3} qa="followup-content" />
      ) : null}
    </>
  );
}
