/**
 * 公开目录审核: the disclosure catalogue with the publishing flow 初审 (审核人) → 复审 (负责人) →
 * 终审 (公开办管理员) before anything appears on the portal; new documents start as drafts.
 */
import {
  App as AntApp,
  Button,
  Card,
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
import type { Role } from "../../../app/policy.js";
import {
  DOC_KINDS,
  REVIEW_STEPS,
  STATE_NAMES,
  VALIDITY,
  type VersionState,
} from "../../../domain/catalogue/catalogue.js";
import { post, qs } from "../api.js";
import { ErrorView } from "../common.js";
import { useMe } from "../session.js";
import { useApi } from "../use-api.js";

interface Version {
  id: number;
  agencyId: number;
  agencyName: string;
  indexNo: string;
  version: number;
  state: VersionState;
  publishedOn: string | null;
  fields: { title: string; docNumber: string | null; publisher: string; category: string; validity: string };
}

/** Which review step a role decides (src/app/policy.ts catalogue.review1/2/3). */
const STEP_OF_ROLE: Partial<Record<Role, 1 | 2 | 3>> = { reviewer: 1, head: 2, supervisor: 3 };
const STEP_STATE: Record<1 | 2 | 3, VersionState> = { 1: "review1", 2: "review2", 3: "review3" };
const STATE_COLOR: Partial<Record<VersionState, string>> = {
  draft: "default",
  review1: "orange",
  review2: "orange",
  review3: "orange",
  published: "green",
};

function NewDocument({ agencyId, onClose }: { agencyId: number; onClose(saved: boolean): void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await post("/api/catalogue", { agencyId, docNumber: null, writtenOn: null, ...v });
      onClose(true);
    } catch {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="新建目录文件（草稿）"
      okText="保存"
      confirmLoading={busy}
      onOk={save}
      onCancel={() => onClose(false)}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          validity: "none",
          docKind: "other",
          article20Item: 1,
          category: "综合政务",
          body: "",
        }}
      >
        <Form.Item label="索引号" name="indexNo" rules={[{ required: true, message: "请填写索引号" }]}>
          <Input />
        </Form.Item>
        <Form.Item label="标题" name="title" rules={[{ required: true, message: "请填写标题" }]}>
          <Input />
        </Form.Item>
        <Form.Item label="发布机构" name="publisher" rules={[{ required: true, message: "请填写发布机构" }]}>
          <Input />
        </Form.Item>
        <Form.Item label="主题分类" name="category" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item label="文件类型" name="docKind">
          <Select options={Object.entries(DOC_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="有效性" name="validity">
          <Select options={Object.entries(VALIDITY).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="条例第二十条第几项" name="article20Item">
          <InputNumber min={1} max={15} />
        </Form.Item>
        <Form.Item label="正文" name="body">
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The catalogue screen. */
export default function Catalogue() {
  const me = useMe();
  const [state, setState] = useState<string>();
  const [adding, setAdding] = useState(false);
  const list = useApi<{ items: Version[] }>(`/api/catalogue${qs({ state, limit: 200 })}`);
  const myStep = STEP_OF_ROLE[me.role];
  const { modal } = AntApp.useApp();
  const act = (path: string, body: object) => post(path, body).then(list.reload, () => {});
  const review = (v: Version, approve: boolean) => {
    if (approve) return act(`/api/catalogue/versions/${v.id}/reviews`, { step: myStep, approve });
    let reason = "";
    modal.confirm({
      title: `退回：${v.fields.title}`,
      content: <Input.TextArea rows={3} placeholder="退回理由" onChange={(e) => (reason = e.target.value)} />,
      okText: "退回",
      onOk: () => act(`/api/catalogue/versions/${v.id}/reviews`, { step: myStep, approve: false, reason }),
    });
  };
  return (
    <Card size="small" title="公开目录（初审 → 复审 → 终审 后发布）">
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 160 }}
          options={Object.entries(STATE_NAMES).map(([value, label]) => ({ value, label }))}
          onChange={setState}
        />
        {me.role !== "supervisor" && me.role !== "admin" && (
          <Button type="primary" onClick={() => setAdding(true)}>
            新建目录文件
          </Button>
        )}
        {myStep && <Typography.Text type="secondary">您负责{REVIEW_STEPS[myStep]}</Typography.Text>}
      </Space>
      {list.error ? (
        <ErrorView error={list.error} />
      ) : (
        <Table<Version>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={[
            { title: "索引号", dataIndex: "indexNo", width: 160 },
            { title: "标题", render: (_, v) => v.fields.title, ellipsis: true },
            { title: "机关", dataIndex: "agencyName", width: 160 },
            { title: "版本", dataIndex: "version", width: 60 },
            {
              title: "状态",
              width: 120,
              render: (_, v) => <Tag color={STATE_COLOR[v.state]}>{STATE_NAMES[v.state] ?? v.state}</Tag>,
            },
            {
              title: "操作",
              width: 200,
              render: (_, v) => (
                <Space>
                  {v.state === "draft" && v.agencyId === me.agency.id && me.role !== "supervisor" && (
                    <Button size="small" onClick={() => act(`/api/catalogue/versions/${v.id}/submit`, {})}>
                      提交初审
                    </Button>
                  )}
                  {myStep && v.state === STEP_STATE[myStep] && (
                    <>
                      <Button size="small" type="primary" onClick={() => review(v, true)}>
                        {REVIEW_STEPS[myStep]}通过
                      </Button>
                      <Button size="small" danger onClick={() => review(v, false)}>
                        退回
                      </Button>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {adding && (
        <NewDocument
          agencyId={me.agency.id}
          onClose={(saved) => {
            setAdding(false);
            if (saved) list.reload();
          }}
        />
      )}
    </Card>
  );
}
