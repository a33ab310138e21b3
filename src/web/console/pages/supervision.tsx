/**
 * 监督检查 (公开办管理员): the subtree's filing status for a year (late agencies in red), every
 * report's findings, year-over-year charts of the aggregated figures, drill-down to an agency, and
 * bulk import of reports published outside the platform.
 */
import { Alert, Button, Card, Col, Row, Select, Space, Switch, Table, Tag, Typography, Upload } from "antd";
import { useMemo, useState } from "react";
import { ApiError, request } from "../api.js";
import { Loading } from "../common.js";
import { navigate } from "../router.js";
import { Chart } from "../supervision/charts.js";
import { applicantSeries, correctionRates, outcomeSeries, type YearTotals } from "../supervision/figures.js";
import { useApi } from "../use-api.js";

interface Filing {
  agencyId: number;
  name: string;
  draftState: string | null;
  published: boolean;
  imported: boolean;
  publishedAt: string | null;
  late: boolean | null;
  overdue: boolean;
  findings: { error: number; warning: number; ids: string[] } | null;
}

interface IngestItem {
  name: string;
  ok: boolean;
  agency?: string;
  year?: number;
  findings?: { id: string; severity: string; message: string }[];
  stored?: { agencyId: number };
  error?: { message: string; details?: string[] };
}

function filingTag(f: Filing, deadline: string) {
  if (f.published && f.late) return <Tag color="red">逾期发布（晚于 {deadline}）</Tag>;
  if (f.published) return <Tag color="green">{f.imported ? "已发布（导入）" : "已按时发布"}</Tag>;
  if (f.overdue) return <Tag color="red">逾期未发布</Tag>;
  return <Tag>未发布</Tag>;
}

function FilingTable({ year }: { year: number }) {
  const state = useApi<{ deadline: string; items: Filing[] }>(`/api/supervision/${year}`);
  return (
    <Loading state={state}>
      {(d) => (
        <Table<Filing>
          rowKey="agencyId"
          size="small"
          pagination={false}
          dataSource={d.items}
          data-testid="filings"
          rowClassName={(f) => (f.late || f.overdue ? "gk-late-row" : "")}
          columns={[
            {
              title: "机关",
              render: (_, f) => <span className={f.late || f.overdue ? "gk-late" : ""}>{f.name}</span>,
            },
            { title: `报送状态（期限 ${d.deadline}）`, render: (_, f) => filingTag(f, d.deadline) },
            { title: "发布时间", render: (_, f) => f.publishedAt?.slice(0, 10) ?? "—" },
            {
              title: "核对结果",
              render: (_, f) =>
                f.findings ? (
                  <Space size={4} wrap>
                    {f.findings.error > 0 && <Tag color="red">错误 {f.findings.error}</Tag>}
                    {f.findings.warning > 0 && <Tag color="orange">提示 {f.findings.warning}</Tag>}
                    {f.findings.ids.map((id) => (
                      <Tag key={id}>{id}</Tag>
                    ))}
                    {f.findings.error + f.findings.warning === 0 && <Tag color="green">无问题</Tag>}
                  </Space>
                ) : (
                  "—"
                ),
            },
            {
              title: "",
              render: (_, f) => (
                <Button size="small" type="link" onClick={() => navigate(`/report/${f.agencyId}/${year}`)}>
                  查看报告
                </Button>
              ),
            },
          ]}
        />
      )}
    </Loading>
  );
}

function Charts({ year }: { year: number }) {
  const state = useApi<{ years: YearTotals[] }>(`/api/supervision/${year}/aggregate?span=3`);
  const options = useMemo(() => {
    const ys = state.data?.years ?? [];
    const x = ys.map((y) => `${y.year}年`);
    const bars = (series: { name: string; data: (number | null)[] }[], title: string, unit = "件") => ({
      title: { text: title, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, type: "scroll" },
      grid: { top: 40, left: 40, right: 16, bottom: 56 },
      xAxis: { type: "category", data: x },
      yAxis: { type: "value", name: unit },
      series: series.map((s) => ({ ...s, type: "bar", stack: "all" })),
    });
    return {
      applicants: bars(applicantSeries(ys), "新收申请（按申请人类型）"),
      outcomes: bars(outcomeSeries(ys), "办理结果"),
      rates: {
        ...bars(correctionRates(ys), "复议、诉讼纠错率", "%"),
        series: correctionRates(ys).map((s) => ({ ...s, type: "line", connectNulls: true })),
      },
    };
  }, [state.data]);
  return (
    <Loading state={state}>
      {(d) => (
        <>
          <Typography.Paragraph type="secondary">
            汇总本机关及下级机关已发布的年度报告：
            {d.years.map((y) => `${y.year} 年 ${y.reports} 份`).join("，")}。
          </Typography.Paragraph>
          <Row gutter={12}>
            <Col span={8}>
              <Chart option={options.applicants} testId="chart-applicants" />
            </Col>
            <Col span={8}>
              <Chart option={options.outcomes} testId="chart-outcomes" />
            </Col>
            <Col span={8}>
              <Chart option={options.rates} testId="chart-rates" />
            </Col>
          </Row>
        </>
      )}
    </Loading>
  );
}

function BulkImport({ onDone }: { onDone(): void }) {
  const [store, setStore] = useState(true);
  const [items, setItems] = useState<IngestItem[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const upload = async (files: File[]) => {
    const form = new FormData();
    form.set("store", String(store));
    for (const f of files) form.append("files", f, f.name);
    setBusy(true);
    setError(undefined);
    try {
      const res = await request<{ items: IngestItem[] }>("POST", "/api/ingest", undefined, {
        form,
        quiet: true,
      });
      setItems(res.items);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="批量导入未在平台上发布的年度报告（txt、html、docx、pdf、md）">
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Space>
          <Upload
            multiple
            showUploadList={false}
            beforeUpload={(_f, list) => {
              if (_f === list[list.length - 1]) void upload(list as unknown as File[]);
              return false;
            }}
          >
            <Button loading={busy} data-testid="ingest-upload">
              选择文件并导入
            </Button>
          </Upload>
          <span>
            存为该机关的已发布报告 <Switch size="small" checked={store} onChange={setStore} />
          </span>
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        {items.length > 0 && (
          <Table<IngestItem>
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={items}
            data-testid="ingest-results"
            columns={[
              { title: "文件", dataIndex: "name" },
              { title: "机关", render: (_, i) => i.agency ?? "" },
              { title: "年度", render: (_, i) => i.year ?? "" },
              {
                title: "结果",
                render: (_, i) =>
                  i.ok ? (
                    <Space orientation="vertical" size={0}>
                      <Tag color={i.stored ? "green" : "blue"}>{i.stored ? "已导入" : "已读取"}</Tag>
                      {(i.findings ?? []).map((f) => (
                        <Typography.Text
                          key={`${f.id}${f.message}`}
                          type={f.severity === "error" ? "danger" : "warning"}
                        >
                          {f.id}：{f.message}
                        </Typography.Text>
                      ))}
                    </Space>
                  ) : (
                    <Typography.Text type="danger">{i.error?.message}</Typography.Text>
                  ),
              },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}

/** The supervision screen for a year (default: last year, whose reports are due by 1月31日). */
export default function Supervision({ year }: { year?: number }) {
  const y = year ?? new Date().getFullYear() - 1;
  const [tick, setTick] = useState(0);
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space>
        <Typography.Text strong>年度</Typography.Text>
        <Select
          style={{ width: 120 }}
          value={y}
          options={years.map((v) => ({ value: v, label: `${v} 年` }))}
          onChange={(v) => navigate(`/supervision/${v}`)}
        />
      </Space>
      <Card size="small" title={`${y} 年度报告报送情况`}>
        <FilingTable key={tick} year={y} />
      </Card>
      <Card size="small" title="统计汇总（同比）">
        <Charts key={tick} year={y} />
      </Card>
      <BulkImport onDone={() => setTick((t) => t + 1)} />
    </Space>
  );
}
