// 后续照管: persons of the rehab centres' monthly notices registered with the township's office, their
// monthly phone and quarterly face-to-face follow-ups (a click from 今日工作 opens the form here), the
// care and abstinence-maintenance rates, success cases, and the ledger in Excel.
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, DatePicker, Flex, Form, Input, Radio, Space, Table, Tag } from "antd";
import { useEffect } from "react";
import type { AftercareView } from "../../../../../src/features/aftercare/service.ts";
import type { Indicator } from "../../../../../src/features/care/rate.ts";
import { aftercareContactKindLabel } from "../../../../../src/glossary.ts";
import { request } from "../../api.ts";
import { ApiErrorView } from "../../components/StatusPages.tsx";
import { usePageTitle } from "../../usePageTitle.ts";
import {
  day,
  FormModal,
  IndicatorCards,
  OfficeField,
  PersonFields,
  personValues,
  useCarePage,
  useCareSave,
} from "./common.tsx";

type Item = AftercareView;

type Dialog =
  | { kind: "notice" }
  | { kind: "contact"; contact: "phone" | "visit"; item: Item }
  | { kind: "success"; item: Item };

export default function AftercarePage() {
  usePageTitle("后续照管");
  const { canWrite, params, setParams, dialog, setDialog, form, offices } = useCarePage<Dialog>();
  const list = useQuery({
    queryKey: ["aftercare"],
    queryFn: () => request<{ items: Item[] }>("GET", "/api/aftercare"),
  });
  const ind = useQuery({
    queryKey: ["aftercare", "indicators"],
    queryFn: () =>
      request<{ from: string; asOf: string; indicators: Indicator[] }>("GET", "/api/aftercare/indicators"),
  });
  // From 今日工作: ?id=…&record=phone|visit opens that follow-up's form at once.
  useEffect(() => {
    const id = params.get("id");
    const record = params.get("record");
    const item = list.data?.items.find((i) => i.id === id);
    if (item && canWrite && (record === "phone" || record === "visit")) {
      setDialog({ kind: "contact", contact: record, item });
      setParams({}, { replace: true });
    }
  }, [params, list.data, canWrite, setParams, setDialog]);
  const save = useCareSave(
    form,
    "aftercare",
    () => setDialog(null),
    (v: Record<string, unknown>) => {
      if (!dialog) throw new Error("没有打开的表单");
      if (dialog.kind === "notice")
        return request("POST", "/api/aftercare", {
          ...personValues(v),
          officeId: v.officeId ?? null,
          rehabCentre: v.rehabCentre,
          noticeMonth: (v.noticeMonth as { format: (f: string) => string }).format("YYYY-MM"),
          releasedOn: day(v.on as never),
          keyPerson: v.keyPerson === true,
        });
      if (dialog.kind === "success")
        return request("POST", `/api/aftercare/${dialog.item.id}/success`, { note: v.note });
      return request("POST", `/api/aftercare/${dialog.item.id}/contacts`, {
        kind: dialog.contact,
        onDate: day(v.on as never),
        abstinent: v.abstinent === true,
        content: v.content,
        help: v.help || null,
      });
    },
  );
  if (list.isError) return <ApiErrorView error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={`后续照管指标（${ind.data?.from ?? ""}至${ind.data?.asOf ?? ""}）`}
        extra={
          <Button icon={<DownloadOutlined />} href="/api/aftercare/export" data-qa="aftercare-export">
            导出台账
          </Button>
        }
      >
        <IndicatorCards items={ind.data?.indicators ?? []} />
      </Card>
      {canWrite ? (
        <Flex justify="flex-end">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: "notice" })}
            data-qa="aftercare-new"
          >
            登记照管对象
          </Button>
        </Flex>
      ) : null}
      <Table
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-qa="aftercare-list"
        expandable={{
          expandedRowRender: (item) => (
            <Card size="small">
              {item.successCase ? <p>成功戒毒典型：{item.successNote}</p> : null}
              {item.contacts.map((c) => (
                <div key={c.id}>
                  {c.onDate} {aftercareContactKindLabel[c.kind]}：{c.content}
                  {c.help ? `；帮扶：${c.help}` : ""}（{c.abstinent ? "保持操守" : "未保持操守"}，{c.by}）
                </div>
              ))}
            </Card>
          ),
        }}
        columns={[
          { title: "姓名", render: (_, i) => i.person.name },
          { title: "司法所", render: (_, i) => i.office?.name ?? "待分配" },
          { title: "戒毒所", dataIndex: "rehabCentre" },
          { title: "解除戒毒", dataIndex: "releasedOn" },
          { title: "最近回访", render: (_, i) => i.lastContactOn ?? "—" },
          {
            title: "操守",
            render: (_, i) =>
              i.abstinent === null ? (
                "—"
              ) : (
                <Tag color={i.abstinent ? "green" : "red"}>{i.abstinent ? "保持" : "未保持"}</Tag>
              ),
          },
          {
            title: "",
            render: (_, i) =>
              canWrite ? (
                <Space wrap>
                  <Button
                    size="small"
                    onClick={() => setDialog({ kind: "contact", contact: "phone", item: i })}
                    data-qa="aftercare-phone"
                  >
                    电话回访
                  </Button>
                  <Button
                    size="small"
                    onClick={() => setDialog({ kind: "contact", contact: "visit", item: i })}
                    data-qa="aftercare-visit"
                  >
                    见面回访
                  </Button>
                  {i.successCase ? (
                    <Tag color="gold">成功戒毒典型</Tag>
                  ) : (
                    <Button size="small" onClick={() => setDialog({ kind: "success", item: i })}>
                      确立典型
                    </Button>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      {dialog ? (
        <FormModal
          open
          title={
            dialog.kind === "notice"
              ? "登记后续照管对象"
              : dialog.kind === "success"
                ? "确立成功戒毒典型"
                : `${aftercareContactKindLabel[dialog.contact]}（${dialog.item.person.name}）`
          }
          form={form}
          onClose={() => setDialog(null)}
          onFinish={(v) => save.mutate(v)}
          saving={save.isPending}
          qa="aftercare-form"
          initialValues={{ keyPerson: false, abstinent: true }}
        >
          {dialog.kind === "notice" ? (
            <>
              <PersonFields />
              <Flex wrap gap={12}>
                <Form.Item
                  name="rehabCentre"
                  label="戒毒所"
                  rules={[{ required: true, message: "请填写戒毒所" }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item
                  name="noticeMonth"
                  label="通知月份"
                  rules={[{ required: true, message: "请选择月份" }]}
                >
                  <DatePicker picker="month" />
                </Form.Item>
                <Form.Item
                  name="on"
                  label="解除强制隔离戒毒日期"
                  rules={[{ required: true, message: "请选择日期" }]}
                >
                  <DatePicker />
                </Form.Item>
                <Form.Item name="keyPerson" label="重点人员">
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
          ) : null}
          {dialog.kind === "contact" ? (
            <>
              <Form.Item name="on" label="回访日期" rules={[{ required: true, message: "请选择日期" }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="abstinent" label="是否保持操守">
                <Radio.Group
                  options={[
                    { value: true, label: "保持" },
                    { value: false, label: "未保持" },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="content"
                label="回访情况"
                rules={[{ required: true, message: "请填写回访情况" }]}
              >
                <Input.TextArea rows={3} maxLength={2000} data-qa="contact-content" />
              </Form.Item>
              <Form.Item name="help" label="帮扶情况">
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          ) : null}
          {dialog.kind === "success" ? (
            <Form.Item name="note" label="典型事迹" rules={[{ required: true, message: "请填写典型事迹" }]}>
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
          ) : null}
        </FormModal>
      ) : null}
    </Flex>
  );
}
