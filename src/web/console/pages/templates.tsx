/**
 * 文书模板: the agency's letter texts (GET /api/letter-templates), one per kind — the five step letters
 * and a 答复书 per outcome. 审核人 and 负责人 edit them (policy letter.template.edit; PUT
 * /api/letter-templates/:kind); everyone else reads. The placeholders are explained beside the editor,
 * the text is checked as the server checks it, and a preview shows it filled with a sample case.
 */
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Menu,
  Row,
  Space,
  Tag,
  Typography,
} from "antd";
import type { TextAreaRef } from "antd/es/input/TextArea.js";
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError, download, put } from "../api.js";
import { chinaDateTime, ErrorView, Loading } from "../common.js";
import { useMe } from "../session.js";
import {
  insertPlaceholder,
  previewTemplate,
  type TemplateItem,
  type TemplateList,
  templateProblems,
  usedPlaceholders,
} from "../templates-model.js";
import { useApi } from "../use-api.js";

/** Roles of policy letter.template.edit (src/app/policy.ts; the server decides again on save). */
const EDITORS = new Set(["reviewer", "head"]);

function Editor({
  item,
  list,
  canEdit,
  onSaved,
  onDirty,
}: {
  item: TemplateItem;
  list: TemplateList;
  canEdit: boolean;
  onSaved(): void;
  /** Whether the text differs from the saved one (the screen asks before leaving it). */
  onDirty(dirty: boolean): void;
}) {
  const { message } = AntApp.useApp();
  const [title, setTitle] = useState(item.title);
  const [body, setBody] = useState(item.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const bodyRef = useRef<TextAreaRef>(null);
  useEffect(() => {
    setTitle(item.title);
    setBody(item.body);
    setError(undefined);
  }, [item]);
  const text = { title, body };
  const problems = templateProblems(text);
  const used = new Set(usedPlaceholders(text));
  const preview = previewTemplate(text, list.remedies, item.name);
  const dirty = title !== item.title || body !== item.body;
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const insert = (name: string) => {
    const el = bodyRef.current?.resizableTextArea?.textArea;
    const r = insertPlaceholder(body, name, el?.selectionStart ?? body.length);
    setBody(r.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(r.caret, r.caret);
    });
  };
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await put(`/api/letter-templates/${encodeURIComponent(item.kind)}`, { title, body }, { quiet: true });
      void message.success(`${item.name}模板已保存，此后生成和出具的文书使用新文本`);
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Row gutter={16}>
      <Col span={14}>
        <Card
          size="small"
          title={
            <Space>
              <span data-testid="template-name">{item.name}</span>
              {item.custom ? <Tag color="blue">本机关文本</Tag> : <Tag>系统默认文本</Tag>}
            </Space>
          }
          extra={
            item.updatedAt ? (
              <Typography.Text type="secondary">
                {item.updatedBy} 修改于 {chinaDateTime(item.updatedAt)}
              </Typography.Text>
            ) : null
          }
        >
          {!canEdit && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="只读：文书模板由本机关审核人、负责人修改"
            />
          )}
          <Form layout="vertical">
            <Form.Item label="标题" htmlFor="template-title">
              <Input
                id="template-title"
                value={title}
                readOnly={!canEdit}
                maxLength={60}
                onChange={(e) => setTitle(e.target.value)}
              />
            </Form.Item>
            <Form.Item
              label="正文（每行一段，第一行为称呼；占位符用 {名称}，制作文书时替换为本件的内容）"
              htmlFor="template-body"
            >
              <Input.TextArea
                id="template-body"
                ref={bodyRef}
                value={body}
                readOnly={!canEdit}
                rows={10}
                onChange={(e) => setBody(e.target.value)}
              />
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            每份文书末尾由系统附加申请人的救济途径（不可修改）：{preview.remedies}
          </Typography.Paragraph>
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="template-problems"
              title="模板有误，修改后才能保存"
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
          {canEdit && (
            <Space style={{ marginTop: 12 }}>
              <Button
                type="primary"
                data-testid="template-save"
                disabled={!dirty || problems.length > 0}
                loading={busy}
                onClick={save}
              >
                保存
              </Button>
              <Button
                disabled={!dirty}
                onClick={() => {
                  setTitle(item.title);
                  setBody(item.body);
                }}
              >
                撤销修改
              </Button>
            </Space>
          )}
        </Card>
        <Card
          size="small"
          title="预览（以示例申请填充）"
          style={{ marginTop: 16 }}
          extra={
            <Button
              size="small"
              data-testid="template-sample"
              disabled={problems.length > 0}
              onClick={() =>
                download(
                  `/api/letter-templates/${encodeURIComponent(item.kind)}/sample`,
                  `示例-${item.name}.docx`,
                  "POST",
                  { title, body },
                ).catch(() => {})
              }
            >
              下载示例 DOCX
            </Button>
          }
        >
          <div data-testid="template-preview" className="gk-letter-preview">
            <Typography.Title level={5} style={{ textAlign: "center" }}>
              {preview.title}
            </Typography.Title>
            {preview.lines.map((l, i) => (
              // Paragraphs of a text being edited have no identity beyond their place.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <p key={i} style={i === 0 ? undefined : { textIndent: "2em" }}>
                {l}
              </p>
            ))}
            <p style={{ textIndent: "2em" }}>{preview.remedies}</p>
          </div>
        </Card>
      </Col>
      <Col span={10}>
        <Card size="small" title="可用的占位符">
          <Descriptions size="small" column={1} bordered>
            {Object.entries(list.placeholders).map(([name, meaning]) => (
              <Descriptions.Item
                key={name}
                label={
                  canEdit ? (
                    <Button
                      size="small"
                      type={used.has(name) ? "primary" : "default"}
                      title={`在光标处插入 {${name}}`}
                      onClick={() => insert(name)}
                    >
                      {`{${name}}`}
                    </Button>
                  ) : (
                    <Tag color={used.has(name) ? "blue" : undefined}>{`{${name}}`}</Tag>
                  )
                }
              >
                {meaning}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
            本件没有相应内容的占位符（如未收费时的收费金额）在文书中留作“________”，由经办人手工填写。
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}

/** The letter templates screen of the user's agency. */
export default function Templates() {
  const me = useMe();
  const state = useApi<TemplateList>("/api/letter-templates");
  const [kind, setKind] = useState<string>();
  const [dirty, setDirty] = useState(false);
  const { modal } = AntApp.useApp();
  const canEdit = EDITORS.has(me.role);
  const selected = useMemo(
    () => state.data?.items.find((i) => i.kind === kind) ?? state.data?.items[0],
    [state.data, kind],
  );
  if (state.error) return <ErrorView error={state.error} />;
  return (
    <Loading state={state}>
      {(list) => (
        <Row gutter={16}>
          <Col span={5}>
            <Card size="small" title={`${me.agency.name} · 文书模板`}>
              <Menu
                mode="inline"
                style={{ borderInlineEnd: "none" }}
                selectedKeys={selected ? [selected.kind] : []}
                onClick={(e) => {
                  if (e.key === selected?.kind) return;
                  if (!dirty) return setKind(e.key);
                  modal.confirm({
                    title: "放弃未保存的修改？",
                    content: `「${selected?.name ?? ""}」的修改尚未保存，切换后将丢失。`,
                    okText: "放弃修改",
                    cancelText: "继续编辑",
                    onOk: () => setKind(e.key),
                  });
                }}
                items={list.items.map((t) => ({
                  key: t.kind,
                  title: t.name,
                  label: (
                    <span data-testid={`template-${t.kind}`}>
                      {t.name}
                      {t.custom ? "（已修改）" : ""}
                    </span>
                  ),
                }))}
              />
            </Card>
          </Col>
          <Col span={19}>
            {selected ? (
              <Editor
                item={selected}
                list={list}
                canEdit={canEdit}
                onSaved={state.reload}
                onDirty={setDirty}
              />
            ) : (
              <Empty description="没有文书模板" />
            )}
          </Col>
        </Row>
      )}
    </Loading>
  );
}
