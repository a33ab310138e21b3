/** 待办申请: open applications by working days left, badges, filters and counts (GET /api/applications). */
import { Button, Card, Col, Row, Select, Space, Statistic, Switch, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { qs } from "../api.js";
import { ErrorView } from "../common.js";
import { navigate } from "../router.js";
import { useMe } from "../session.js";
import { useApi } from "../use-api.js";
import {
  CHANNEL_LABEL,
  daysLeftText,
  normaliseItem,
  STATUS_BADGE,
  STATUS_FILTERS,
  sortByWorkingDaysLeft,
  type WorkItem,
  type WorkPage,
} from "../worklist-model.js";
import { NewApplication } from "./new-application.js";

const COUNT_CARDS: { key: string; label: string; color?: string }[] = [
  { key: "total", label: "在办合计" },
  { key: "on_time", label: "办理中" },
  { key: "overdue", label: "已超期", color: "#cf1322" },
  { key: "due_soon", label: "即将到期", color: "#d46b08" },
  { key: "waiting_applicant", label: "待补正" },
  { key: "paused_consultation", label: "征求意见中" },
  { key: "paused_fee", label: "待缴费" },
];

const OPEN_STATUSES = "overdue,due_soon,on_time,waiting,paused,invalid";

/** The number for a count card, from whatever grouping the server gives. */
function countOf(counts: WorkPage["counts"], key: string, total: number): number | undefined {
  const c = counts as Record<string, number | undefined>;
  if (key === "total")
    return Object.entries(c).reduce((n, [k, v]) => (k === "closed" ? n : n + (v ?? 0)), 0) || total;
  return c[key];
}

/** The worklist screen. */
export default function Worklist() {
  const me = useMe();
  const year = new Date().getFullYear();
  const [filters, setFilters] = useState<Record<string, string | number | undefined>>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [adding, setAdding] = useState(false);
  const [withClosed, setWithClosed] = useState(false);
  // A worklist shows open applications; 已办结 only when asked for.
  const status = filters.status ?? (withClosed ? undefined : OPEN_STATUSES);
  const path = `/api/applications${qs({ ...filters, status, page, pageSize, sort: "due" })}`;
  const state = useApi<WorkPage>(path);
  const items = useMemo(
    () => sortByWorkingDaysLeft((state.data?.items ?? []).map((i) => normaliseItem(i as never))),
    [state.data],
  );
  const set = (k: string) => (v: string | number | undefined) => {
    setPage(1);
    setFilters((f) => ({ ...f, [k]: v }));
  };
  const handlers = useMemo(() => {
    const m = new Map<number, string>([[me.id, `${me.name}（我）`]]);
    for (const i of items) if (i.handlerId) m.set(i.handlerId, i.handlerName ?? `用户 ${i.handlerId}`);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [items, me]);
  const canRegister = me.role === "clerk" || me.role === "reviewer" || me.role === "head";

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Row gutter={12}>
        {COUNT_CARDS.map((c) => (
          <Col flex="1" key={c.key}>
            <Card size="small" data-testid={`count-${c.key}`}>
              <Statistic
                title={c.label}
                value={state.data ? (countOf(state.data.counts ?? {}, c.key, state.data.total) ?? "—") : "—"}
                {...(c.color ? { styles: { content: { color: c.color } } } : {})}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Space wrap>
        <Select
          allowClear
          placeholder="承办人"
          style={{ width: 160 }}
          options={handlers}
          onChange={set("handlerId")}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 220 }}
          options={STATUS_FILTERS}
          onChange={set("status")}
        />
        <Select
          allowClear
          placeholder="申请方式"
          style={{ width: 140 }}
          options={Object.entries(CHANNEL_LABEL).map(([value, label]) => ({ value, label }))}
          onChange={set("channel")}
        />
        <Select
          allowClear
          placeholder="年度"
          style={{ width: 120 }}
          options={[0, 1, 2, 3].map((d) => ({ value: year - d, label: `${year - d} 年` }))}
          onChange={set("year")}
        />
        <span>
          显示已办结 <Switch size="small" checked={withClosed} onChange={setWithClosed} />
        </span>
        {canRegister && (
          <Button type="primary" onClick={() => setAdding(true)}>
            登记收到的申请
          </Button>
        )}
      </Space>
      {state.error ? (
        <ErrorView error={state.error} />
      ) : (
        <Table<WorkItem>
          rowKey="id"
          size="small"
          loading={state.loading}
          dataSource={items}
          scroll={{ x: 1100 }}
          onRow={(r) => ({ onClick: () => navigate(`/cases/${r.id}`), style: { cursor: "pointer" } })}
          pagination={{
            current: page,
            pageSize,
            total: state.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 件`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: "编号", dataIndex: "ref", width: 130 },
            { title: "申请内容", dataIndex: "subject", ellipsis: true },
            { title: "申请人", width: 90, render: (_, r) => r.applicant?.name ?? "" },
            { title: "方式", width: 90, render: (_, r) => CHANNEL_LABEL[r.channel] ?? r.channel },
            { title: "收到日期", dataIndex: "receivedOn", width: 110 },
            { title: "答复期限", width: 110, render: (_, r) => r.dueDate ?? "—" },
            {
              title: "剩余工作日",
              width: 140,
              render: (_, r) => <span data-testid="days-left">{daysLeftText(r)}</span>,
            },
            {
              title: "状态",
              width: 130,
              render: (_, r) => (
                <Tag color={STATUS_BADGE[r.status]?.color} data-testid="status-badge">
                  {STATUS_BADGE[r.status]?.text ?? r.status}
                </Tag>
              ),
            },
            { title: "承办人", width: 100, render: (_, r) => r.handlerName ?? "" },
          ]}
        />
      )}
      {adding && (
        <NewApplication
          agencyId={me.agency.id}
          {...(me.role === "clerk" ? { handlerId: me.id } : {})}
          onClose={(id) => {
            setAdding(false);
            if (id) navigate(`/cases/${id}`);
          }}
        />
      )}
      <Typography.Text type="secondary">
        按剩余工作日排序：超期与即将到期的申请在前；待补正等未起算的申请在后。
      </Typography.Text>
    </Space>
  );
}
