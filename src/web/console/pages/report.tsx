/**
 * 年度报告 workspace: the year's report derived from the records, the narrative (the 三审 draft),
 * live checks, the cases behind a cell, last year's report, the workflow buttons and exports.
 */
import { Alert, Button, Card, Drawer, Input, Select, Space, Tabs, Tag, Timeline, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { Report, Sections } from "../../../domain/report/model.js";
import { describePath } from "../../../domain/report/model.js";
import { ApiError, download, post, put } from "../api.js";
import { ErrorView, Loading } from "../common.js";
import { ReportEditor } from "../report/report-editor.js";
import { ReportGrid } from "../report/report-grid.js";
import { navigate } from "../router.js";
import { useMe } from "../session.js";
import { useApi } from "../use-api.js";

interface Derived {
  report: Report;
  sources: Record<string, string[]>;
  problems: string[];
}

interface Draft {
  state: string;
  stateName: string;
  sections: Sections;
  editable: boolean;
  actions: string[];
  updatedAt: string | null;
  updatedBy: string | null;
}

interface Comment {
  id?: number;
  author?: string;
  by?: string;
  action?: string;
  comment?: string;
  body?: string;
  text?: string;
  at?: string;
  createdAt?: string;
}

const ACTION_LABEL: Record<string, string> = {
  submit: "提交审核",
  review: "审核通过",
  return: "退回修改",
  approve: "批准",
  publish: "发布并报送",
};

const EXPORTS = [
  { format: "docx", label: "DOCX" },
  { format: "pdf", label: "PDF" },
  { format: "html", label: "HTML" },
];

interface SourceItem {
  id: string | number;
  ref?: string;
  received?: string;
  answered?: string | null;
  title?: string;
}

function CellCases({
  base,
  path,
  ids,
  onClose,
}: {
  base: string;
  path: string;
  ids: string[];
  onClose(): void;
}) {
  const state = useApi<{ kind?: string; items: SourceItem[] }>(
    `${base}/cells/${encodeURIComponent(path)}/sources`,
  );
  // Without the route: the derivation's own references (application refs), not linkable.
  const items: SourceItem[] = state.data?.items ?? (state.error ? ids.map((ref) => ({ id: "", ref })) : []);
  const linkable = state.data?.kind === undefined || state.data.kind === "application";
  return (
    <Drawer open title={describePath(path)} onClose={onClose} size="large">
      <Typography.Paragraph>该单元格由以下 {items.length} 件申请记录得出：</Typography.Paragraph>
      <div data-testid="cell-cases">
        {items.map((i) => (
          <div key={`${i.id}-${i.ref}`}>
            {linkable && i.id !== "" ? (
              <Button type="link" onClick={() => navigate(`/cases/${i.id}`)}>
                {i.ref ?? i.id}
              </Button>
            ) : (
              <span style={{ marginRight: 8 }}>{i.ref ?? i.title ?? i.id}</span>
            )}
            <Typography.Text type="secondary">
              {i.received ? `收到 ${i.received}` : ""}
              {i.answered ? `，答复 ${i.answered}` : ""}
            </Typography.Text>
          </div>
        ))}
      </div>
    </Drawer>
  );
}

function Workflow({
  base,
  draft,
  sections,
  reload,
}: {
  base: string;
  draft: Draft;
  sections: Sections;
  reload(): void;
}) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const comments = useApi<{ items: Comment[] } | Comment[]>(`${base}/comments`);
  const list = Array.isArray(comments.data) ? comments.data : (comments.data?.items ?? []);
  const act = async (action: string) => {
    setBusy(true);
    try {
      if (action === "submit" && draft.editable) await put(`${base}/draft`, { sections });
      await post(`${base}/transitions`, { action, comment });
      setComment("");
      reload();
      comments.reload();
    } catch {
      // shown by the shell
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={
        <span>
          三审流程{" "}
          <Tag color="blue" data-testid="draft-state">
            {draft.stateName}
          </Tag>
        </span>
      }
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Input.TextArea
          placeholder="意见（退回时必填）"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
        />
        <Space wrap>
          {draft.editable && (
            <Button
              disabled={busy}
              onClick={() => put(`${base}/draft`, { sections }).then(reload, () => {})}
              data-testid="save-draft"
            >
              保存正文
            </Button>
          )}
          {draft.actions.map((a) => (
            <Button
              key={a}
              type={a === "return" ? "default" : "primary"}
              danger={a === "return"}
              disabled={busy}
              onClick={() => act(a)}
              data-testid={`transition-${a}`}
            >
              {ACTION_LABEL[a] ?? a}
            </Button>
          ))}
          {draft.actions.length === 0 && (
            <Typography.Text type="secondary">当前没有需要您处理的环节</Typography.Text>
          )}
        </Space>
        <Timeline
          items={list.map((c, i) => ({
            key: c.id ?? i,
            content: (
              <span>
                <Typography.Text strong>{c.author ?? c.by}</Typography.Text>{" "}
                {ACTION_LABEL[c.action ?? ""] ?? c.action}{" "}
                <Typography.Text type="secondary">
                  {(c.at ?? c.createdAt ?? "").slice(0, 16).replace("T", " ")}
                </Typography.Text>
                <div>{c.body ?? c.comment ?? c.text}</div>
              </span>
            ),
          }))}
        />
      </Space>
    </Card>
  );
}

function Workspace({ agencyId, year }: { agencyId: number; year: number }) {
  const base = `/api/agencies/${agencyId}/reports/${year}`;
  const derived = useApi<Derived>(base);
  // Last year's report as published (what the cross-year checks compare with), else derived from records.
  const published = useApi<{ report: Report }>(`/api/agencies/${agencyId}/reports/${year - 1}/published`);
  const derivedPrevious = useApi<Derived>(
    published.error ? `/api/agencies/${agencyId}/reports/${year - 1}` : null,
  );
  const draft = useApi<Draft>(`${base}/draft`);
  const [sections, setSections] = useState<Sections>({});
  const [cell, setCell] = useState<string>();
  useEffect(() => {
    if (draft.data) setSections(draft.data.sections ?? {});
  }, [draft.data]);
  const prev = published.data?.report ?? derivedPrevious.data?.report;
  const prevLabel = published.data ? "已发布" : "由记录生成";
  const editorKey = useMemo(() => JSON.stringify(derived.data?.report ?? null).length, [derived.data]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space wrap>
        {EXPORTS.map((e) => (
          <Button
            key={e.format}
            onClick={() =>
              download(`${base}/render?format=${e.format}`, `${year}年度报告.${e.format}`).catch(() => {})
            }
            data-testid={`export-${e.format}`}
          >
            导出 {e.label}
          </Button>
        ))}
      </Space>
      {draft.error ? (
        draft.error.unavailable ? (
          <Alert type="info" showIcon title="三审流程：此功能暂不可用" />
        ) : (
          <ErrorView error={draft.error} />
        )
      ) : (
        draft.data && <Workflow base={base} draft={draft.data} sections={sections} reload={draft.reload} />
      )}
      <Loading state={derived}>
        {(d) => (
          <Tabs
            items={[
              {
                key: "this",
                label: `${year} 年报告`,
                children: (
                  <>
                    {d.problems.length > 0 && (
                      <Alert
                        type="warning"
                        showIcon
                        title="办理记录中的问题"
                        description={d.problems.join("；")}
                      />
                    )}
                    <ReportEditor
                      key={editorKey}
                      report={d.report}
                      {...(prev ? { previous: prev } : {})}
                      sections={sections}
                      onSections={draft.data?.editable || draft.error ? setSections : null}
                      onCell={setCell}
                    />
                  </>
                ),
              },
              {
                key: "previous",
                label: `${year - 1} 年报告（对照${prev ? `，${prevLabel}` : ""}）`,
                children: prev ? (
                  <Space orientation="vertical">
                    {(["active", "applications", "review_litigation"] as const).map((t) => (
                      <ReportGrid key={t} table={t} report={prev} flagged={new Set()} />
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">没有上年报告</Typography.Text>
                ),
              },
            ]}
          />
        )}
      </Loading>
      {cell && derived.data && (
        <CellCases
          base={base}
          path={cell}
          ids={derived.data.sources[cell] ?? []}
          onClose={() => setCell(undefined)}
        />
      )}
    </Space>
  );
}

/** The workspace; agency and year from the path, else the user's agency and last year. */
export default function ReportPage({ agencyId, year }: { agencyId?: number; year?: number }) {
  const me = useMe();
  const agencies = useApi<{ items: { id: number; name: string }[] }>("/api/agencies");
  const a = agencyId ?? me.agency.id;
  const y = year ?? new Date().getFullYear() - 1;
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space>
        <Select
          style={{ width: 260 }}
          value={a}
          options={(agencies.data?.items ?? [me.agency]).map((x) => ({ value: x.id, label: x.name }))}
          onChange={(v) => navigate(`/report/${v}/${y}`)}
          data-testid="report-agency"
        />
        <Select
          style={{ width: 120 }}
          value={y}
          options={years.map((v) => ({ value: v, label: `${v} 年` }))}
          onChange={(v) => navigate(`/report/${a}/${v}`)}
        />
      </Space>
      <Workspace key={`${a}-${y}`} agencyId={a} year={y} />
    </Space>
  );
}

export { ApiError };
