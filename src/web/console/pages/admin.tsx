/**
 * 用户与机关 (系统管理员; 公开办管理员 reads): the agency tree the user sees, and creating staff users
 * in it (POST /api/users; policy user.manage — administrators only).
 */
import { Alert, Button, Card, Col, Form, Input, Row, Select, Tree, Typography } from "antd";
import { useMemo, useState } from "react";
import { ROLE_NAMES, ROLES } from "../../../app/policy.js";
import { ApiError, post } from "../api.js";
import { Loading } from "../common.js";
import { useMe } from "../session.js";
import { useApi } from "../use-api.js";

interface Agency {
  id: number;
  name: string;
  parentId: number | null;
  kind?: string | null;
}

interface TreeNode {
  key: number;
  title: string;
  children: TreeNode[];
}

/** The visible agencies as a tree (roots: those whose parent is not visible). */
export function agencyTree(items: readonly Agency[]): TreeNode[] {
  const nodes = new Map(items.map((a) => [a.id, { key: a.id, title: a.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const a of items) {
    const parent = a.parentId === null ? undefined : nodes.get(a.parentId);
    (parent ? parent.children : roots).push(nodes.get(a.id)!);
  }
  return roots;
}

function NewUser({ agencies }: { agencies: Agency[] }) {
  const [form] = Form.useForm();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await post<{ id: number }>("/api/users", v, { quiet: true });
      setResult({ ok: true, text: `已创建用户 ${v.login}（编号 ${r.id}）` });
      form.resetFields();
    } catch (e) {
      setResult({ ok: false, text: e instanceof ApiError ? e.text : String(e) });
    }
  };
  return (
    <Card size="small" title="新建用户">
      <Form form={form} layout="vertical" initialValues={{ role: "clerk" }}>
        <Form.Item label="所属机关" name="agencyId" rules={[{ required: true, message: "请选择机关" }]}>
          <Select options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
        <Form.Item
          label="登录名"
          name="login"
          rules={[{ required: true, min: 2, message: "登录名至少 2 个字符" }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="name" rules={[{ required: true, message: "请填写姓名" }]}>
          <Input />
        </Form.Item>
        <Form.Item label="角色" name="role">
          <Select options={ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
        </Form.Item>
        <Form.Item label="初始密码" name="password" rules={[{ required: true, message: "请填写初始密码" }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" onClick={submit}>
          创建
        </Button>
        {result && (
          <Alert
            style={{ marginTop: 8 }}
            type={result.ok ? "success" : "error"}
            showIcon
            title={result.text}
          />
        )}
      </Form>
    </Card>
  );
}

/** The administration screen. */
export default function Admin() {
  const me = useMe();
  const state = useApi<{ items: Agency[] }>("/api/agencies");
  const tree = useMemo(() => agencyTree(state.data?.items ?? []), [state.data]);
  return (
    <Loading state={state}>
      {(d) => (
        <Row gutter={16}>
          <Col span={10}>
            <Card size="small" title={`机关（${d.items.length} 个）`}>
              <Tree treeData={tree} defaultExpandAll selectable={false} />
            </Card>
          </Col>
          <Col span={14}>
            {me.role === "admin" ? (
              <NewUser agencies={d.items} />
            ) : (
              <Typography.Paragraph type="secondary">创建和管理用户由系统管理员负责。</Typography.Paragraph>
            )}
          </Col>
        </Row>
      )}
    </Loading>
  );
}
