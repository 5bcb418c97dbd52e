// 后续照管: persons of the rehab centres' monthly notices registered with the township's office, their
// monthly phone and quarterly face-to-face follow-ups (a click from 今日工作 opens the form here), the
// care and abstinence-maintenance rates, success cases, and the ledger in Excel.
import { useQuery } from "@tanstack/react-query";
import { Button, Card, DatePicker, Form, Input, Space, Tag } from "antd";
import { useEffect } from "react";
import type { AftercareView } from "../../../../../src/features/aftercare/service.ts";
import type { Indicator } from "../../../../../src/features/care/rate.ts";
import { aftercareContactKindLabel } from "../../../../../src/glossary.ts";
import { request } from "../../api.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { CareFrame, DateField, IndicatorPanel, TextField, YesNoField } from "./CareFrame.tsx";
import { day, NoticeFields, type Offices, personValues, useCarePage } from "./common.tsx";
import { KnownPerson } from "./KnownPerson.tsx";

type Item = AftercareView;

type Dialog =
  | { kind: "notice" }
  | { kind: "contact"; contact: "phone" | "visit"; item: Item }
  | { kind: "success"; item: Item };

export default function AftercarePage() {
  usePageTitle("后续照管");
  const page = useCarePage<Dialog>("aftercare", (dialog, v) => {
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
  });
  const { canWrite, params, setParams, setDialog, offices } = page;
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
  return (
    <CareFrame
      head={
        <IndicatorPanel
          name="后续照管"
          data={ind.data}
          exportHref="/api/aftercare/export"
          exportQa="aftercare-export"
        />
      }
      create={
        canWrite
          ? { label: "登记照管对象", qa: "aftercare-new", onClick: () => setDialog({ kind: "notice" }) }
          : null
      }
      list={list}
      qa="aftercare-list"
      detail={(item) => (
        <Card size="small">
          <KnownPerson links={item.known} />
          {item.successCase ? <p>成功戒毒典型：{item.successNote}</p> : null}
          {item.contacts.map((c) => (
            <div key={c.id}>
              {c.onDate} {aftercareContactKindLabel[c.kind]}：{c.content}
              {c.help ? `；帮扶：${c.help}` : ""}（{c.abstinent ? "保持操守" : "未保持操守"}，{c.by}）
            </div>
          ))}
        </Card>
      )}
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
                {(["phone", "visit"] as const).map((contact) => (
                  <Button
                    key={contact}
                    size="small"
                    onClick={() => setDialog({ kind: "contact", contact, item: i })}
                    data-qa={`aftercare-${contact}`}
                  >
                    {aftercareContactKindLabel[contact]}
                  </Button>
                ))}
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
      page={page}
      dialog={(dialog) => ({
        title:
          dialog.kind === "notice"
            ? "登记后续照管对象"
            : dialog.kind === "success"
              ? "确立成功戒毒典型"
              : `${aftercareContactKindLabel[dialog.contact]}（${dialog.item.person.name}）`,
        qa: "aftercare-form",
        initialValues: { keyPerson: false, abstinent: true },
        fields: <Fields dialog={dialog} offices={offices} />,
      })}
    />
  );
}

/** The fields of the open form: a new person, a follow-up, or a success case. */
function Fields({ dialog, offices }: { dialog: Dialog; offices: Offices }) {
  if (dialog.kind === "notice")
    return (
      <NoticeFields offices={offices}>
        <TextField name="rehabCentre" label="戒毒所" max={100} />
        <Form.Item name="noticeMonth" label="通知月份" rules={[{ required: true, message: "请选择月份" }]}>
          <DatePicker picker="month" />
        </Form.Item>
        <DateField label="解除强制隔离戒毒日期" />
        <YesNoField name="keyPerson" label="重点人员" />
      </NoticeFields>
    );
  if (dialog.kind === "contact")
    return (
      <>
        <DateField label="回访日期" />
        <YesNoField name="abstinent" label="是否保持操守" yes="保持" no="未保持" />
        <TextField name="content" label="回访情况" max={2000} rows={3} qa="contact-content" />
        <Form.Item name="help" label="帮扶情况">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    );
  return <TextField name="note" label="典型事迹" max={4000} rows={4} />;
}
