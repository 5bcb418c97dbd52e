// Request and response shapes of the exchange API, with the Chinese messages a partner's developer or
// a worker sees.
import { z } from "zod";
import { exchangeScopeLabel, partnerKindLabel } from "../../glossary.ts";
import { dateField, instantField, monthField, optionalText, text } from "../../http/fields.ts";
import { personFields } from "../care/person.ts";
import { clockView, handoverBody, uploadBody } from "../intake/schemas.ts";
import { COURT_NOTICE_KINDS } from "./court-notices.ts";
import { DISCLOSURE_PURPOSES } from "./persons.ts";
import { EXCHANGE_SCOPES, PARTNER_KINDS, SCOPE_PARTNER_KINDS, WEBHOOK_EVENTS } from "./tables.ts";

/** At most this many documents in one handover call. */
export const MAX_HANDOVER_DOCUMENTS = 10;

export const partnerBody = z
  .object({
    kind: z.enum(PARTNER_KINDS, { error: "请选择单位类别（法院、检察院、公安派出所、监狱、戒毒所）" }),
    name: text("单位名称", 100),
    scopes: z
      .array(z.enum(EXCHANGE_SCOPES, { error: "信息交换种类不正确" }), { error: "请选择允许的信息交换种类" })
      .min(1, "请至少选择一种信息交换"),
  })
  .superRefine((body, ctx) => {
    for (const scope of body.scopes) {
      const kinds = SCOPE_PARTNER_KINDS[scope];
      if (kinds && !kinds.includes(body.kind))
        ctx.addIssue({
          code: "custom",
          path: ["scopes"],
          message: `“${exchangeScopeLabel[scope]}”只能由${kinds.map((k) => partnerKindLabel[k]).join("、")}使用`,
        });
    }
  });

export const partnerView = z.object({
  id: z.string(),
  kind: z.enum(PARTNER_KINDS),
  kindLabel: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(EXCHANGE_SCOPES)),
  scopeLabels: z.array(z.string()),
  keyId: z.string().nullable(),
  keyCreatedAt: z.string().nullable(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});

export const newKeyView = z.object({ keyId: z.string(), secret: z.string(), createdAt: z.string() });

export const deliveryView = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  event: z.enum(WEBHOOK_EVENTS),
  eventLabel: z.string(),
  url: z.string(),
  status: z.enum(["pending", "delivered", "dead"]),
  statusLabel: z.string(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});

export const callView = z.object({
  at: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number(),
});

export const webhookBody = z.object({
  url: z
    .string({ error: "请填写接收推送的地址 url" })
    .max(500, "地址不能超过 500 个字符")
    .url("地址应为 http 或 https 网址")
    .refine((u) => /^https?:\/\//.test(u), "地址应为 http 或 https 网址"),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: "推送事件种类不正确" }), { error: "请选择要订阅的事件" })
    .min(1, "请至少订阅一种事件"),
});

export const webhookView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});

export const exchangeHandoverBody = handoverBody.extend({
  documents: z
    .array(uploadBody, { error: "documents 应为法律文书的数组" })
    .max(MAX_HANDOVER_DOCUMENTS, `一次最多 ${MAX_HANDOVER_DOCUMENTS} 份法律文书`)
    .default([]),
});

export const exchangeHandoverResult = z.object({
  ref: z.string(),
  status: z.enum(["pending", "registered"]),
  documents: z.number(),
  clock: clockView,
});

export const courtNoticeBody = z.object({
  caseId: text("违规处置案件编号 caseId", 64),
  kind: z.enum(COURT_NOTICE_KINDS, { error: "通知种类应为 arrest_decision、detention 或 ruling" }),
  at: instantField(),
  documentNumber: z.string().max(100).optional(),
});

export const personsQuery = z.object({
  purpose: z
    .enum(DISCLOSURE_PURPOSES, { error: "查询目的应为 case_handling 或 sentence_execution" })
    .optional(),
});

export const personView = z.object({
  ref: z.string(),
  judgmentNumber: z.string(),
  name: z.string(),
  idNumber: z.string(),
  isMinor: z.boolean(),
  masked: z.boolean(),
  status: z.enum(["pending", "in_correction", "released", "terminated", "transferred_out"]),
  officeName: z.string().nullable(),
  registeredAt: z.string().nullable(),
  endKind: z.string().nullable(),
  endDate: z.string().nullable(),
});

/** The division code of the person's residence (户籍地或居住地): 6, 9 or 12 digits. */
const divisionCode = z
  .string({ error: "请填写户籍地（居住地）的行政区划代码 divisionCode" })
  .trim()
  .regex(/^\d{6}(\d{3}){0,2}$/, "区划代码应为 6 位（县）、9 位（乡镇街道）或 12 位（村居）数字")
  .describe("户籍地（居住地）行政区划代码：县 6 位、乡镇（街道）9 位或村（居）12 位；据此确定负责的司法所");

/** A prison's pre-release notice (预释放人员通知): the person, the offence, the release, where they go. */
export const releaseNoticeBody = z.object({
  ...personFields,
  divisionCode,
  crime: text("罪名", 100),
  sentence: optionalText("原判刑期", 100),
  releaseOn: dateField("释放日期"),
  keyPerson: z.boolean({ error: "请说明是否为重点帮教对象（必接必送）keyPerson" }),
});

/** Where a notice's person landed: the office found from the division code, or the agency (to assign). */
const landed = z.object({
  ref: z.string(),
  office: z.object({ id: z.string(), name: z.string() }).nullable(),
  status: z.enum(["assigned", "awaiting_assignment"]),
  duplicate: z.boolean().describe("true：同一通知此前已收到，ref 为已有记录，未重复登记"),
});
export const releaseNoticeResult = landed;

/** At most this many persons in one rehab centre's notice. */
export const MAX_NOTICE_PERSONS = 100;

/** A rehab centre's monthly notice (即将解戒人员信息对接通知书): one or more persons leaving. */
export const rehabNoticeBody = z.object({
  noticeMonth: monthField("通知月份"),
  persons: z
    .array(
      z.object({
        ...personFields,
        divisionCode,
        releasedOn: dateField("解除强制隔离戒毒日期"),
        keyPerson: z.boolean({ error: "keyPerson 应为 true 或 false" }).default(false),
      }),
      { error: "persons 应为解戒人员的数组" },
    )
    .min(1, "请至少列出一名解戒人员")
    .max(MAX_NOTICE_PERSONS, `一份通知最多 ${MAX_NOTICE_PERSONS} 人`),
});
export const rehabNoticeResult = z.object({ items: z.array(landed) });
