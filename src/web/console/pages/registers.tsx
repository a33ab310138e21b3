/**
 * 登记簿: the 规章/规范性文件 register, the yearly figures of table 二 (许可, 处罚, 强制, 收费) with
 * CSV/XLSX import, and the review/litigation records.
 */
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useEffect, useState } from "react";
import { ApiError, post, put, qs, request } from "../api.js";
import { chinaToday } from "../case-actions.js";
import { ErrorView, Loading } from "../common.js";
import {
  type DecisionForm,
  decisionProblems,
  type FieldProblem,
  REVIEW_KIND_LABEL,
  REVIEW_RESULT_LABEL,
  type ReviewForm,
  reviewBody,
  reviewProblems,
} from "../registers-model.js";
import { navigate } from "../router.js";
import { useMe } from "../session.js";
import { useApi } from "../use-api.js";

const KIND = { regulation: "规章", normative_document: "行政规范性文件" } as const;

interface Doc {
  id: number;
  kind: keyof typeof KIND;
  title: string;
  docNumber: string | null;
  issued: string;
  repealed: string | null;
}

interface Figures {
  licensing: number | null;
  penalty: number | null;
  coercion: number | null;
  fees10kYuan: string | null;
}

interface ReviewCase {
  id: number;
  kind: string;
  filed: string;
  result: string | null;
  decided: string | null;
  caseNumber: string | null;
  authority: string | null;
  application: { id: string; ref: string } | null;
}

/** CSV/XLSX upload to an import route; shows the server's answer. */
function ImportButton({ path, label, onDone }: { path: string; label: string; onDone(): void }) {
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>();
  return (
    <Space orientation="vertical">
      <Upload
        accept=".csv,.xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          const form = new FormData();
          form.append("file", file, file.name);
          request<Record<string, unknown>>("POST", path, undefined, { form, quiet: true }).then(
            (r) => {
              setMsg({
                ok: true,
                text: `导入完成${typeof r.imported === "number" ? `：${r.imported} 条` : ""}`,
              });
              onDone();
            },
            (e: unknown) => setMsg({ ok: false, text: e instanceof ApiError ? e.text : String(e) }),
          );
          return false;
        }}
      >
        <Button>{label}</Button>
      </Upload>
      {msg && <Alert type={msg.ok ? "success" : "error"} showIcon title={msg.text} />}
    </Space>
  );
}

function Documents({ agencyId }: { agencyId: number }) {
  const [kind, setKind] = useState<string>();
  const list = useApi<{ items: Doc[]; total: number }>(
    `/api/agencies/${agencyId}/register-documents${qs({ kind, limit: 200 })}`,
  );
  const [form] = Form.useForm();
  const add = async () => {
    const v = await form.validateFields();
    await post(`/api/agencies/${agencyId}/register-documents`, {
      docNumber: null,
      repealed: null,
      ...v,
    }).then(
      () => {
        form.resetFields();
        list.reload();
      },
      () => {},
    );
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 160 }}
          options={Object.entries(KIND).map(([value, label]) => ({ value, label }))}
          onChange={setKind}
        />
        <ImportButton
          path={`/api/agencies/${agencyId}/register-documents/import`}
          label="导入登记表（CSV/XLSX）"
          onDone={list.reload}
        />
      </Space>
      <Form form={form} layout="inline" initialValues={{ kind: "normative_document" }}>
        <Form.Item name="kind">
          <Select
            style={{ width: 150 }}
            options={Object.entries(KIND).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="title" rules={[{ required: true, message: "请填写标题" }]}>
          <Input placeholder="标题" style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="docNumber">
          <Input placeholder="文号" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="issued"
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: "印发日期 YYYY-MM-DD" }]}
        >
          <Input placeholder="印发日期" style={{ width: 120 }} />
        </Form.Item>
        <Button onClick={add}>登记</Button>
      </Form>
      {list.error ? (
        <ErrorView error={list.error} />
      ) : (
        <Table<Doc>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={[
            { title: "类别", width: 130, render: (_, d) => KIND[d.kind] ?? d.kind },
            { title: "标题", dataIndex: "title" },
            { title: "文号", width: 160, render: (_, d) => d.docNumber ?? "" },
            { title: "印发日期", dataIndex: "issued", width: 110 },
            {
              title: "有效性",
              width: 150,
              render: (_, d) =>
                d.repealed ? <Tag>已废止（{d.repealed}）</Tag> : <Tag color="green">现行有效</Tag>,
            },
          ]}
        />
      )}
    </Space>
  );
}

function YearFigures({ agencyId }: { agencyId: number }) {
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const state = useApi<Figures>(`/api/agencies/${agencyId}/figures/${year}`);
  const [form] = Form.useForm<Figures>();
  useEffect(() => {
    if (state.data) form.setFieldsValue(state.data);
  }, [state.data, form]);
  const save = async () => {
    const v = await form.validateFields();
    const body = {
      ...v,
      fees10kYuan: v.fees10kYuan === "" || v.fees10kYuan === undefined ? null : String(v.fees10kYuan),
    };
    await put(`/api/agencies/${agencyId}/figures/${year}`, body).then(state.reload, () => {});
  };
  return (
    <Space orientation="vertical">
      <Space>
        <Select
          style={{ width: 120 }}
          value={year}
          onChange={setYear}
          options={[0, 1, 2, 3, 4].map((d) => ({
            value: new Date().getFullYear() - d,
            label: `${new Date().getFullYear() - d} 年`,
          }))}
        />
        <ImportButton
          path={`/api/agencies/${agencyId}/figures/import`}
          label="导入年度数字（CSV/XLSX）"
          onDone={state.reload}
        />
      </Space>
      <Loading state={state}>
        {() => (
          <Form form={form} layout="vertical" style={{ maxWidth: 420 }}>
            <Form.Item label="行政许可 本年处理决定数量" name="licensing">
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item label="行政处罚 本年处理决定数量" name="penalty">
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item label="行政强制 本年处理决定数量" name="coercion">
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item
              label="行政事业性收费 本年收费金额（单位：万元）"
              name="fees10kYuan"
              rules={[{ pattern: /^\d+(\.\d{1,4})?$/, message: "金额为万元，最多 4 位小数" }]}
            >
              <Input />
            </Form.Item>
            <Button type="primary" onClick={save}>
              保存
            </Button>
          </Form>
        )}
      </Loading>
    </Space>
  );
}

/** Puts the model's problems on their form fields; true when there were none. */
function showProblems(form: FormInstance, problems: FieldProblem[]): boolean {
  const byField = new Map<string, string[]>();
  for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
  form.setFields(
    [...new Set([...form.getFieldsError().map((e) => String(e.name[0])), ...byField.keys()])].map((name) => ({
      name,
      errors: byField.get(name) ?? [],
    })),
  );
  return problems.length === 0;
}

/** Files a new 行政复议 / 行政诉讼 record (POST /api/review-cases). */
function NewReviewForm({ agencyId, onFiled }: { agencyId: number; onFiled(): void }) {
  const [form] = Form.useForm<ReviewForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { message } = AntApp.useApp();
  const submit = async () => {
    const v = form.getFieldsValue();
    if (!showProblems(form, reviewProblems(v, chinaToday()))) return;
    setBusy(true);
    setError(undefined);
    try {
      await post("/api/review-cases", { agencyId, ...reviewBody(v) }, { quiet: true });
      void message.success(`已登记${REVIEW_KIND_LABEL[v.kind!]}案件`);
      form.resetFields();
      onFiled();
    } catch (e) {
      setError(e instanceof ApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="登记新案件">
      <Form form={form} layout="inline" data-testid="review-form">
        <Form.Item name="kind" label="类别">
          <Select
            aria-label="类别"
            style={{ width: 230 }}
            placeholder="行政复议或行政诉讼"
            options={Object.entries(REVIEW_KIND_LABEL).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="filed" label="立案日期">
          <Input placeholder="YYYY-MM-DD" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="caseNumber" label="案号">
          <Input style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="authority" label="复议机关/法院">
          <Input style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="applicationRef" label="关联申请编号">
          <Input placeholder="可不填" style={{ width: 130 }} />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={submit} data-testid="review-file">
          登记案件
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Card>
  );
}

/** Records the result of a pending record (POST /api/review-cases/:id/decision). */
function DecisionModal({ r, onDone }: { r: ReviewCase; onDone(saved: boolean): void }) {
  const [form] = Form.useForm<DecisionForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = form.getFieldsValue();
    if (!showProblems(form, decisionProblems(v, r.filed, chinaToday()))) return;
    setBusy(true);
    setError(undefined);
    try {
      await post(
        `/api/review-cases/${r.id}/decision`,
        { result: v.result, decided: v.decided!.trim() },
        { quiet: true },
      );
      onDone(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`记录审结结果：${REVIEW_KIND_LABEL[r.kind] ?? r.kind}${r.caseNumber ? ` ${r.caseNumber}` : ""}`}
      okText="记录"
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => onDone(false)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">立案日期：{r.filed}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="result" label="审结结果">
          <Select
            aria-label="审结结果"
            options={Object.entries(REVIEW_RESULT_LABEL).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="decided" label="审结日期">
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

function ReviewCases({ agencyId }: { agencyId: number }) {
  const list = useApi<{ items: ReviewCase[] }>(`/api/review-cases${qs({ agencyId, pageSize: 200 })}`);
  const [deciding, setDeciding] = useState<ReviewCase>();
  const { message } = AntApp.useApp();
  if (list.error) return <ErrorView error={list.error} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <NewReviewForm agencyId={agencyId} onFiled={list.reload} />
      <Table<ReviewCase>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: "类别", width: 210, render: (_, r) => REVIEW_KIND_LABEL[r.kind] ?? r.kind },
          { title: "案号", render: (_, r) => r.caseNumber ?? "" },
          { title: "复议机关/法院", render: (_, r) => r.authority ?? "" },
          { title: "立案日期", dataIndex: "filed", width: 110 },
          {
            title: "结果",
            width: 200,
            render: (_, r) =>
              r.result ? (
                <span data-testid={`review-result-${r.id}`}>
                  {REVIEW_RESULT_LABEL[r.result] ?? r.result}（{r.decided ?? ""}）
                </span>
              ) : (
                <Space>
                  <Tag>尚未审结</Tag>
                  <Button size="small" data-testid={`review-decide-${r.id}`} onClick={() => setDeciding(r)}>
                    记录结果
                  </Button>
                </Space>
              ),
          },
          {
            title: "关联申请",
            width: 150,
            render: (_, r) =>
              r.application ? (
                <Button type="link" size="small" onClick={() => navigate(`/cases/${r.application?.id}`)}>
                  {r.application.ref}
                </Button>
              ) : (
                ""
              ),
          },
        ]}
      />
      {deciding && (
        <DecisionModal
          r={deciding}
          onDone={(saved) => {
            setDeciding(undefined);
            if (saved) {
              void message.success("审结结果已记录");
              list.reload();
            }
          }}
        />
      )}
    </Space>
  );
}

/** The registers screen of the user's agency. */
export default function Registers() {
  const me = useMe();
  const id = me.agency.id;
  return (
    <Card size="small" title={`${me.agency.name} · 登记簿`}>
      <Tabs
        items={[
          { key: "docs", label: "规章和行政规范性文件", children: <Documents agencyId={id} /> },
          {
            key: "figures",
            label: "年度数字（许可、处罚、强制、收费）",
            children: <YearFigures agencyId={id} />,
          },
          { key: "reviews", label: "行政复议、行政诉讼", children: <ReviewCases agencyId={id} /> },
        ]}
      />
    </Card>
  );
}
