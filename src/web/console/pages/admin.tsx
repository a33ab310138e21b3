/**
 * 用户与机关 (系统管理员 and 公开办管理员, each in its own agency and the agencies below): the agency
 * tree (select a node to filter the users; create an agency below it; rename it), and the users
 * table (filter by role or text; edit name and role, deactivate and reactivate, reset the password;
 * create a user). API: GET/POST/PATCH /api/agencies, GET/POST/PATCH /api/users.
 */
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tree,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { AGENCY_KINDS } from "../../../app/agency-kinds.js";
import { ROLE_NAMES } from "../../../app/policy.js";
import { ApiError, qs, request } from "../api.js";
import { Loading } from "../common.js";
import { useMe } from "../session.js";
import { useApi } from "../use-api.js";
import {
  type Agency,
  administers,
  agencyTree,
  assignableRoles,
  canEditAgency,
  type UserItem,
  userActions,
} from "./admin-model.js";

export { agencyTree } from "./admin-model.js";

const PAGE_SIZE = 20;
const MIN_PASSWORD = 12;
const kindOptions = Object.entries(AGENCY_KINDS).map(([value, label]) => ({ value, label }));
const errorText = (e: unknown) => (e instanceof ApiError ? e.text : String(e));

/** A modal form that sends one request; shows the server's Chinese error in place. */
function FormDialog<T extends object>(props: {
  title: string;
  okText: string;
  initial?: Partial<T>;
  onSubmit(values: T): Promise<unknown>;
  onClose(done: boolean): void;
  children: React.ReactNode;
}) {
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(values);
      props.onClose(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText="取消"
      onOk={submit}
      confirmLoading={busy}
      onCancel={() => props.onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={props.initial} preserve={false}>
        {props.children}
        {error && (
          <Alert type="error" showIcon title={error} data-testid="dialog-error" style={{ marginTop: 8 }} />
        )}
      </Form>
    </Modal>
  );
}

const nameRule = { required: true, whitespace: true, max: 100, message: "请填写名称（不超过 100 个字符）" };
const passwordRules = [{ required: true, min: MIN_PASSWORD, message: `密码至少 ${MIN_PASSWORD} 个字符` }];

type Dialog =
  | { kind: "new-agency"; parent: Agency }
  | { kind: "edit-agency"; agency: Agency }
  | { kind: "new-user"; agencyId?: number }
  | { kind: "edit-user"; user: UserItem }
  | { kind: "password"; user: UserItem };

/** The administration screen. */
export default function Admin() {
  const me = useMe();
  const agencies = useApi<{ items: Agency[] }>("/api/agencies");
  const [selected, setSelected] = useState<number>();
  const [role, setRole] = useState<string>();
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState(1);
  const users = useApi<{ items: UserItem[]; total: number }>(
    `/api/users${qs({ agencyId: selected, role, q, page, pageSize: PAGE_SIZE })}`,
  );
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const tree = useMemo(() => agencyTree(agencies.data?.items ?? []), [agencies.data]);
  const byId = useMemo(() => new Map((agencies.data?.items ?? []).map((a) => [a.id, a])), [agencies.data]);
  const chosen = selected === undefined ? undefined : byId.get(selected);
  const manages = administers(me);
  const roles = assignableRoles(me);

  const patchUser = (u: UserItem, body: object) =>
    request("PATCH", `/api/users/${u.id}`, body, { quiet: true });
  const toggle = async (u: UserItem) => {
    try {
      await patchUser(u, { active: !u.active });
      setNotice({ ok: true, text: u.active ? `已停用 ${u.login}，其登录会话已结束` : `已启用 ${u.login}` });
    } catch (e) {
      setNotice({ ok: false, text: errorText(e) });
    }
    users.reload();
  };
  const closed = (reload: "agencies" | "users") => (done: boolean) => {
    setDialog(undefined);
    if (done) (reload === "agencies" ? agencies : users).reload();
  };

  return (
    <Loading state={agencies}>
      {(d) => (
        <Row gutter={16}>
          <Col span={8}>
            <Card
              size="small"
              title={`机关（${d.items.length} 个）`}
              extra={
                manages && (
                  <Space size={4}>
                    <Button
                      size="small"
                      disabled={!chosen}
                      data-testid="new-agency"
                      onClick={() => chosen && setDialog({ kind: "new-agency", parent: chosen })}
                    >
                      新建下级机关
                    </Button>
                    <Button
                      size="small"
                      disabled={!chosen || !canEditAgency(me, chosen.id)}
                      data-testid="edit-agency"
                      onClick={() => chosen && setDialog({ kind: "edit-agency", agency: chosen })}
                    >
                      修改
                    </Button>
                  </Space>
                )
              }
            >
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {chosen ? (
                  <>
                    已选：{chosen.name}（
                    {AGENCY_KINDS[chosen.kind as keyof typeof AGENCY_KINDS] ?? "类型未定"}）
                    <Button
                      type="link"
                      size="small"
                      onClick={() => {
                        setSelected(undefined);
                        setPage(1);
                      }}
                    >
                      显示全部机关的用户
                    </Button>
                  </>
                ) : (
                  "选择机关以筛选用户、新建下级机关"
                )}
              </Typography.Paragraph>
              <div style={{ maxHeight: 520, overflow: "auto" }} data-testid="agency-tree">
                <Tree
                  treeData={tree}
                  defaultExpandAll
                  selectedKeys={selected === undefined ? [] : [selected]}
                  onSelect={(keys) => {
                    setSelected(keys.length ? Number(keys[0]) : undefined);
                    setPage(1);
                  }}
                />
              </div>
            </Card>
          </Col>
          <Col span={16}>
            <Card
              size="small"
              title={chosen ? `用户：${chosen.name}` : "用户：全部可见机关"}
              extra={
                manages && (
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => setDialog({ kind: "new-user", agencyId: selected })}
                  >
                    新建用户
                  </Button>
                )
              }
            >
              <Space style={{ marginBottom: 8 }} wrap>
                <Select
                  allowClear
                  placeholder="全部角色"
                  aria-label="按角色筛选"
                  style={{ width: 150 }}
                  value={role}
                  options={Object.entries(ROLE_NAMES).map(([value, label]) => ({ value, label }))}
                  onChange={(v) => {
                    setRole(v);
                    setPage(1);
                  }}
                />
                <Input.Search
                  allowClear
                  placeholder="登录名或姓名"
                  aria-label="搜索用户"
                  style={{ width: 220 }}
                  onSearch={(v) => {
                    setQ(v.trim() || undefined);
                    setPage(1);
                  }}
                />
              </Space>
              {notice && (
                <Alert
                  type={notice.ok ? "success" : "error"}
                  showIcon
                  closable
                  title={notice.text}
                  data-testid="admin-notice"
                  onClose={() => setNotice(undefined)}
                  style={{ marginBottom: 8 }}
                />
              )}
              {users.error ? (
                <Alert type="error" showIcon title={users.error.text} />
              ) : (
                <Table<UserItem>
                  rowKey="id"
                  size="small"
                  data-testid="users"
                  loading={users.loading}
                  dataSource={users.data?.items ?? []}
                  pagination={{
                    current: page,
                    pageSize: PAGE_SIZE,
                    total: users.data?.total ?? 0,
                    showSizeChanger: false,
                    showTotal: (t) => `共 ${t} 人`,
                    onChange: setPage,
                  }}
                  columns={[
                    { title: "登录名", dataIndex: "login", width: 120, ellipsis: true },
                    { title: "姓名", dataIndex: "name", width: 110, ellipsis: true },
                    { title: "角色", width: 110, render: (_, u) => ROLE_NAMES[u.role] },
                    { title: "机关", dataIndex: "agencyName", ellipsis: true },
                    {
                      title: "状态",
                      width: 70,
                      render: (_, u) =>
                        u.active ? (
                          <Tag color="green" data-testid="user-state">
                            启用
                          </Tag>
                        ) : (
                          <Tag data-testid="user-state">停用</Tag>
                        ),
                    },
                    {
                      title: "操作",
                      width: 190,
                      render: (_, u) => {
                        const can = userActions(me, u);
                        return (
                          <Space size={0}>
                            {can.edit && (
                              <Button
                                type="link"
                                size="small"
                                onClick={() => setDialog({ kind: "edit-user", user: u })}
                              >
                                编辑
                              </Button>
                            )}
                            {can.toggle &&
                              (u.active ? (
                                <Popconfirm
                                  title={`停用 ${u.name}（${u.login}）？`}
                                  description="停用后其登录会话立即结束，不能再登录。"
                                  okText="停用"
                                  cancelText="取消"
                                  onConfirm={() => toggle(u)}
                                >
                                  <Button type="link" size="small" danger>
                                    停用
                                  </Button>
                                </Popconfirm>
                              ) : (
                                <Button type="link" size="small" onClick={() => toggle(u)}>
                                  启用
                                </Button>
                              ))}
                            {can.password && (
                              <Button
                                type="link"
                                size="small"
                                onClick={() => setDialog({ kind: "password", user: u })}
                              >
                                重置密码
                              </Button>
                            )}
                          </Space>
                        );
                      },
                    },
                  ]}
                />
              )}
            </Card>
          </Col>
          {dialog?.kind === "new-agency" && (
            <FormDialog<{ name: string; kind: string }>
              title={`在“${dialog.parent.name}”下新建机关`}
              okText="创建"
              initial={{ kind: "department" }}
              onSubmit={async (v) => {
                const made = await request<Agency>(
                  "POST",
                  "/api/agencies",
                  { ...v, name: v.name.trim(), parentId: dialog.parent.id },
                  { quiet: true },
                );
                setSelected(made.id);
                setNotice({ ok: true, text: `已创建机关 ${made.name}` });
              }}
              onClose={closed("agencies")}
            >
              <Form.Item label="机关名称" name="name" rules={[nameRule]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item label="机关类型" name="kind" rules={[{ required: true, message: "请选择类型" }]}>
                <Select options={kindOptions} />
              </Form.Item>
            </FormDialog>
          )}
          {dialog?.kind === "edit-agency" && (
            <FormDialog<{ name: string; kind: string }>
              title={`修改机关：${dialog.agency.name}`}
              okText="保存"
              initial={{ name: dialog.agency.name, kind: dialog.agency.kind ?? undefined }}
              onSubmit={(v) =>
                request(
                  "PATCH",
                  `/api/agencies/${dialog.agency.id}`,
                  { ...v, name: v.name.trim() },
                  { quiet: true },
                )
              }
              onClose={(done) => {
                closed("agencies")(done);
                if (done) users.reload();
              }}
            >
              <Form.Item label="机关名称" name="name" rules={[nameRule]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item label="机关类型" name="kind" rules={[{ required: true, message: "请选择类型" }]}>
                <Select options={kindOptions} />
              </Form.Item>
            </FormDialog>
          )}
          {dialog?.kind === "new-user" && (
            <FormDialog<{ agencyId: number; login: string; name: string; role: string; password: string }>
              title="新建用户"
              okText="创建"
              initial={{ role: "clerk", agencyId: dialog.agencyId }}
              onSubmit={async (v) => {
                const r = await request<{ id: number }>("POST", "/api/users", v, { quiet: true });
                setNotice({ ok: true, text: `已创建用户 ${v.login}（编号 ${r.id}）` });
              }}
              onClose={closed("users")}
            >
              <Form.Item label="所属机关" name="agencyId" rules={[{ required: true, message: "请选择机关" }]}>
                <Select options={d.items.map((a) => ({ value: a.id, label: a.name }))} />
              </Form.Item>
              <Form.Item
                label="登录名"
                name="login"
                rules={[
                  {
                    required: true,
                    pattern: /^[A-Za-z0-9._@-]{2,64}$/,
                    message: "登录名应为 2–64 个字母、数字或 . _ @ -",
                  },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item label="姓名" name="name" rules={[nameRule]}>
                <Input />
              </Form.Item>
              <Form.Item label="角色" name="role">
                <Select options={roles.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
              </Form.Item>
              <Form.Item label="初始密码" name="password" rules={passwordRules}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </FormDialog>
          )}
          {dialog?.kind === "edit-user" && (
            <FormDialog<{ name: string; role?: string }>
              title={`编辑用户：${dialog.user.login}`}
              okText="保存"
              initial={{ name: dialog.user.name, role: dialog.user.role }}
              onSubmit={(v) => {
                const body: { name: string; role?: string } = { name: v.name.trim() };
                if (v.role && v.role !== dialog.user.role) body.role = v.role;
                return patchUser(dialog.user, body);
              }}
              onClose={closed("users")}
            >
              <Form.Item label="姓名" name="name" rules={[nameRule]}>
                <Input />
              </Form.Item>
              <Form.Item
                label="角色"
                name="role"
                extra={userActions(me, dialog.user).role ? undefined : "不能更改自己的角色"}
              >
                <Select
                  disabled={!userActions(me, dialog.user).role}
                  options={roles.map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
                />
              </Form.Item>
            </FormDialog>
          )}
          {dialog?.kind === "password" && (
            <FormDialog<{ password: string; confirm: string }>
              title={`重置密码：${dialog.user.name}（${dialog.user.login}）`}
              okText="重置"
              onSubmit={async (v) => {
                await patchUser(dialog.user, { password: v.password });
                setNotice({
                  ok: true,
                  text:
                    dialog.user.id === me.id
                      ? "已重置您的密码"
                      : `已重置 ${dialog.user.login} 的密码，其登录会话已结束`,
                });
              }}
              onClose={closed("users")}
            >
              <Form.Item label="新密码" name="password" rules={passwordRules}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                label="再次输入新密码"
                name="confirm"
                dependencies={["password"]}
                rules={[
                  { required: true, message: "请再次输入新密码" },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      !value || value === getFieldValue("password")
                        ? Promise.resolve()
                        : Promise.reject(new Error("两次输入的密码不一致")),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </FormDialog>
          )}
        </Row>
      )}
    </Loading>
  );
}
