// One section of the book: its status and deadline from the rules engine with the basis, who writes
// it, its content and history of versions, and — for its author role — the form to write it. A save
// sends the version it edited; if someone saved in between, the server refuses and the form says so.
import { DeleteOutlined, EditOutlined, FileWordOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { basisText, teamMemberKindLabel } from "../../../../../src/glossary.ts";
import { isApiError } from "../../api.ts";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { type BookSection, bookApi, type Entry, type FieldDef } from "./client.ts";
import { DailyRecords } from "./DailyRecords.tsx";
import { showFieldError } from "./formErrors.ts";
import { StatusBadge } from "./StatusBadge.tsx";

export function valueText(value: unknown, field: FieldDef): string {
  if (value === undefined || value === null || value === "") return "—";
  if (field.kind === "boolean") return value ? "是" : "否";
  if (field.kind === "select") return field.options?.[String(value)] ?? String(value);
  return String(value);
}

function EntryView({ section, entry }: { section: BookSection; entry: Entry }) {
  const members = (entry.content.members as Array<Record<string, unknown>> | undefined) ?? [];
  return (
    <Flex vertical gap={8}>
      <Descriptions
        size="small"
        bordered
        column={1}
        styles={{ label: { width: 220 } }}
        items={section.fields.map((f) => ({
          key: f.name,
          label: f.label,
          children: (
            <span style={{ whiteSpace: "pre-wrap" }} data-qa={`value-${f.name}`}>
              {valueText(entry.content[f.name], f)}
            </span>
          ),
        }))}
      />
      {section.id === "team_formed" ? (
        <table className="book-table" data-qa="team-members">
          <thead>
            <tr>
              <th>类别</th>
              <th>姓名</th>
              <th>性别</th>
              <th>单位</th>
              <th>联系电话</th>
              <th>熟悉未成年人</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: members have no id; the order is the team's list
              <tr key={i}>
                <td>{teamMemberKindLabel[String(m.kind)] ?? String(m.kind)}</td>
                <td>{String(m.name ?? "")}</td>
                <td>{m.gender === "female" ? "女" : "男"}</td>
                <td>{String(m.organization ?? "")}</td>
                <td>{String(m.phone ?? "")}</td>
                <td>{m.familiarWithMinors ? "是" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-qa="entry-version">
        第 {entry.version} 版 · {entry.complete ? "已完成" : "草稿"} · 最后修改：{entry.updatedBy}，
        {formatDateTime(entry.updatedAt)}
      </Typography.Text>
      <Collapse
        size="small"
        className="no-print"
        items={[
          {
            key: "history",
            label: `修改记录（${entry.history.length}）`,
            children: (
              <Flex vertical gap={4} data-qa="entry-history">
                {entry.history.map((h) => (
                  <div key={h.version}>
                    第 {h.version} 版 · {formatDateTime(h.at)} · {h.authorName}（{h.authorRoleLabel}）
                    {h.complete ? " · 标记完成" : ""}
                    {h.changed.length ? ` · 修改：${h.changed.join("、")}` : ""}
                    {h.note ? ` · 说明：${h.note}` : ""}
                  </div>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}

/** The control of one field; Form.Item passes `value`/`checked` and `onChange`, handed on here. */
function FieldInput({ field, ...control }: { field: FieldDef; [prop: string]: unknown }) {
  const qa = `field-${field.name}`;
  const props = { ...control, "data-qa": qa } as Record<string, unknown>;
  switch (field.kind) {
    case "longtext":
      return <Input.TextArea rows={3} maxLength={5000} {...props} />;
    case "date":
      return <DatePicker style={{ width: 200 }} {...props} />;
    case "boolean":
      return <Switch checkedChildren="是" unCheckedChildren="否" {...props} />;
    case "number":
      return <InputNumber min={0} max={99} {...props} />;
    case "select":
      return (
        <Select
          allowClear
          style={{ width: 240 }}
          options={Object.entries(field.options ?? {}).map(([value, label]) => ({ value, label }))}
          {...props}
        />
      );
    default:
      return <Input maxLength={200} {...props} />;
  }
}

function toForm(section: BookSection, content: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const f of section.fields) {
    const v = content[f.name];
    out[f.name] = f.kind === "date" && typeof v === "string" && v ? dayjs(v) : v;
  }
  if (section.id === "team_formed") out.members = content.members ?? [];
  return out;
}

function fromForm(section: BookSection, values: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const f of section.fields) {
    const v = values[f.name];
    if (v === undefined || v === null || v === "") continue;
    out[f.name] = f.kind === "date" ? (v as dayjs.Dayjs).format("YYYY-MM-DD") : v;
  }
  if (section.id === "team_formed")
    out.members = ((values.members as Array<Record<string, unknown>> | undefined) ?? []).map((m) => {
      const clean: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(m ?? {}))
        if (v !== undefined && v !== null && v !== "") clean[k] = v;
      return clean;
    });
  return out;
}

function Editor({
  subjectId,
  section,
  entry,
  entryKey,
  onDone,
}: {
  subjectId: string;
  section: BookSection;
  entry: Entry | undefined;
  entryKey: string;
  onDone: () => void;
}) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  // The version this form edits, fixed when it opened: a refetch of the book in between must not
  // turn a stale save into one that silently overwrites the newer version.
  const [baseVersion, setBaseVersion] = useState(entry?.version ?? 0);
  const [stale, setStale] = useState<Stale | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function save(complete: boolean) {
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    setBusy(true);
    setProblem(null);
    try {
      const result = await bookApi.save(subjectId, section.id, {
        entry: entryKey,
        baseVersion,
        content: fromForm(section, values),
        complete,
        note: (values.__note as string) || null,
      });
      message.success(complete ? `已保存第 ${result.version} 版并标记完成` : `已保存第 ${result.version} 版`);
      await client.invalidateQueries({ queryKey: ["book", subjectId] });
      onDone();
    } catch (error) {
      if (isApiError(error, 409)) {
        // Keep what was typed; fetch the newer version to show beside it, field by field.
        const book = await client.fetchQuery({
          queryKey: ["book", subjectId],
          queryFn: () => bookApi.book(subjectId),
          staleTime: 0,
        });
        const theirs = book.sections
          .find((s) => s.id === section.id)
          ?.entries.find((e) => e.entry === entryKey);
        setStale({ message: error.message, mine: fromForm(section, values), theirs: theirs ?? null });
      } else if (!showFieldError(form, error, "content.")) setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={toForm(section, entry?.content ?? {})}
      data-qa={`editor-${section.id}`}
      className="book-edit"
    >
      {problem ? (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-qa="save-error" />
      ) : null}
      <Row gutter={12}>
        {section.fields.map((f) => (
          <Col span={f.kind === "longtext" ? 24 : 12} key={f.name}>
            <Form.Item
              name={f.name}
              label={f.required ? `${f.label}（完成时必填）` : f.label}
              valuePropName={f.kind === "boolean" ? "checked" : "value"}
            >
              <FieldInput field={f} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {section.id === "team_formed" ? <MembersEditor /> : null}
      <Form.Item name="__note" label="修改说明（可选）">
        <Input maxLength={500} data-qa="field-note" />
      </Form.Item>
      <Space>
        <Button onClick={() => save(false)} loading={busy} data-qa="save-draft">
          保存
        </Button>
        <Button type="primary" onClick={() => save(true)} loading={busy} data-qa="save-complete">
          保存并标记完成
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
      {stale ? (
        <StaleSave
          section={section}
          stale={stale}
          onTake={(name, value) => form.setFieldValue(name, toForm(section, { [name]: value })[name])}
          onContinue={() => {
            // Merge in this form, then save again on top of the newer version.
            setBaseVersion(stale.theirs?.version ?? 0);
            setStale(null);
          }}
          onDiscard={() => client.invalidateQueries({ queryKey: ["book", subjectId] }).then(onDone)}
        />
      ) : null}
    </Form>
  );
}

interface Stale {
  message: string;
  /** What this user typed (the refused save). */
  mine: Record<string, unknown>;
  /** The newer version saved by someone else meanwhile. */
  theirs: Entry | null;
}

/**
 * A save refused as stale (409), shown where the user pressed save: the message, and for every field
 * that differs the user's text beside the newer version's, so nothing typed is lost. The user merges
 * in the form (taking the other text field by field if they wish) and saves on the newer version.
 */
function StaleSave({
  section,
  stale,
  onTake,
  onContinue,
  onDiscard,
}: {
  section: BookSection;
  stale: Stale;
  onTake: (name: string, value: unknown) => void;
  onContinue: () => void;
  onDiscard: () => void;
}) {
  const theirs = stale.theirs?.content ?? {};
  const differing = section.fields.filter(
    (f) => JSON.stringify(stale.mine[f.name] ?? null) !== JSON.stringify(theirs[f.name] ?? null),
  );
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 12 }}
      data-qa="stale-warning"
      title={stale.message}
      description={
        <Flex vertical gap={8}>
          <Typography.Text>
            {stale.theirs
              ? `${stale.theirs.updatedBy}于 ${formatDateTime(stale.theirs.updatedAt)} 保存了第 ${stale.theirs.version} 版。您填写的内容仍保留在上方表单中，请对照合并后再保存。`
              : "您填写的内容仍保留在上方表单中。"}
          </Typography.Text>
          {differing.length ? (
            <table className="book-table" data-qa="stale-compare">
              <thead>
                <tr>
                  <th>栏目</th>
                  <th>您填写的内容</th>
                  <th>
                    {stale.theirs ? `第 ${stale.theirs.version} 版（${stale.theirs.updatedBy}）` : "最新版本"}
                  </th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {differing.map((f) => (
                  <tr key={f.name} data-qa={`stale-field-${f.name}`}>
                    <td>{f.label}</td>
                    <td style={{ whiteSpace: "pre-wrap" }} data-qa="stale-mine">
                      {valueText(stale.mine[f.name], f)}
                    </td>
                    <td style={{ whiteSpace: "pre-wrap" }} data-qa="stale-theirs">
                      {valueText(theirs[f.name], f)}
                    </td>
                    <td>
                      <Button size="small" onClick={() => onTake(f.name, theirs[f.name])}>
                        采用此版本
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Space wrap>
            <Button type="primary" size="small" onClick={onContinue} data-qa="stale-continue">
              在最新版本上继续编辑
            </Button>
            <Button size="small" onClick={onDiscard} data-qa="stale-discard">
              放弃我的修改
            </Button>
          </Space>
        </Flex>
      }
    />
  );
}

function MembersEditor() {
  return (
    <Form.List name="members">
      {(fields, { add, remove }) => (
        <Flex vertical gap={4} style={{ marginBottom: 12 }} data-qa="members-editor">
          <Typography.Text strong>
            矫正小组成员（“3+X”：司法所、村（居）委会代表、家庭成员或监护人为固定成员）
          </Typography.Text>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap data-qa="member-row">
              <Form.Item name={[field.name, "kind"]} style={{ marginBottom: 0 }}>
                <Select
                  placeholder="类别"
                  style={{ width: 190 }}
                  data-qa="member-kind"
                  options={Object.entries(teamMemberKindLabel).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
              <Form.Item name={[field.name, "name"]} style={{ marginBottom: 0 }}>
                <Input placeholder="姓名" style={{ width: 110 }} data-qa="member-name" />
              </Form.Item>
              <Form.Item name={[field.name, "gender"]} style={{ marginBottom: 0 }}>
                <Select
                  placeholder="性别"
                  style={{ width: 80 }}
                  data-qa="member-gender"
                  options={[
                    { value: "male", label: "男" },
                    { value: "female", label: "女" },
                  ]}
                />
              </Form.Item>
              <Form.Item name={[field.name, "organization"]} style={{ marginBottom: 0 }}>
                <Input placeholder="单位" style={{ width: 150 }} />
              </Form.Item>
              <Form.Item name={[field.name, "phone"]} style={{ marginBottom: 0 }}>
                <Input placeholder="联系电话" style={{ width: 130 }} />
              </Form.Item>
              <Form.Item
                name={[field.name, "familiarWithMinors"]}
                valuePropName="checked"
                style={{ marginBottom: 0 }}
              >
                <Checkbox>熟悉未成年人</Checkbox>
              </Form.Item>
              <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除成员" />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 160 }} data-qa="add-member">
            添加成员
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

export function SectionCard({
  subjectId,
  section,
  proposal,
}: {
  subjectId: string;
  section: BookSection;
  /** For the evaluations: the engine's level proposal, to review the level against. */
  proposal?: string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const due =
    section.deadlines.find((d) => d.status === "open" || d.status === "overdue") ?? section.deadlines.at(-1);
  const entries = section.entries;
  const newKey = () =>
    section.id === "work_record"
      ? `r${Date.now().toString(36)}`
      : (section.deadlines.find((d) => !d.doneAt && !entries.some((e) => e.entry === d.dueDate))?.dueDate ??
        serverNow().format("YYYY-MM-DD"));
  const title = (
    <Space wrap size={6}>
      <span>
        {section.label}
        <Typography.Text type="secondary" style={{ fontWeight: "normal", marginLeft: 4 }}>
          {section.paragraph}
        </Typography.Text>
      </span>
      <StatusBadge status={section.status} label={section.statusLabel} />
      {due ? (
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12, fontWeight: "normal" }}
          data-qa="section-due"
        >
          期限 {due.dueDate} · 依据 {basisText(due.basis)}
        </Typography.Text>
      ) : null}
    </Space>
  );
  return (
    <section
      data-qa={`book-section-${section.id}`}
      className="book-section"
      data-status={section.status ?? ""}
    >
      <Card
        size="small"
        title={title}
        extra={
          <Space className="no-print" size={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              填写：{section.authors.map((a) => a.label).join("或")}
            </Typography.Text>
            <a
              href={bookApi.exportUrl(subjectId, section.id)}
              data-qa="export-section"
              title="导出本部分 Word"
            >
              <Button size="small" icon={<FileWordOutlined />} />
            </a>
            {section.canWrite && section.shape === "one_off" && editing === null ? (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing("main")}
                data-qa="edit-section"
              >
                {entries.length ? "修改" : "填写"}
              </Button>
            ) : null}
            {section.canWrite && section.shape !== "one_off" && editing === null ? (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setEditing(newKey())}
                data-qa="add-entry"
              >
                新增
              </Button>
            ) : null}
          </Space>
        }
      >
        {section.teamProblems?.length && entries.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            title={section.teamProblems.map((p) => `${p.message}（${basisText(p.basis)}）`).join("；")}
          />
        ) : null}
        {proposal ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-qa="level-proposal">
            {proposal}
          </Typography.Paragraph>
        ) : null}
        {section.shape === "recurring" && section.deadlines.length ? (
          <Flex wrap gap={4} style={{ marginBottom: 8 }}>
            {section.deadlines.map((d) => (
              <Tag
                key={d.dueBy}
                color={
                  d.status === "overdue"
                    ? "error"
                    : d.status === "open"
                      ? "processing"
                      : d.status === "late"
                        ? "warning"
                        : "success"
                }
              >
                {d.period ? `${d.period} · ` : ""}
                {d.dueDate} 到期 · {d.statusLabel}
              </Tag>
            ))}
          </Flex>
        ) : null}
        {editing !== null ? (
          <Editor
            subjectId={subjectId}
            section={section}
            entry={entries.find((e) => e.entry === editing)}
            entryKey={editing}
            onDone={() => setEditing(null)}
          />
        ) : null}
        {entries.length === 0 && editing === null ? (
          section.doneEvents.length ? (
            <Typography.Text type="secondary">
              已于 {section.doneEvents[0]!.slice(0, 10)} 完成（纸质记录，系统中无正文）
            </Typography.Text>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未填写" />
          )
        ) : null}
        {entries
          .filter((e) => e.entry !== editing)
          .map((entry) => (
            <div key={entry.entry} style={{ marginBottom: 8 }}>
              {section.shape !== "one_off" ? (
                <Flex justify="space-between">
                  <Typography.Text strong>
                    {section.id === "work_record"
                      ? `记录 ${entry.content.date ?? ""}`
                      : `${section.deadlines.find((d) => d.dueDate === entry.entry)?.period ?? `${entry.entry} 到期`}的评估`}
                  </Typography.Text>
                  {section.canWrite && editing === null ? (
                    <Button
                      size="small"
                      type="link"
                      className="no-print"
                      onClick={() => setEditing(entry.entry)}
                    >
                      修改
                    </Button>
                  ) : null}
                </Flex>
              ) : null}
              <EntryView section={section} entry={entry} />
            </div>
          ))}
        {section.id === "work_record" ? <DailyRecords subjectId={subjectId} /> : null}
      </Card>
    </section>
  );
}
