// 安置帮教: released prisoners from the prisons' pre-release notices, the hand-over steps (核查、回执、
// 必接必送、危险性评估、帮教小组和协议、安置), the follow-ups for five years, the seed's indicators with
// the 1:50 social-worker ratio, and the ledger in Excel.
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
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import type { Indicator } from "../../../../../src/features/care/rate.ts";
import type { ResettlementView } from "../../../../../src/features/resettlement/service.ts";
import {
  resettlementPlacementLabel,
  resettlementRiskLabel,
  resettlementStepLabel,
} from "../../../../../src/glossary.ts";
import { request } from "../../api.ts";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { usePageTitle } from "../../usePageTitle.ts";
import {
  day,
  FormModal,
  IndicatorCards,
  OfficeField,
  options,
  PersonFields,
  personValues,
  useCarePage,
  useCareSave,
} from "./common.tsx";

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
  const { canWrite, params, dialog, setDialog, form, offices } = useCarePage<Dialog>();
  const list = useQuery({
    queryKey: ["resettlement"],
    queryFn: () => request<{ items: Item[] }>("GET", "/api/resettlement"),
  });
  const ind = useQuery({
    queryKey: ["resettlement", "indicators"],
    queryFn: () => request<Indicators>("GET", "/api/resettlement/indicators"),
  });
  const save = useCareSave(
    form,
    "resettlement",
    () => setDialog(null),
    (v: Record<string, unknown>) => {
      if (!dialog) throw new Error("没有打开的表单");
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
    },
  );
  if (list.isError) return <ApiErrorView error={list.error} onRetry={() => list.refetch()} />;
  const s = ind.data?.staffing;
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={`安置帮教指标（${ind.data?.from ?? ""}至${ind.data?.asOf ?? ""}）`}
        extra={
          <Button icon={<DownloadOutlined />} href="/api/resettlement/export" data-qa="resettlement-export">
            导出台账
          </Button>
        }
      >
        <IndicatorCards items={ind.data?.indicators ?? []} />
        {s ? (
          <div style={{ marginTop: 12 }} data-qa="resettlement-staffing">
            帮教中的刑释人员{s.helped}人，按每{s.perSocialWorker}人配备1名社会工作者，应配备
            {s.socialWorkersNeeded}名，现有
            {s.socialWorkers}名 <Tag color={s.met ? "green" : "red"}>{s.met ? "达标" : "不足"}</Tag>
          </div>
        ) : null}
      </Card>
      {canWrite ? (
        <Flex justify="flex-end">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: "notice" })}
            data-qa="resettlement-new"
          >
            登记预释放通知
          </Button>
        </Flex>
      ) : null}
      <Table
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-qa="resettlement-list"
        expandable={{
          defaultExpandedRowKeys: params.get("id") ? [params.get("id")!] : [],
          expandedRowRender: (item) => (
            <Card size="small">
              <Descriptions size="small" column={2}>
                <Descriptions.Item label="服刑监狱">{item.prison}</Descriptions.Item>
                <Descriptions.Item label="罪名">{item.crime}</Descriptions.Item>
                <Descriptions.Item label="身份证号">{item.person.idNumber ?? "—"}</Descriptions.Item>
                <Descriptions.Item label="下次回访">{item.nextFollowupDue ?? "—"}</Descriptions.Item>
                {item.riskLevel ? (
                  <Descriptions.Item label="危险性">
                    {resettlementRiskLabel[item.riskLevel]}
                  </Descriptions.Item>
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
          ),
        }}
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
      />
      {dialog ? (
        <FormModal
          open
          title={
            dialog.kind === "notice"
              ? "登记预释放通知"
              : dialog.kind === "followup"
                ? "登记回访"
                : resettlementStepLabel[dialog.step]!
          }
          form={form}
          onClose={() => setDialog(null)}
          onFinish={(v) => save.mutate(v)}
          saving={save.isPending}
          qa="resettlement-form"
          initialValues={{ keyPerson: false, level: "low", placement: "employed" }}
        >
          {dialog.kind === "notice" ? (
            <>
              <PersonFields />
              <Flex wrap gap={12}>
                <Form.Item
                  name="prison"
                  label="服刑监狱"
                  rules={[{ required: true, message: "请填写服刑监狱" }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="crime" label="罪名" rules={[{ required: true, message: "请填写罪名" }]}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item
                  name="releaseOn"
                  label="释放日期"
                  rules={[{ required: true, message: "请选择释放日期" }]}
                >
                  <DatePicker />
                </Form.Item>
                <Form.Item name="on" label="收到通知日期" rules={[{ required: true, message: "请选择日期" }]}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name="keyPerson" label="重点帮教对象（必接必送）">
                  <Radio.Group
                    options={[
                      { value: true, label: "是" },
                      { value: false, label: "否" },
                    ]}
                  />
                </Form.Item>
                <OfficeField offices={offices} />
              </Flex>
            </>
          ) : (
            <Form.Item name="on" label="日期" rules={[{ required: true, message: "请选择日期" }]}>
              <DatePicker />
            </Form.Item>
          )}
          {dialog.kind === "step" && dialog.step === "pickup" ? (
            <Form.Item name="by" label="接送人" rules={[{ required: true, message: "请填写接送人" }]}>
              <Input maxLength={100} />
            </Form.Item>
          ) : null}
          {dialog.kind === "step" && dialog.step === "risk" ? (
            <Form.Item name="level" label="危险性">
              <Select style={{ width: 120 }} options={options(resettlementRiskLabel)} />
            </Form.Item>
          ) : null}
          {dialog.kind === "step" && dialog.step === "help_plan" ? (
            <>
              <Form.Item
                name="team"
                label="帮教小组（1+1+N）"
                rules={[{ required: true, message: "请填写帮教小组" }]}
              >
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name="plan" label="帮教计划" rules={[{ required: true, message: "请填写帮教计划" }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          ) : null}
          {dialog.kind === "step" && dialog.step === "placement" ? (
            <Form.Item name="placement" label="安置方式">
              <Select style={{ width: 200 }} options={options(resettlementPlacementLabel)} />
            </Form.Item>
          ) : null}
          {dialog.kind === "followup" ? (
            <Form.Item
              name="content"
              label="回访情况"
              rules={[{ required: true, message: "请填写回访情况" }]}
            >
              <Input.TextArea rows={3} maxLength={2000} data-qa="followup-content" />
            </Form.Item>
          ) : null}
        </FormModal>
      ) : null}
    </Flex>
  );
}
