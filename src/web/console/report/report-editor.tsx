/**
 * The heart of the report workspace, without I/O: the three tables, the narrative sections, and the
 * live findings beside them. Click a finding → its cells are marked; click a cell → onCell(path)
 * (the page shows the cases behind it). Trial edits of cells re-run the checks at once.
 */
import { Alert, Card, Col, Input, Row, Switch, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { SECTIONS } from "../../../domain/report/definition.js";
import type { NarrativeKey, Report, Sections } from "../../../domain/report/model.js";
import { describePath } from "../../../domain/report/model.js";
import type { Finding } from "../../../domain/rules/index.js";
import { liveFindings, withCell } from "./live-checks.js";
import { ReportGrid } from "./report-grid.js";

export interface EditorProps {
  report: Report;
  previous?: Report;
  sections: Sections;
  /** Null: read-only narrative (not the user's turn). */
  onSections?: ((s: Sections) => void) | null;
  onCell?(path: string): void;
}

function FindingList({
  findings,
  selected,
  onSelect,
}: {
  findings: Finding[];
  selected: number | undefined;
  onSelect(i: number | undefined): void;
}) {
  if (!findings.length)
    return <Alert type="success" showIcon title="核对通过：没有发现问题" data-testid="no-findings" />;
  return (
    <div data-testid="findings">
      {findings.map((f, i) => (
        <button
          type="button"
          key={`${f.id}-${f.message}`}
          onClick={() => onSelect(selected === i ? undefined : i)}
          className={selected === i ? "gk-finding gk-finding-on" : "gk-finding"}
          data-testid={`finding-${f.id}`}
        >
          <Tag color={f.severity === "error" ? "red" : "orange"}>{f.id}</Tag>
          <Typography.Text>{f.message}</Typography.Text>
        </button>
      ))}
    </div>
  );
}

/** Tables, narrative and live checks of one report. */
export function ReportEditor({ report: base, previous, sections, onSections, onCell }: EditorProps) {
  const [trial, setTrial] = useState(false);
  const [report, setReport] = useState(base);
  const [picked, setPicked] = useState<number>();
  const [selectedCell, setSelectedCell] = useState<string>();
  const shown = trial ? report : base;
  const findings = useMemo(() => liveFindings(shown, sections, previous), [shown, sections, previous]);
  const flagged = useMemo(
    () => new Set(picked === undefined ? [] : (findings[picked]?.cells ?? [])),
    [findings, picked],
  );
  const edit = (path: string, text: string) => setReport((r) => withCell(r, path, text));
  const cell = (path: string) => {
    setSelectedCell(path);
    onCell?.(path);
  };
  const grid = (table: "active" | "applications" | "review_litigation") => (
    <ReportGrid
      table={table}
      report={shown}
      flagged={flagged}
      {...(selectedCell ? { selected: selectedCell } : {})}
      {...(trial ? { onEdit: edit } : {})}
      {...(previous ? { previous } : {})}
      onCell={cell}
    />
  );
  const text = (key: NarrativeKey, label: string) => (
    <div key={key} style={{ marginBottom: 8 }}>
      <Typography.Text strong>{label}</Typography.Text>
      <Input.TextArea
        aria-label={label}
        rows={3}
        value={sections[key] ?? ""}
        readOnly={!onSections}
        onChange={(e) => onSections?.({ ...sections, [key]: e.target.value })}
      />
    </div>
  );
  return (
    <Row gutter={16}>
      <Col span={16}>
        <Card
          size="small"
          title="报告正文与统计表"
          extra={
            <span>
              试算（修改表格数字，仅用于核对，不保存）{" "}
              <Switch
                size="small"
                checked={trial}
                onChange={(v) => {
                  setTrial(v);
                  setReport(base);
                }}
                data-testid="trial"
              />
            </span>
          }
        >
          {text("preamble", "前言")}
          {SECTIONS.map((s) => (
            <div key={s.key}>
              {text(s.key, s.heading)}
              {s.table && grid(s.table)}
            </div>
          ))}
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small" title={`实时核对（${findings.length} 项）`} style={{ position: "sticky", top: 8 }}>
          <FindingList findings={findings} selected={picked} onSelect={setPicked} />
          {picked !== undefined && findings[picked] && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="finding-cells">
              涉及：{findings[picked].cells.map(describePath).join("；")}
            </Typography.Paragraph>
          )}
        </Card>
      </Col>
    </Row>
  );
}
