// The case file (违规处置案卷): facts, investigators, interviews, evidence, the ladder's proposal with its
// grounds and basis, and the decision path with the buttons each role may use — the office proposes, the
// office head signs, the agency approves or returns; then correction, the court and the documents.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert as AntAlert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Radio,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { type CaseFile, violationsApi } from "./api.ts";
import { fieldError } from "./OpenCaseModal.tsx";
import { ClockTags, stageColour } from "./ViolationsPage.tsx";

const MEASURES = [
  { value: "reprimand", label: "训诫" },
  { value: "warning", label: "警告" },
  { value: "public_security_penalty", label: "提请治安管理处罚" },
  { value: "revocation_request", label: "提请撤销缓刑、假释" },
  { value: "imprisonment_request", label: "提请收监执行" },
];
const office = new Set(["office_head", "office_assistant"]);
const agencyRoles = new Set(["agency_head", "agency_staff"]);
const iso = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DDTHH:mm:ssZ") : null);

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(new Error("无法读取文件"));
    reader.readAsDataURL(file);
  });
}

/** Runs a change, shows its error, refreshes the case. */
function useAction(caseId: string) {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>, done: string, onError?: (e: unknown) => string | null) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      message.success(done);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["violation", caseId] }),
        queryClient.invalidateQueries({ queryKey: ["violations"] }),
      ]);
      return true;
    } catch (e) {
      setError(onError ? onError(e) : e instanceof Error ? e.message : "操作失败");
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function InterviewForm({ file }: { file: CaseFile }) {
  const [form] = Form.useForm();
  const { busy, error, run } = useAction(file.id);
  const options = file.investigators.map((i) => ({ value: i.id, label: i.name }));
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ at: serverNow(), interviewee: "本人" }}
      onFinish={async (v) => {
        const ok = await run(
          () => violationsApi.interview(file.id, { ...v, at: iso(v.at)! }),
          "已登记询问笔录",
          (e) => fieldError(form, e),
        );
        if (ok) form.resetFields();
      }}
      data-qa="interview-form"
    >
      {error ? <AntAlert type="error" showIcon message={error} style={{ marginBottom: 8 }} /> : null}
      <Space wrap>
        <Form.Item
          name="interviewee"
          label="被询问人"
          rules={[{ required: true, message: "请填写被询问人" }]}
        >
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="at" label="询问时间" rules={[{ required: true, message: "请选择时间" }]}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="place" label="地点" rules={[{ required: true, message: "请填写地点" }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="askedBy" label="询问人" rules={[{ required: true, message: "请选择询问人" }]}>
          <Select style={{ width: 120 }} options={options} data-qa="field-asked" />
        </Form.Item>
        <Form.Item name="recordedBy" label="记录人" rules={[{ required: true, message: "请选择记录人" }]}>
          <Select style={{ width: 120 }} options={options} data-qa="field-recorded" />
        </Form.Item>
      </Space>
      <Form.Item name="content" label="询问内容" rules={[{ required: true, message: "请填写询问内容" }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Button htmlType="submit" loading={busy} data-qa="interview-submit">
        登记询问笔录
      </Button>
    </Form>
  );
}

function EvidenceForm({ file }: { file: CaseFile }) {
  const [form] = Form.useForm();
  const { busy, error, run } = useAction(file.id);
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={async (v) => {
        const upload = v.file?.[0]?.originFileObj as File | undefined;
        if (!upload) return;
        const ok = await run(
          async () =>
            violationsApi.evidence(file.id, {
              description: v.description,
              fileName: upload.name,
              contentBase64: await readBase64(upload),
              contentType: upload.type || undefined,
            }),
          "已上传证据",
          (e) => fieldError(form, e),
        );
        if (ok) form.resetFields();
      }}
    >
      {error ? <AntAlert type="error" showIcon message={error} /> : null}
      <Form.Item name="description" rules={[{ required: true, message: "请填写证据说明" }]}>
        <Input placeholder="证据说明" style={{ width: 220 }} />
      </Form.Item>
      <Form.Item
        name="file"
        valuePropName="fileList"
        getValueFromEvent={(e) => e?.fileList?.slice(-1)}
        rules={[{ required: true, message: "请选择文件" }]}
      >
        <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.jpg,.jpeg,.png">
          <Button>选择文件（PDF、JPEG、PNG）</Button>
        </Upload>
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        上传证据
      </Button>
    </Form>
  );
}

function DecisionCard({ file }: { file: CaseFile }) {
  const user = useCurrentUser();
  const [form] = Form.useForm();
  const { busy, error, run } = useAction(file.id);
  const measure = Form.useWatch("measure", form);
  const differs = measure && measure !== file.proposal.step;
  const canPropose = office.has(user.role) && ["investigating", "returned"].includes(file.stage);
  const canSign = user.role === "office_head" && file.stage === "proposed";
  const canReview = agencyRoles.has(user.role) && file.stage === "signed";
  const d = file.decision;
  return (
    <Card title="处置意见和审批" size="small" data-qa="decision">
      {error ? (
        <AntAlert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 8 }}
          data-qa="decision-error"
        />
      ) : null}
      {d.returnReasons ? (
        <AntAlert
          type="warning"
          showIcon
          message="社区矫正机构退回补充调查"
          description={d.returnReasons}
          style={{ marginBottom: 8 }}
          data-qa="return-reasons"
        />
      ) : null}
      {d.measure ? (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="处置措施">
            <span data-qa="decision-measure">{d.measureLabel}</span>
            {d.engineStep && d.engineStep !== d.measure ? (
              <Tag color="gold">与系统建议（{d.engineStepLabel}）不同</Tag>
            ) : null}
          </Descriptions.Item>
          {d.reason ? <Descriptions.Item label="理由">{d.reason}</Descriptions.Item> : null}
          <Descriptions.Item label="提出">
            {d.proposedBy?.name ?? "—"} {formatDateTime(d.proposedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="司法所负责人签署">
            {d.signedBy ? `${d.signedBy.name} ${formatDateTime(d.signedAt)}` : "待签署"}
          </Descriptions.Item>
          <Descriptions.Item label="社区矫正机构审批">
            {d.approvedBy ? `同意（${d.approvedBy.name} ${formatDateTime(d.approvedAt)}）` : "待审批"}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {canPropose ? (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ measure: file.proposal.step === "none" ? undefined : file.proposal.step }}
          onFinish={(v) =>
            run(
              () => violationsApi.propose(file.id, v),
              "已提出处置意见",
              (e) => fieldError(form, e),
            )
          }
        >
          <Form.Item name="measure" label="处置措施" rules={[{ required: true, message: "请选择处置措施" }]}>
            <Select options={MEASURES} style={{ width: 260 }} data-qa="field-measure" />
          </Form.Item>
          {differs ? (
            <Form.Item
              name="reason"
              label="与系统建议不同的理由"
              rules={[{ required: true, message: "请写明理由" }]}
            >
              <Input.TextArea rows={2} data-qa="field-reason" />
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" loading={busy} data-qa="propose">
            提出处置意见
          </Button>
        </Form>
      ) : null}
      {canSign ? (
        <Button
          type="primary"
          style={{ marginTop: 12 }}
          loading={busy}
          data-qa="sign"
          onClick={() => run(() => violationsApi.sign(file.id), "已签署")}
        >
          司法所负责人签署
        </Button>
      ) : null}
      {canReview ? <ReviewForm file={file} /> : null}
    </Card>
  );
}

function ReviewForm({ file }: { file: CaseFile }) {
  const [form] = Form.useForm();
  const { busy, error, run } = useAction(file.id);
  const decision = Form.useWatch("decision", form);
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 12 }}
      initialValues={{ decision: "approve" }}
      onFinish={(v) =>
        run(
          () => violationsApi.review(file.id, v),
          v.decision === "approve" ? "已审批同意" : "已退回",
          (e) => fieldError(form, e),
        )
      }
      data-qa="review-form"
    >
      {error ? <AntAlert type="error" showIcon message={error} style={{ marginBottom: 8 }} /> : null}
      <Form.Item name="decision" label="审批意见">
        <Radio.Group
          data-qa="field-decision"
          options={[
            { value: "approve", label: "同意" },
            { value: "return", label: "退回补充调查" },
          ]}
        />
      </Form.Item>
      {decision === "return" ? (
        <Form.Item name="reasons" label="退回理由" rules={[{ required: true, message: "请写明退回理由" }]}>
          <Input.TextArea rows={2} data-qa="field-reasons" />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={busy} data-qa="review-submit">
        提交审批意见
      </Button>
    </Form>
  );
}

function AfterCard({ file }: { file: CaseFile }) {
  const user = useCurrentUser();
  const [corrForm] = Form.useForm();
  const [courtForm] = Form.useForm();
  const { busy, error, run } = useAction(file.id);
  const courtMeasure = ["revocation_request", "imprisonment_request"].includes(file.decision.measure ?? "");
  const arrest = Form.useWatch("arrestRequested", courtForm);
  const c = file.court;
  return (
    <Card title="处置之后" size="small">
      {error ? <AntAlert type="error" showIcon message={error} style={{ marginBottom: 8 }} /> : null}
      <p>
        改正情况：
        <span data-qa="corrected">
          {file.corrected === null ? "尚未记录" : file.corrected ? "已改正" : "仍不改正"}
        </span>
        {file.correctedNote ? `（${file.correctedNote}）` : null}
      </p>
      {office.has(user.role) ? (
        <Form
          form={corrForm}
          layout="inline"
          onFinish={(v) =>
            run(
              () => violationsApi.corrected(file.id, v),
              "已记录改正情况",
              (e) => fieldError(corrForm, e),
            )
          }
        >
          <Form.Item name="corrected" rules={[{ required: true, message: "请选择" }]}>
            <Radio.Group
              options={[
                { value: true, label: "已改正" },
                { value: false, label: "仍不改正" },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" rules={[{ required: true, message: "请填写说明" }]}>
            <Input placeholder="改正情况说明" style={{ width: 260 }} />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            记录
          </Button>
        </Form>
      ) : null}
      {courtMeasure ? (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={5}>人民法院处理情况</Typography.Title>
          <ClockTags clocks={file.clocks} />
          {agencyRoles.has(user.role) ? (
            <Form
              form={courtForm}
              layout="vertical"
              style={{ marginTop: 8 }}
              initialValues={{
                requestedAt: c ? dayjs(c.requestedAt) : serverNow(),
                arrestRequested: c?.arrestRequested ?? false,
                arrestDecidedAt: c?.arrestDecidedAt ? dayjs(c.arrestDecidedAt) : null,
                detainedAt: c?.detainedAt ? dayjs(c.detainedAt) : null,
                ruledAt: c?.ruledAt ? dayjs(c.ruledAt) : null,
              }}
              onFinish={(v) =>
                run(
                  () =>
                    violationsApi.court(file.id, {
                      requestedAt: iso(v.requestedAt)!,
                      arrestRequested: v.arrestRequested,
                      arrestDecidedAt: iso(v.arrestDecidedAt),
                      detainedAt: iso(v.detainedAt),
                      ruledAt: iso(v.ruledAt),
                    }),
                  "已记录",
                  (e) => fieldError(courtForm, e),
                )
              }
            >
              <Space wrap>
                <Form.Item
                  name="requestedAt"
                  label="提请时间"
                  rules={[{ required: true, message: "请选择提请时间" }]}
                >
                  <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
                </Form.Item>
                <Form.Item name="arrestRequested" valuePropName="checked" label=" ">
                  <Checkbox>同时提请逮捕</Checkbox>
                </Form.Item>
                {arrest ? (
                  <>
                    <Form.Item name="arrestDecidedAt" label="逮捕决定时间">
                      <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
                    </Form.Item>
                    <Form.Item name="detainedAt" label="羁押开始时间">
                      <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
                    </Form.Item>
                  </>
                ) : null}
                <Form.Item name="ruledAt" label="裁定（决定）时间">
                  <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
                </Form.Item>
              </Space>
              <Button htmlType="submit" loading={busy}>
                保存
              </Button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

const reviewStatus: Record<string, { color: string; label: string }> = {
  open: { color: "blue", label: "待完成" },
  overdue: { color: "red", label: "已逾期" },
  done: { color: "green", label: "已完成" },
};

function ReviewPartForm({ file, reviewId, part }: { file: CaseFile; reviewId: string; part: string }) {
  const [form] = Form.useForm();
  const { busy, error, run } = useAction(file.id);
  return (
    <Form
      form={form}
      layout="inline"
      style={{ marginTop: 8 }}
      onFinish={(v) =>
        run(
          () => violationsApi.caseReview(file.id, { reviewId, text: v.text }),
          "已保存复盘意见",
          (e) => fieldError(form, e),
        )
      }
    >
      {error ? <AntAlert type="error" showIcon message={error} /> : null}
      <Form.Item name="text" rules={[{ required: true, message: "请填写复盘意见" }]}>
        <Input.TextArea
          rows={2}
          style={{ width: 480 }}
          placeholder={part === "agency" ? "社区矫正机构复盘意见" : "司法所复盘意见"}
        />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        保存
      </Button>
    </Form>
  );
}

/** 一案一复盘: each review with its due day; the office and the agency each write their part. */
function CaseReviewCard({ file }: { file: CaseFile }) {
  const user = useCurrentUser();
  const part = agencyRoles.has(user.role) ? "agency" : office.has(user.role) ? "office" : null;
  if (file.reviews.length === 0) return null;
  return (
    <Card
      title="一案一复盘"
      size="small"
      data-qa="case-review"
      extra={<a href={violationsApi.documentUrl(file.id, "case_review")}>下载复盘（Word）</a>}
    >
      {file.reviews.map((r) => (
        <div key={r.id} style={{ marginBottom: 12 }}>
          <p>
            <Tag color={reviewStatus[r.status]?.color}>{reviewStatus[r.status]?.label}</Tag>
            复盘事由：{r.triggerLabel}（{formatDateTime(r.eventAt)}），应于 {r.dueDate} 前完成；依据：
            {r.basisText}
          </p>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="司法所意见">
              {r.officeText ? `${r.officeText}（${r.officeBy?.name ?? ""}）` : "未填写"}
            </Descriptions.Item>
            <Descriptions.Item label="社区矫正机构意见">
              {r.agencyText ? `${r.agencyText}（${r.agencyBy?.name ?? ""}）` : "未填写"}
            </Descriptions.Item>
          </Descriptions>
          {part ? <ReviewPartForm file={file} reviewId={r.id} part={part} /> : null}
        </div>
      ))}
    </Card>
  );
}

export default function ViolationCasePage() {
  const { caseId = "" } = useParams();
  const user = useCurrentUser();
  const file = useQuery({ queryKey: ["violation", caseId], queryFn: () => violationsApi.get(caseId) });
  usePageTitle(file.data ? `违规处置 · ${file.data.subject.name}` : "违规处置");
  if (file.isError) return <ApiErrorView error={file.error} />;
  if (!file.data) return <Card loading />;
  const f = file.data;
  const investigating = ["investigating", "returned"].includes(f.stage);
  const canInvestigate = investigating && (office.has(user.role) || agencyRoles.has(user.role));
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-qa="case-file" data-stage={f.stage}>
      <Card
        title={
          <>
            <Link to="/violations">违规处置</Link> /{" "}
            <Link to={`/subjects/${encodeURIComponent(f.subject.id)}`}>{f.subject.name}</Link>：{f.kindLabel}
          </>
        }
        extra={
          <Tag color={stageColour[f.stage]} data-qa="case-stage">
            {f.stageLabel}
          </Tag>
        }
      >
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="司法所">{f.office.name}</Descriptions.Item>
          <Descriptions.Item label="矫正类别">{f.subject.correctionTypeLabel}</Descriptions.Item>
          <Descriptions.Item label="来源">
            {f.sourceLabel}
            {f.alertId ? `（预警 ${f.alertId}）` : ""}
          </Descriptions.Item>
          <Descriptions.Item label="发生时间">{formatDateTime(f.occurredAt)}</Descriptions.Item>
          <Descriptions.Item label="情节 / 天数">
            {f.severityLabel ?? (f.days ? `${f.days} 日` : "—")}
          </Descriptions.Item>
          <Descriptions.Item label="调查人员">
            <span data-qa="investigators">
              {f.investigators.map((i) => `${i.name}（${i.roleLabel}）`).join("、")}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="违规事实" span={2}>
            <span data-qa="facts" style={{ whiteSpace: "pre-wrap" }}>
              {f.facts}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title="系统处置建议（依据处置阶梯）" size="small" data-qa="proposal" data-step={f.proposal.step}>
        <p>
          建议：<Typography.Text strong>{f.proposal.stepLabel}</Typography.Text>
        </p>
        {f.proposal.grounds.length ? (
          <ul>
            {f.proposal.grounds.map((g) => (
              <li key={g.ground}>{g.label}</li>
            ))}
          </ul>
        ) : null}
        {f.proposal.because.length ? <p>计入：{f.proposal.because.map((b) => b.label).join("、")}</p> : null}
        {f.proposal.basisText ? (
          <Typography.Text type="secondary">依据：{f.proposal.basisText}</Typography.Text>
        ) : null}
        {f.decision.engineStepLabel ? (
          <p style={{ marginTop: 8 }} data-qa="proposal-at-decision">
            提出处置意见时的系统建议：{f.decision.engineStepLabel}
            {f.decision.engineGrounds.length
              ? `（${f.decision.engineGrounds.map((g) => g.label).join("；")}）`
              : ""}
            {f.decision.engineBasisText ? `，依据：${f.decision.engineBasisText}` : ""}
          </p>
        ) : null}
      </Card>

      <Card title="询问笔录" size="small">
        <List
          dataSource={f.interviews}
          locale={{ emptyText: "尚无询问笔录" }}
          renderItem={(i) => (
            <List.Item data-qa="interview">
              <List.Item.Meta
                title={`${formatDateTime(i.at)} ${i.place}：询问${i.interviewee}（询问人 ${i.askedBy?.name ?? ""}，记录人 ${i.recordedBy?.name ?? ""}）`}
                description={<span style={{ whiteSpace: "pre-wrap" }}>{i.content}</span>}
              />
            </List.Item>
          )}
        />
        {canInvestigate ? <InterviewForm file={f} /> : null}
      </Card>

      <Card title="证据材料" size="small">
        <List
          dataSource={f.evidence}
          locale={{ emptyText: "尚无证据材料" }}
          renderItem={(e) => (
            <List.Item>
              <a href={violationsApi.evidenceUrl(f.id, e.id)} target="_blank" rel="noreferrer">
                {e.description}（{e.fileName}）
              </a>
            </List.Item>
          )}
        />
        {canInvestigate ? <EvidenceForm file={f} /> : null}
      </Card>

      <DecisionCard file={f} />
      {f.stage === "approved" ? <AfterCard file={f} /> : null}

      <CaseReviewCard file={f} />

      {f.decision.measure ? (
        <Card title="处置文书（Word）" size="small">
          <Space>
            <a href={violationsApi.documentUrl(f.id, "decision")} data-qa="doc-decision">
              下载处置文书
            </a>
            <a href={violationsApi.documentUrl(f.id, "notice")} data-qa="doc-notice">
              下载告知书
            </a>
          </Space>
        </Card>
      ) : null}

      <Card title="办理过程" size="small">
        <Timeline
          items={f.steps.map((s) => ({
            children: `${formatDateTime(s.at)} ${s.label}${s.by ? `（${s.by.name}）` : ""}${s.note ? `：${s.note}` : ""}`,
          }))}
        />
      </Card>
    </Space>
  );
}
