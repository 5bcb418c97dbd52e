// One handover: the documents' facts and the statutory clock, the documents themselves (upload, view),
// and registration — identity checked against the documents, the book numbered, the case transferred
// to the office of the place of execution.
import { UploadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from "antd";
import { useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { basisText, documentKindLabel, levelLabel } from "../../../../../src/glossary.ts";
import { api } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";
import { type DocumentInfo, type Handover, intakeApi } from "../book/client.ts";
import { showFieldError } from "../book/formErrors.ts";
import { ClockTag } from "./IntakeListPage.tsx";

const MAX_BYTES = 20 * 1024 * 1024;

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(new Error("无法读取该文件"));
    reader.readAsDataURL(file);
  });
}

export default function HandoverPage() {
  const { handoverId = "" } = useParams();
  const handover = useQuery({
    queryKey: ["handover", handoverId],
    queryFn: () => intakeApi.handover(handoverId),
  });
  usePageTitle("交付材料");
  if (handover.isPending) return <PageLoading />;
  if (handover.isError) return <ApiErrorView error={handover.error} onRetry={() => handover.refetch()} />;
  return <HandoverView handover={handover.data} />;
}

function HandoverView({ handover }: { handover: Handover & { documents: DocumentInfo[] } }) {
  const user = useCurrentUser();
  const canWrite = user.role === "agency_head" || user.role === "agency_staff";
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap>
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }} data-qa="handover-name">
              {handover.personName}
            </Typography.Title>
            <ClockTag clock={handover.clock} />
          </Space>
          <Link to="/intake">
            <Button>返回列表</Button>
          </Link>
        </Flex>
      </Card>
      <Card size="small" title="法律文书信息">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: "organ", label: "决定机关", children: handover.decidingOrgan },
            { key: "no", label: "判决书文号", children: handover.judgmentNumber },
            { key: "date", label: "判决日期", children: handover.judgmentDate ?? "—" },
            { key: "eff", label: "判决生效日期", children: handover.judgmentEffectiveDate },
            { key: "notice", label: "执行通知书文号", children: handover.noticeNumber ?? "—" },
            { key: "recv", label: "收到法律文书日期", children: handover.receivedOn },
            { key: "type", label: "矫正类别", children: handover.correctionTypeLabel },
            { key: "term", label: "矫正期限", children: `${handover.termStart} ~ ${handover.termEnd}` },
            {
              key: "crime",
              label: "罪名",
              children: `${handover.crimeText}（${handover.crimeCategories.map((c) => c.label).join("、")}）`,
            },
            {
              key: "id",
              label: "身份证号",
              children: <span className="mono">{handover.idNumberMasked}</span>,
            },
            { key: "office", label: "执行地司法所", children: handover.proposedOffice?.name ?? "—" },
            {
              key: "clock",
              label: "报到期限",
              children: (
                <span>
                  {handover.clock.reportBy}（依据：{basisText(handover.clock.basis)}）
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Documents handover={handover} canWrite={canWrite} />
      {handover.status === "registered" ? (
        <Result
          status="success"
          title={`已办理入矫登记，工作记录本编号 ${handover.bookNumber}`}
          subTitle={`登记时间：${formatDateTime(handover.registeredAt)}`}
          extra={
            handover.subjectId ? (
              <Link to={`/book/${handover.subjectId}`} data-qa="open-book">
                <Button type="primary">打开工作记录本</Button>
              </Link>
            ) : null
          }
        />
      ) : canWrite ? (
        <Register handover={handover} />
      ) : null}
    </Flex>
  );
}

function Documents({
  handover,
  canWrite,
}: {
  handover: Handover & { documents: DocumentInfo[] };
  canWrite: boolean;
}) {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState("judgment");
  const [busy, setBusy] = useState(false);

  async function upload(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      message.error(`文件过大（${(file.size / 1048576).toFixed(1)} MB），单个文件不能超过 20 MB`);
      return;
    }
    setBusy(true);
    try {
      await intakeApi.upload(handover.id, {
        kind,
        fileName: file.name,
        contentType: file.type || undefined,
        contentBase64: await readBase64(file),
      });
      message.success(`已上传：${file.name}`);
      await client.invalidateQueries({ queryKey: ["handover", handover.id] });
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <Card
      size="small"
      title="法律文书（PDF、JPEG、PNG，单个不超过 20 MB）"
      extra={
        canWrite ? (
          <Space>
            <Select
              size="small"
              value={kind}
              onChange={setKind}
              style={{ width: 200 }}
              data-qa="document-kind"
              options={Object.entries(documentKindLabel).map(([value, label]) => ({ value, label }))}
            />
            <Button
              size="small"
              icon={<UploadOutlined />}
              loading={busy}
              onClick={() => input.current?.click()}
            >
              上传文书
            </Button>
            <input
              ref={input}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              style={{ display: "none" }}
              data-qa="document-file"
              onChange={(e) => upload(e.target.files?.[0])}
            />
          </Space>
        ) : null
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        data-qa="document-table"
        dataSource={handover.documents}
        locale={{ emptyText: "尚未上传文书" }}
        columns={[
          { title: "种类", dataIndex: "kindLabel" },
          {
            title: "文件",
            dataIndex: "fileName",
            render: (name: string, doc) => (
              <a href={`/api/handovers/${handover.id}/documents/${doc.id}`} target="_blank" rel="noreferrer">
                {name}
              </a>
            ),
          },
          { title: "大小", dataIndex: "sizeBytes", render: (n: number) => `${(n / 1024).toFixed(1)} KB` },
          {
            title: "SHA-256",
            dataIndex: "sha256",
            render: (s: string) => <span className="mono">{s.slice(0, 16)}…</span>,
          },
          { title: "上传人", dataIndex: "uploadedBy" },
          { title: "上传时间", dataIndex: "uploadedAt", render: (t: string) => formatDateTime(t) },
        ]}
      />
    </Card>
  );
}

function Register({ handover }: { handover: Handover }) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const places = useQuery({ queryKey: ["places"], queryFn: api.places, staleTime: 10 * 60_000 });
  const officeId = Form.useWatch("officeId", form) as string | undefined;
  const villages = places.data?.offices.find((o) => o.id === officeId)?.villages ?? [];
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    setProblem(null);
    try {
      const result = await intakeApi.register(handover.id, {
        name: v.name,
        idNumber: v.idNumber,
        birthDate: v.birthDate?.format("YYYY-MM-DD"),
        gender: v.gender,
        ethnicity: v.ethnicity || undefined,
        officeId: v.officeId,
        villageId: v.villageId || null,
        intakeDate: v.intakeDate?.format("YYYY-MM-DD"),
        phone: v.phone || null,
        address: v.address || null,
        level: v.level,
      });
      message.success(
        `登记完成，工作记录本编号 ${result.bookNumber}，已移交${result.office.name}；拟定${levelLabel[result.proposedLevel]}，待司法所决定`,
      );
      await client.invalidateQueries({ queryKey: ["handover", handover.id] });
      await client.invalidateQueries({ queryKey: ["handovers"] });
    } catch (error) {
      if (!showFieldError(form, error)) setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title="入矫登记（核实身份、统一编号、移交司法所）" data-qa="register-card">
      {problem ? (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-qa="register-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        data-qa="register-form"
        initialValues={{
          officeId: handover.proposedOffice?.id,
          intakeDate: serverNow(),
          level: "normal",
          ethnicity: "汉族",
        }}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="name"
              label="姓名（与法律文书核对）"
              rules={[{ required: true, message: "请填写姓名" }]}
            >
              <Input data-qa="r-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="idNumber"
              label="身份证号"
              rules={[{ required: true, message: "请填写身份证号" }]}
            >
              <Input data-qa="r-idNumber" className="mono" maxLength={18} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="birthDate"
              label="出生日期"
              rules={[{ required: true, message: "请选择出生日期" }]}
            >
              <DatePicker data-qa="r-birthDate" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="gender" label="性别" rules={[{ required: true, message: "请选择性别" }]}>
              <Select
                data-qa="r-gender"
                options={[
                  { value: "male", label: "男" },
                  { value: "female", label: "女" },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="ethnicity" label="民族">
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="officeId"
              label="执行地司法所"
              rules={[{ required: true, message: "请选择执行地司法所" }]}
            >
              <Select
                data-qa="r-officeId"
                options={(places.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))}
                onChange={() => form.setFieldValue("villageId", undefined)}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="villageId" label="村（社区）">
              <Select allowClear options={villages.map((v) => ({ value: v.id, label: v.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="intakeDate"
              label="入矫日期"
              rules={[{ required: true, message: "请选择入矫日期" }]}
            >
              <DatePicker data-qa="r-intakeDate" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label="联系电话">
              <Input data-qa="r-phone" maxLength={11} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="level" label="拟定管理等级" extra="由执行地司法所负责人决定">
              <Select
                options={(["normal", "strict", "key"] as const).map((l) => ({
                  value: l,
                  label: levelLabel[l],
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label="居住地址">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" loading={busy} onClick={submit} data-qa="register-submit">
          登记并统一编号
        </Button>
      </Form>
    </Card>
  );
}
