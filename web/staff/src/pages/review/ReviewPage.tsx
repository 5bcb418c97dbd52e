// 年度评查 (seed 000 §十二): the agency's yearly review of the books — the random sample with its seed,
// each book's review (method, scores per section, remarks), the results per office, the Word report,
// and the excellent cases with their booklet.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App as AntApp,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import type { YearReview } from "../../../../../src/features/review/service.ts";
import { api, queryString, request } from "../../api.ts";
import { ApiErrorView, PageLoading } from "../../components/StatusPages.tsx";
import { formatDateTime } from "../../format.ts";
import { serverNow } from "../../server-time.ts";
import { usePageTitle } from "../../usePageTitle.ts";
import { useCurrentUser } from "../../user.ts";

const reviewApi = {
  year: (year: number) => request<YearReview>("GET", `/api/book-reviews${queryString({ year })}`),
  draw: (year: number, count: number) =>
    request<unknown>("POST", "/api/book-reviews/sample", { year, count }),
  review: (body: unknown) => request<{ total: number }>("POST", "/api/book-reviews", body),
  excellent: (body: unknown) => request<unknown>("POST", "/api/book-reviews/excellent", body),
};

/** The sections scored in a review: the plan, the analyses and the evaluations (seed 000 §十二). */
const scoredSections = [
  ["file_review_summary", "阅卷小结"],
  ["intake_summary", "入矫小结"],
  ["correction_plan", "矫正方案"],
  ["work_record", "个案矫正工作记录"],
  ["quarterly_evaluation", "季度矫正方案评价"],
  ["annual_evaluation", "年度评估"],
  ["release_analysis", "解矫分析总结"],
] as const;

export default function ReviewPage() {
  usePageTitle("年度评查");
  const user = useCurrentUser();
  const [year, setYear] = useState(serverNow().year());
  const review = useQuery({ queryKey: ["book-reviews", year], queryFn: () => reviewApi.year(year) });
  const writer = user.role === "agency_head" || user.role === "agency_staff";
  const years = Array.from({ length: 5 }, (_, i) => serverNow().year() - i);
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Space wrap>
          <Typography.Text>年度</Typography.Text>
          <Select
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${y} 年` }))}
          />
          <a href={`/api/book-reviews/report${queryString({ year })}`} data-qa="review-report">
            <Button>导出评查报告（Word）</Button>
          </a>
          <a href={`/api/book-reviews/booklet${queryString({ year })}`} data-qa="review-booklet">
            <Button>导出优秀案例汇编（Word）</Button>
          </a>
          <FullBooklet year={year} />
        </Space>
      </Card>
      {review.isPending ? (
        <PageLoading />
      ) : review.isError ? (
        <ApiErrorView error={review.error} onRetry={() => review.refetch()} />
      ) : (
        <ReviewView data={review.data} year={year} writer={writer} />
      )}
    </Flex>
  );
}

/** The booklet with minors' full names: only for a stated purpose, audited by the server. */
function FullBooklet({ year }: { year: number }) {
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState("");
  return (
    <>
      <Button onClick={() => setOpen(true)} data-qa="review-booklet-full">
        导出完整姓名版
      </Button>
      <Modal
        title="导出优秀案例汇编（未成年人完整姓名）"
        open={open}
        onCancel={() => setOpen(false)}
        okText="导出"
        okButtonProps={{
          disabled: purpose.trim().length < 2,
          href: `/api/book-reviews/booklet${queryString({ year, purpose: purpose.trim() })}`,
        }}
        onOk={() => setOpen(false)}
      >
        <Typography.Paragraph>
          未成年人的身份信息依法保密。请说明导出用途，本次导出将记入审计日志。
        </Typography.Paragraph>
        <Input
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          placeholder="如：报送表彰材料"
          maxLength={200}
        />
      </Modal>
    </>
  );
}

function ReviewView({ data, year, writer }: { data: YearReview; year: number; writer: boolean }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [count, setCount] = useState<number | null>(10);
  const [reviewing, setReviewing] = useState(false);
  const [marking, setMarking] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["book-reviews", year] });
  const draw = useMutation({
    mutationFn: () => reviewApi.draw(year, count ?? 0),
    onSuccess: async () => {
      message.success("已抽取随机抽查名单");
      await refresh();
    },
    onError: (e) => message.error(e instanceof Error ? e.message : "抽取失败"),
  });
  return (
    <>
      <Card size="small" title="随机抽查名单">
        {data.sample ? (
          <Flex vertical gap={8}>
            <Typography.Text>
              从 {data.sample.populationSize} 本中抽取 {data.sample.count} 本 · 随机种子{" "}
              <span className="mono" data-qa="review-seed">
                {data.sample.seed}
              </span>{" "}
              · {data.sample.drawnBy} {formatDateTime(data.sample.drawnAt)}{" "}
              {data.sample.reproduced ? (
                <Tag color="green">已按种子复核一致</Tag>
              ) : (
                <Tag color="red">复核不一致</Tag>
              )}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              抽取方法：对每本的编号计算 sha256(种子:编号)，取最小的若干本；任何人可用同一种子复核。
            </Typography.Text>
            <Space wrap>
              {data.sample.picked.map((p) => (
                <Tag key={p.id}>
                  {p.bookNumber ?? p.id} {p.name}
                </Tag>
              ))}
            </Space>
          </Flex>
        ) : writer ? (
          <Space>
            <Typography.Text>抽查数量</Typography.Text>
            <InputNumber min={1} value={count} onChange={setCount} />
            <Button
              type="primary"
              onClick={() => draw.mutate()}
              loading={draw.isPending}
              data-qa="review-draw"
            >
              抽取 {year} 年随机抽查名单
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">本年度尚未抽取</Typography.Text>
        )}
      </Card>
      <Card size="small" title="各司法所评查结果">
        <Table
          rowKey={(r) => r.office.id}
          size="small"
          pagination={false}
          dataSource={data.results}
          columns={[
            { title: "司法所", key: "office", render: (_, r) => r.office.name },
            { title: "评查本数", dataIndex: "reviewed" },
            { title: "平均分", dataIndex: "average", render: (v: number | null) => v ?? "—" },
            ...(["mutual", "central", "random"] as const).map((m) => ({
              title: { mutual: "互查互评", central: "集中评查", random: "随机抽查" }[m],
              key: m,
              render: (_: unknown, r: YearReview["results"][number]) =>
                `${r.byMethod[m]?.reviewed ?? 0} 本 / ${r.byMethod[m]?.average ?? "—"}`,
            })),
            { title: "优秀案例", dataIndex: "excellent" },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="逐本评查"
        extra={
          writer ? (
            <Button onClick={() => setReviewing(true)} data-qa="review-add">
              登记评查结果
            </Button>
          ) : null
        }
      >
        <Table
          rowKey="id"
          size="small"
          dataSource={data.reviews}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: "暂无" }}
          columns={[
            { title: "编号", key: "book", render: (_, r) => r.subject.bookNumber },
            { title: "姓名", key: "name", render: (_, r) => r.subject.name },
            { title: "司法所", key: "office", render: (_, r) => r.office.name },
            { title: "方式", dataIndex: "methodLabel" },
            { title: "评查单位", key: "reviewer", render: (_, r) => r.reviewerOffice ?? "社区矫正机构" },
            { title: "得分", dataIndex: "total" },
            {
              title: "各部分",
              key: "sections",
              render: (_, r) =>
                r.sections.map((s) => (
                  <div key={s.section} style={{ fontSize: 12 }}>
                    {s.label}：{s.score}
                    {s.remark ? `（${s.remark}）` : ""}
                  </div>
                )),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="优秀案例"
        extra={
          writer ? (
            <Button onClick={() => setMarking(true)} data-qa="review-excellent">
              评选优秀案例
            </Button>
          ) : null
        }
      >
        <Table
          rowKey={(r) => r.subject.id}
          size="small"
          pagination={false}
          dataSource={data.excellent}
          locale={{ emptyText: "暂无" }}
          columns={[
            { title: "编号", key: "book", render: (_, r) => r.subject.bookNumber },
            { title: "姓名", key: "name", render: (_, r) => r.subject.name },
            { title: "司法所", key: "office", render: (_, r) => r.office.name },
            { title: "评选理由", dataIndex: "reason" },
          ]}
        />
      </Card>
      <ReviewModal year={year} open={reviewing} onClose={() => setReviewing(false)} onDone={refresh} />
      <ExcellentModal year={year} open={marking} onClose={() => setMarking(false)} onDone={refresh} />
    </>
  );
}

function BookSelect(props: { value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState("");
  const books = useQuery({
    queryKey: ["review-books", q],
    queryFn: () => api.subjects({ q: q || undefined, status: "all", pageSize: 20 }),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={props.onChange}
      options={(books.data?.items ?? [])
        .filter((s) => s.bookNumber)
        .map((s) => ({ value: s.id, label: `${s.bookNumber} ${s.name}（${s.office.name}）` }))}
      placeholder="输入姓名或拼音搜索"
    />
  );
}

function ReviewModal(props: {
  year: number;
  open: boolean;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const places = useQuery({ queryKey: ["places"], queryFn: () => api.places() });
  const method = Form.useWatch("method", form);
  const submit = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const scores: Record<string, number> = {};
      const remarks: Record<string, string> = {};
      for (const [id] of scoredSections) {
        if (typeof v[`score_${id}`] === "number") scores[id] = v[`score_${id}`] as number;
        if (typeof v[`remark_${id}`] === "string" && v[`remark_${id}`])
          remarks[id] = v[`remark_${id}`] as string;
      }
      return reviewApi.review({
        year: props.year,
        subjectId: v.subjectId,
        method: v.method,
        reviewerOfficeId: v.method === "mutual" ? v.reviewerOfficeId : null,
        scores,
        remarks,
        overall: v.overall,
      });
    },
    onSuccess: async (r) => {
      message.success(`已登记，得分 ${r.total}`);
      form.resetFields();
      props.onClose();
      await props.onDone();
    },
    onError: (e) => message.error(e instanceof Error ? e.message : "登记失败"),
  });
  return (
    <Modal
      title="登记评查结果"
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={submit.isPending}
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ method: "central" }}
        onFinish={(v) => submit.mutate(v)}
      >
        <Form.Item
          name="subjectId"
          label="工作记录本"
          rules={[{ required: true, message: "请选择工作记录本" }]}
        >
          <BookSelect />
        </Form.Item>
        <Form.Item name="method" label="评查方式">
          <Select
            options={[
              { value: "mutual", label: "互查互评" },
              { value: "central", label: "集中评查" },
              { value: "random", label: "随机抽查" },
            ]}
          />
        </Form.Item>
        {method === "mutual" ? (
          <Form.Item
            name="reviewerOfficeId"
            label="评查的司法所"
            rules={[{ required: true, message: "请选择司法所" }]}
          >
            <Select options={(places.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        ) : null}
        {scoredSections.map(([id, label]) => (
          <Space key={id} align="start" style={{ display: "flex" }}>
            <Form.Item name={`score_${id}`} label={`${label}得分`}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name={`remark_${id}`} label="评语" style={{ minWidth: 420 }}>
              <Input maxLength={1000} />
            </Form.Item>
          </Space>
        ))}
        <Form.Item name="overall" label="总体评价">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ExcellentModal(props: {
  year: number;
  open: boolean;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const submit = useMutation({
    mutationFn: (v: { subjectId: string; reason: string }) => reviewApi.excellent({ year: props.year, ...v }),
    onSuccess: async () => {
      message.success("已评为优秀案例");
      form.resetFields();
      props.onClose();
      await props.onDone();
    },
    onError: (e) => message.error(e instanceof Error ? e.message : "评选失败"),
  });
  return (
    <Modal
      title="评选优秀案例"
      open={props.open}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={submit.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)}>
        <Form.Item
          name="subjectId"
          label="工作记录本"
          rules={[{ required: true, message: "请选择工作记录本" }]}
        >
          <BookSelect />
        </Form.Item>
        <Form.Item
          name="reason"
          label="评选理由"
          rules={[{ required: true, min: 4, message: "请填写评选理由（至少4个字）" }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
