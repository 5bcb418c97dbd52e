// Response and query schemas the care features' routes share: the person as lists show it, an
// indicator, the "as of" day of indicators and ledgers, the links to where else a person is known.
import { z } from "zod";
import { dateField } from "../../http/fields.ts";

export const personView = z.object({
  name: z.string(),
  minor: z.boolean(),
  gender: z.string(),
  birthDate: z.string(),
  idNumber: z.string().nullable(),
});

export const indicatorView = z.object({
  id: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  rate: z.number().nullable(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
});

export const asOfQuery = z.object({
  asOf: dateField("统计日").optional().describe("统计截至日（默认今天）"),
});

/** Where else the county knows a notice's person (care/known-person.ts): no names, no ID numbers. */
export const knownLinkView = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("subject"),
      id: z.string(),
      bookNumber: z.string().nullable(),
      status: z.enum(["in_correction", "released", "terminated", "transferred_out"]),
      termEnd: z.string(),
      reachable: z.boolean(),
    }),
    z.object({
      kind: z.enum(["resettlement", "aftercare"]),
      id: z.string(),
      from: z.string().describe("服刑监狱或戒毒所"),
      on: z.string().describe("释放或解除强制隔离戒毒的日期"),
      reachable: z.boolean(),
    }),
  ])
  .describe(
    "按身份证号找到的同一人员：社区矫正对象（在矫或已解矫），或本县其他安置帮教、后续照管记录；reachable 为当前用户可否打开",
  );

/** An office as the care records name it. */
export const officeRef = z.object({ id: z.string(), name: z.string() });

/** The agency assigns a record that came through the exchange without an office. */
export const assignBody = z.object({
  officeId: z.string({ error: "请选择司法所" }).max(32, "请选择本县的司法所"),
});
