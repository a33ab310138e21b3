/**
 * 登记簿: the 规章/规范性文件 register, the yearly figures of table 二 (许可, 处罚, 强制, 收费) with
 * CSV/XLSX import, and the review/litigation records.
 */
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Upload } from "antd";
import { useEffect, useState } from "react";
import { ApiError, post, put, qs, request } from "../api.js";
import { ErrorView, Loading } from "../common.js";
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

const REVIEW_KIND: Record<string, string> = {
  review: "行政复议",
  litigation_direct: "行政诉讼（未经复议）",
  litigation_after_review: "行政诉讼（复议后起诉）",
};
const RESULT: Record<string, string> = { upheld: "维持", corrected: "纠正", other: "其他结果" };

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

function ReviewCases({ agencyId }: { agencyId: number }) {
  const list = useApi<{ items: ReviewCase[] }>(`/api/review-cases${qs({ agencyId, pageSize: 200 })}`);
  if (list.error) return <ErrorView error={list.error} />;
  return (
    <Table<ReviewCase>
      rowKey="id"
      size="small"
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      columns={[
        { title: "类别", width: 180, render: (_, r) => REVIEW_KIND[r.kind] ?? r.kind },
        { title: "案号", render: (_, r) => r.caseNumber ?? "" },
        { title: "复议机关/法院", render: (_, r) => r.authority ?? "" },
        { title: "立案日期", dataIndex: "filed", width: 110 },
        {
          title: "结果",
          width: 140,
          render: (_, r) =>
            r.result ? `${RESULT[r.result] ?? r.result}（${r.decided ?? ""}）` : <Tag>尚未审结</Tag>,
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
