// 社区矫正对象: the searchable, server-paged list. Every filter lives in the URL query, so a filtered list
// can be bookmarked, shared, and comes back with the browser's Back button.
import { SearchOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Flex, Input, Select, Space, type TableColumnsType, Typography } from "antd";
import { type HTMLAttributes, useEffect, useRef, useState } from "react";
import { Link, useLocation, useSearchParams } from "react-router-dom";
import { correctionTypeLabel, levelLabel, subjectStatusLabel } from "../../../../src/glossary.ts";
import { api, type SubjectListItem, type SubjectQuery } from "../api.ts";
import { ResponsiveTable } from "../components/ResponsiveTable.tsx";
import { ApiErrorView } from "../components/StatusPages.tsx";
import { LevelTag, MinorTag, StatusTag } from "../components/Tags.tsx";
import { formatTerm } from "../format.ts";
import { usePageTitle } from "../usePageTitle.ts";

const DEFAULT_STATUS = "in_correction";
const DEFAULT_PAGE_SIZE = 20;

const typeOptions = Object.entries(correctionTypeLabel).map(([value, label]) => ({ value, label }));
const levelOptions = Object.entries(levelLabel).map(([value, label]) => ({ value, label }));
const statusOptions = [
  ...Object.entries(subjectStatusLabel).map(([value, label]) => ({ value, label })),
  { value: "all", label: "全部" },
];

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

type QueryPatch = Partial<Record<keyof SubjectQuery, string | number>>;

function useSubjectQuery(): [SubjectQuery, (patch: QueryPatch) => void, URLSearchParams] {
  const [params, setParams] = useSearchParams();
  const query: SubjectQuery = {
    q: params.get("q") ?? "",
    officeId: params.get("officeId") ?? "",
    correctionType: params.get("correctionType") ?? "",
    level: params.get("level") ?? "",
    status: params.get("status") ?? DEFAULT_STATUS,
    page: positiveInt(params.get("page"), 1),
    pageSize: positiveInt(params.get("pageSize"), DEFAULT_PAGE_SIZE),
  };
  const update = (patch: QueryPatch) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          const isDefault =
            value === "" ||
            value === undefined ||
            (key === "status" && value === DEFAULT_STATUS) ||
            (key === "page" && value === 1) ||
            (key === "pageSize" && value === DEFAULT_PAGE_SIZE);
          if (isDefault) next.delete(key);
          else next.set(key, String(value));
        }
        // Any change of the filters starts again from the first page.
        if (!("page" in patch)) next.delete("page");
        return next;
      },
      { replace: "q" in patch && Object.keys(patch).length === 1 },
    );
  };
  return [query, update, params];
}

export default function SubjectListPage() {
  usePageTitle("社区矫正对象");
  const [query, update, params] = useSubjectQuery();
  const location = useLocation();
  const places = useQuery({ queryKey: ["places"], queryFn: api.places, staleTime: 10 * 60_000 });
  const list = useQuery({
    queryKey: ["subjects", query],
    queryFn: () => api.subjects(query),
    placeholderData: keepPreviousData,
  });

  // The search box types into local state and reaches the URL (and the server) after a short pause.
  const urlQ = query.q ?? "";
  const [search, setSearch] = useState(urlQ);
  const updateRef = useRef(update);
  updateRef.current = update;
  useEffect(() => setSearch((s) => (s.trim() === urlQ ? s : urlQ)), [urlQ]);
  useEffect(() => {
    const q = search.trim();
    if (q === urlQ) return;
    const timer = setTimeout(() => updateRef.current({ q }), 350);
    return () => clearTimeout(timer);
  }, [search, urlQ]);

  const offices = places.data?.offices ?? [];
  const showOfficeFilter = offices.length > 1;

  const columns: TableColumnsType<SubjectListItem> = [
    {
      title: "姓名",
      dataIndex: "name",
      width: 130,
      render: (_, s) => (
        <Space size={4}>
          <Link
            to={`/subjects/${encodeURIComponent(s.id)}`}
            state={{ listSearch: location.search }}
            data-qa="subject-link"
          >
            {s.name}
          </Link>
          {s.isMinor || s.nameMasked ? <MinorTag /> : null}
        </Space>
      ),
    },
    { title: "性别", dataIndex: "genderLabel", width: 56 },
    { title: "年龄", dataIndex: "age", width: 56, render: (age: number | null) => age ?? "—" },
    {
      title: "身份证号",
      dataIndex: "idNumberMasked",
      width: 180,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    { title: "矫正类别", dataIndex: "correctionTypeLabel", width: 110 },
    {
      title: "管理等级",
      dataIndex: "levelLabel",
      width: 96,
      render: (_, s) => <LevelTag level={s.level} label={s.levelLabel} />,
    },
    { title: "所属司法所", dataIndex: ["office", "name"], width: 140 },
    {
      title: "矫正期限",
      key: "term",
      width: 210,
      render: (_, s) => <span className="mono">{formatTerm(s.termStart, s.termEnd)}</span>,
    },
    {
      title: "状态",
      dataIndex: "statusLabel",
      width: 80,
      render: (_, s) => <StatusTag status={s.status} label={s.statusLabel} />,
    },
  ];

  return (
    <Card
      title="社区矫正对象"
      extra={
        list.data ? (
          <Typography.Text type="secondary" data-qa="subject-total">
            共 {list.data.total} 人
          </Typography.Text>
        ) : null
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }} className="no-print">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder="姓名、拼音首字母或身份证号"
          aria-label="搜索"
          data-qa="subject-search"
          style={{ width: 260 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onPressEnter={() => update({ q: search.trim() })}
        />
        {showOfficeFilter ? (
          <Select
            data-qa="filter-office"
            aria-label="司法所"
            style={{ width: 170 }}
            allowClear
            placeholder="全部司法所"
            value={query.officeId || undefined}
            options={offices.map((o) => ({ value: o.id, label: o.name }))}
            onChange={(v: string | undefined) => update({ officeId: v ?? "" })}
          />
        ) : null}
        <Select
          data-qa="filter-type"
          aria-label="矫正类别"
          style={{ width: 150 }}
          allowClear
          placeholder="全部矫正类别"
          value={query.correctionType || undefined}
          options={typeOptions}
          onChange={(v: string | undefined) => update({ correctionType: v ?? "" })}
        />
        <Select
          data-qa="filter-level"
          aria-label="管理等级"
          style={{ width: 140 }}
          allowClear
          placeholder="全部管理等级"
          value={query.level || undefined}
          options={levelOptions}
          onChange={(v: string | undefined) => update({ level: v ?? "" })}
        />
        <Select
          data-qa="filter-status"
          aria-label="状态"
          style={{ width: 110 }}
          value={query.status}
          options={statusOptions}
          onChange={(v: string) => update({ status: v })}
        />
      </Flex>
      {list.isError ? (
        <ApiErrorView error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <div
          data-qa="subject-table"
          // For tests and tools: which URL query the rows shown belong to, and whether they are final.
          data-query={params.toString()}
          data-ready={String(list.isSuccess && !list.isFetching && !list.isPlaceholderData)}
        >
          <ResponsiveTable<SubjectListItem>
            rowKey="id"
            size="small"
            bordered
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            onRow={() => ({ "data-qa": "subject-row" }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: list.isPending ? "加载中…" : "没有符合条件的社区矫正对象" }}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => `共 ${total} 人`,
              onChange: (page, pageSize) =>
                update(pageSize !== query.pageSize ? { page: 1, pageSize } : { page }),
            }}
            scroll={{ x: 1040 }}
          />
        </div>
      )}
    </Card>
  );
}
