// The form of a new handover: the deciding organ, the document numbers and dates, the correction
// type, the term and the crimes (in the rules engine's categories), the person's name and ID number.
import { useQuery } from "@tanstack/react-query";
import { App as AntApp, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { correctionTypeLabel, crimeCategoryLabel } from "../../../../../src/glossary.ts";
import { api } from "../../api.ts";
import { type Handover, intakeApi } from "../book/client.ts";
import { showFieldError } from "../book/formErrors.ts";

const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : undefined);

export function HandoverForm({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (h: Handover) => void;
}) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const places = useQuery({ queryKey: ["places"], queryFn: api.places, staleTime: 10 * 60_000 });

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const created = await intakeApi.createHandover({
        decidingOrgan: v.decidingOrgan,
        judgmentNumber: v.judgmentNumber,
        judgmentDate: day(v.judgmentDate) ?? null,
        judgmentEffectiveDate: day(v.judgmentEffectiveDate),
        noticeNumber: v.noticeNumber || null,
        receivedOn: day(v.receivedOn),
        correctionType: v.correctionType,
        termStart: day(v.term?.[0]),
        termEnd: day(v.term?.[1]),
        sentenceText: v.sentenceText || null,
        crimeText: v.crimeText,
        crimeCategories: v.crimeCategories ?? [],
        personName: v.personName,
        personIdNumber: v.personIdNumber,
        proposedOfficeId: v.proposedOfficeId || null,
        notes: v.notes || null,
      });
      message.success("交付材料已登记");
      form.resetFields();
      onCreated(created);
    } catch (error) {
      const field = (error as { field?: string }).field;
      if (field === "termStart" || field === "termEnd")
        form.setFields([{ name: "term", errors: [(error as Error).message] }]);
      else if (!showFieldError(form, error)) message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const required = (label: string) => [{ required: true, message: `请填写${label}` }];
  return (
    <Drawer
      title="登记交付材料"
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={submit} data-qa="handover-submit">
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" data-qa="handover-form">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="personName" label="姓名" rules={required("姓名")}>
              <Input data-qa="f-personName" maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="personIdNumber" label="身份证号" rules={required("身份证号")}>
              <Input data-qa="f-personIdNumber" maxLength={18} className="mono" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="decidingOrgan" label="决定机关" rules={required("决定机关")}>
              <Input data-qa="f-decidingOrgan" placeholder="如：青禾县人民法院" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="judgmentNumber" label="判决书（裁定书、决定书）文号" rules={required("文号")}>
              <Input data-qa="f-judgmentNumber" placeholder="如：（2026）青刑初123号" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="judgmentDate" label="判决日期">
              <DatePicker data-qa="f-judgmentDate" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="judgmentEffectiveDate" label="判决生效日期" rules={required("判决生效日期")}>
              <DatePicker data-qa="f-judgmentEffectiveDate" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="receivedOn" label="收到法律文书日期" rules={required("收到日期")}>
              <DatePicker data-qa="f-receivedOn" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="noticeNumber" label="执行通知书文号">
              <Input data-qa="f-noticeNumber" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="correctionType"
              label="矫正类别"
              rules={[{ required: true, message: "请选择矫正类别" }]}
            >
              <Select
                data-qa="f-correctionType"
                options={Object.entries(correctionTypeLabel).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="term"
              label="矫正期限（起止日期）"
              rules={[{ required: true, message: "请选择矫正期限" }]}
            >
              <DatePicker.RangePicker data-qa="f-term" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="proposedOfficeId" label="执行地司法所">
              <Select
                data-qa="f-proposedOfficeId"
                allowClear
                options={(places.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="crimeText" label="罪名" rules={required("罪名")}>
              <Input data-qa="f-crimeText" placeholder="如：危险驾驶罪" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="crimeCategories"
              label="罪名类别（规则引擎分类）"
              rules={[{ required: true, message: "请至少选择一个罪名类别" }]}
            >
              <Select
                data-qa="f-crimeCategories"
                mode="multiple"
                options={Object.entries(crimeCategoryLabel).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="sentenceText" label="判决内容">
              <Input.TextArea
                data-qa="f-sentenceText"
                rows={2}
                placeholder="如：判处拘役三个月，缓刑四个月"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
