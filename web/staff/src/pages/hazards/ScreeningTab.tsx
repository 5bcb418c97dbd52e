// 季度排查 (seed 002): the quarter's safety-hazard screening — the agency opens it (or the system does on
// the quarter's first day), each office talks to its persons and records the checklist and the five
// clears (五清); risks found become a hazard of the register; completion per office; the report in Word.
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App as AntApp,
  Button,
  type ButtonProps,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { FIVE_CLEARS, SCREENING_CHECKS, TALK_TOPICS } from "../../../../../src/features/screening/tables.ts";
import {
  fiveClearLabel,
  hazardKindLabel,
  hazardLevelLabel,
  screeningCheckLabel,
  screeningMethodLabel,
  screeningTalkLabel,
} from "../../../../../src/glossary.ts";
import { request } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { serverNow } from "../../server-time.ts";
import { useCurrentUser } from "../../user.ts";
import { hazardsApi, MeasureFields } from "./HazardsPage.tsx";
import { PersonTable } from "./PersonTable.tsx";

interface OfficeProgress {
  officeId: string;
  officeName: string;
  done: number;
  total: number;
}
interface Campaign {
  id: string;
  quarterLabel: string;
  openedOn: string;
  dueOn: string;
  openedBy: string;
  open: boolean;
  status: string;
  statusLabel: string;
  done: number;
  total: number;
  offices: OfficeProgress[];
}
interface ScreeningPerson {
  subjectId: string;
  name: string;
  officeName: string;
  levelLabel: string;
  record: {
    talkedOn: string;
    methodLabel: string;
    clears: { label: string; clear: boolean }[];
    risks: string | null;
    hazardId: number | null;
  } | null;
}

export const screeningApi = {
  list: () => request<{ items: Campaign[]; canOpen: boolean }>("GET", "/api/screening/campaigns"),
  open: () => request<Campaign>("POST", "/api/screening/campaigns", {}),
  detail: (id: string) =>
    request<Campaign & { persons: ScreeningPerson[] }>("GET", `/api/screening/campaigns/${id}`),
  record: (id: string, body: unknown) =>
    request<unknown>("POST", `/api/screening/campaigns/${id}/records`, body),
  reportUrl: (id: string) => `/api/screening/campaigns/${id}/report`,
};

const statusColour: Record<string, string> = { open: "blue", overdue: "red", done: "green" };
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** 排查谈话: one person's talk, checklist and five clears; risks found may become a hazard. */
export function ScreeningModal({
  target,
  onClose,
}: {
  target: { campaignId: string; subjectId: string; name: string } | null;
  onClose: () => void;
}) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const asHazard = Form.useWatch("asHazard", form) as boolean | undefined;
  const owners = useQuery({
    queryKey: ["hazard-owners", undefined],
    queryFn: () => hazardsApi.owners(),
    enabled: target !== null,
  });
  const save = useMutation({
    mutationFn: (body: unknown) => screeningApi.record(target!.campaignId, body),
    onSuccess: () => {
      message.success(`已登记${target?.name ?? ""}的排查谈话`);
      for (const key of ["screening", "today", "hazards"]) client.invalidateQueries({ queryKey: [key] });
      onClose();
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Modal
      open={target !== null}
      onCancel={onClose}
      title={`安全隐患排查谈话：${target?.name ?? ""}`}
      width={860}
      okText="登记"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-qa": "screening-save" } as ButtonProps}
      destroyOnHidden
      // A click beside the form (or one landing there as a dropdown closes) must not throw away the
      // talk's record: the form closes by its own buttons or Esc only.
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        data-qa="screening-form"
        initialValues={{
          talkedOn: serverNow(),
          method: "face_to_face",
          checklist: Object.fromEntries(SCREENING_CHECKS.map((c) => [c, "ok"])),
          measures: [{}],
        }}
        onFinish={(v) =>
          save.mutate({
            subjectId: target!.subjectId,
            talkedOn: (v.talkedOn as Dayjs).format("YYYY-MM-DD"),
            method: v.method,
            checklist: v.checklist,
            talk: v.talk,
            clears: Object.fromEntries(FIVE_CLEARS.map((c) => [c, v.clears[c] === "clear"])),
            risks: v.risks || null,
            hazard: v.asHazard
              ? {
                  kind: v.kind,
                  level: v.level,
                  description: v.description,
                  measures: (v.measures as { measure: string; ownerId: string; deadline: Dayjs }[]).map(
                    (m) => ({ ...m, deadline: m.deadline.format("YYYY-MM-DD") }),
                  ),
                }
              : undefined,
          })
        }
      >
        <Space align="start" wrap>
          <Form.Item name="talkedOn" label="谈话日期" rules={[{ required: true, message: "请选择谈话日期" }]}>
            <DatePicker disabledDate={(d) => d.isAfter(serverNow(), "day")} />
          </Form.Item>
          <Form.Item name="method" label="排查方式" rules={[{ required: true }]}>
            <Radio.Group options={options(screeningMethodLabel)} optionType="button" />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>谈话提纲</Typography.Title>
        {TALK_TOPICS.map((t) => (
          <Form.Item
            key={t}
            name={["talk", t]}
            label={screeningTalkLabel[t]}
            rules={[{ required: true, whitespace: true, message: `请填写${screeningTalkLabel[t]}` }]}
          >
            <Input.TextArea rows={1} maxLength={1000} data-qa={`screening-talk-${t}`} />
          </Form.Item>
        ))}
        <Typography.Title level={5}>排查清单</Typography.Title>
        {SCREENING_CHECKS.map((c) => (
          <Form.Item
            key={c}
            name={["checklist", c]}
            label={screeningCheckLabel[c]}
            style={{ marginBottom: 8 }}
          >
            <Radio.Group
              options={[
                { value: "ok", label: "正常" },
                { value: "issue", label: "存在问题" },
              ]}
            />
          </Form.Item>
        ))}
        <Typography.Title level={5}>五清</Typography.Title>
        {FIVE_CLEARS.map((c) => (
          <Form.Item
            key={c}
            name={["clears", c]}
            label={fiveClearLabel[c]}
            rules={[{ required: true, message: `请标记${fiveClearLabel[c]}` }]}
            style={{ marginBottom: 8 }}
          >
            <Radio.Group
              data-qa={`screening-clear-${c}`}
              options={[
                { value: "clear", label: "已清" },
                { value: "unclear", label: "未清" },
              ]}
            />
          </Form.Item>
        ))}
        <Form.Item name="risks" label="发现的风险（清单有问题或五清未清时必填）">
          <Input.TextArea rows={2} maxLength={2000} data-qa="screening-risks" />
        </Form.Item>
        <Form.Item name="asHazard" valuePropName="checked">
          <Checkbox data-qa="screening-as-hazard">将发现的风险登记为安全隐患（列入隐患台账）</Checkbox>
        </Form.Item>
        {asHazard ? (
          <>
            <Space align="start" wrap>
              <Form.Item name="kind" label="隐患类别" rules={[{ required: true, message: "请选择隐患类别" }]}>
                <Select options={options(hazardKindLabel)} style={{ width: 220 }} />
              </Form.Item>
              <Form.Item
                name="level"
                label="隐患等级"
                rules={[{ required: true, message: "请选择隐患等级" }]}
              >
                <Radio.Group options={options(hazardLevelLabel)} />
              </Form.Item>
            </Space>
            <Form.Item
              name="description"
              label="隐患情况"
              rules={[{ required: true, whitespace: true, message: "请填写隐患情况" }]}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <MeasureFields owners={owners.data?.owners ?? []} prefix={["measures", 0]} />
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

function CampaignPersons({ campaign, canRecord }: { campaign: Campaign; canRecord: boolean }) {
  const [target, setTarget] = useState<{ campaignId: string; subjectId: string; name: string } | null>(null);
  const detail = useQuery({
    queryKey: ["screening", campaign.id],
    queryFn: () => screeningApi.detail(campaign.id),
  });
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) return <ApiErrorView error={detail.error} onRetry={() => detail.refetch()} />;
  return (
    <>
      <PersonTable
        persons={detail.data.persons}
        qa="screening-persons"
        link
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(p) => ({ "data-subject": p.subjectId }) as object}
        columns={[
          { title: "管理等级", dataIndex: "levelLabel", width: 90 },
          {
            title: "排查情况",
            render: (_: unknown, p: ScreeningPerson) =>
              p.record ? (
                <Space size={4} wrap>
                  <Tag color="green">{`${p.record.talkedOn} ${p.record.methodLabel}`}</Tag>
                  {p.record.clears
                    .filter((c) => !c.clear)
                    .map((c) => (
                      <Tag key={c.label} color="orange">{`${c.label.slice(0, -1)}未清`}</Tag>
                    ))}
                  {p.record.hazardId !== null ? <Tag color="red">已登记隐患</Tag> : null}
                </Space>
              ) : canRecord && campaign.open ? (
                <Button
                  size="small"
                  type="primary"
                  data-qa="screening-record"
                  onClick={() => setTarget({ campaignId: campaign.id, subjectId: p.subjectId, name: p.name })}
                >
                  排查谈话
                </Button>
              ) : (
                <Tag>未排查</Tag>
              ),
          },
        ]}
      />
      <ScreeningModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}

export function ScreeningTab() {
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const canRecord = ["office_head", "office_assistant"].includes(user.role);
  const list = useQuery({ queryKey: ["screening"], queryFn: screeningApi.list });
  const open = useMutation({
    mutationFn: screeningApi.open,
    onSuccess: () => {
      message.success("已开启本季度安全隐患排查");
      client.invalidateQueries({ queryKey: ["screening"] });
    },
    onError: (e: Error) => message.error(e.message),
  });
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <ApiErrorView error={list.error} onRetry={() => list.refetch()} />;
  const [current, ...earlier] = list.data.items;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card
        size="small"
        title={current ? `${current.quarterLabel}安全隐患排查` : "季度安全隐患排查"}
        data-qa="screening-campaign"
        extra={
          <Space>
            {list.data.canOpen ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                loading={open.isPending}
                onClick={() => open.mutate()}
                data-qa="screening-open"
              >
                开启本季度排查
              </Button>
            ) : null}
            {current ? (
              <Button
                icon={<DownloadOutlined />}
                href={screeningApi.reportUrl(current.id)}
                data-qa="screening-report"
              >
                排查报告（Word）
              </Button>
            ) : null}
          </Space>
        }
      >
        {current ? (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Space wrap>
              <Tag color={statusColour[current.status]}>{current.statusLabel}</Tag>
              <Typography.Text>{`开启：${current.openedOn}（${current.openedBy}）`}</Typography.Text>
              <Typography.Text strong>{`完成时限：${current.dueOn}`}</Typography.Text>
              <Typography.Text>{`已排查 ${current.done}/${current.total} 人`}</Typography.Text>
            </Space>
            <Space wrap size="large">
              {current.offices.map((o) => (
                <div key={o.officeId} style={{ minWidth: 200 }} data-qa="screening-office" data-done={o.done}>
                  <Typography.Text style={{ fontSize: 12 }}>{o.officeName}</Typography.Text>
                  <Progress
                    aria-label={`${o.officeName}：已排查 ${o.done}，在册 ${o.total}`}
                    percent={o.total ? Math.round((o.done / o.total) * 100) : 100}
                    size="small"
                    format={() => `${o.done}/${o.total}`}
                  />
                </div>
              ))}
            </Space>
            <CampaignPersons campaign={current} canRecord={canRecord} />
          </Space>
        ) : (
          <Typography.Text type="secondary">
            本季度排查尚未开启（每季度第一天由系统自动开启）。
          </Typography.Text>
        )}
      </Card>
      {earlier.length ? (
        <Card size="small" title="以往各季度">
          <Table
            size="small"
            rowKey="id"
            dataSource={earlier}
            pagination={false}
            columns={[
              { title: "季度", dataIndex: "quarterLabel" },
              { title: "完成时限", dataIndex: "dueOn", width: 110 },
              { title: "完成情况", render: (_: unknown, c: Campaign) => `${c.done}/${c.total}`, width: 100 },
              {
                title: "报告",
                width: 100,
                render: (_: unknown, c: Campaign) => (
                  <Button size="small" icon={<DownloadOutlined />} href={screeningApi.reportUrl(c.id)}>
                    Word
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        依据《社区矫正安全隐患排查整治通知》：每季度组织一次安全隐患排查，逐一谈话，做到犯罪事实清、现实表现清、监管责任清、思想动态清、行为去向清；排查出的隐患逐一登记造册。
      </Typography.Text>
    </Space>
  );
}
