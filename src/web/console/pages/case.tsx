/**
 * Case page: the application, its applicant (masked until revealed — the reveal is audited), the
 * event timeline with each step's letter, and the next steps the law allows (case-actions.ts).
 */
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { ROLE_NAMES, type Role } from "../../../app/policy.js";
import { EVENT_LABEL } from "../../../domain/cases/index.js";
import {
  APPLICATION_ROW,
  type ApplicationRowKey,
  applicationRowFullLabel,
} from "../../../domain/report/definition.js";
import { letterName } from "../../../render/letters/templates.js";
import { ApiError, download, post, qs, request, UNAVAILABLE } from "../api.js";
import { chinaToday, decideSteps, STEP_LABEL, type Step } from "../case-actions.js";
import { chinaDateTime, ErrorView, Loading, type Page } from "../common.js";
import { navigate } from "../router.js";
import { useMe } from "../session.js";
import { useApi } from "../use-api.js";
import { APPLICANT_TYPE_LABEL, CHANNEL_LABEL, daysLeftText, STATUS_BADGE } from "../worklist-model.js";
import {
  APPLICANT_FIELDS,
  type CaseDetail,
  eventFacts,
  handlerOptions,
  type IssuedLetter,
  LETTER_OF_EVENT,
  normaliseDetail,
  type StaffUser,
} from "./case-model.js";
import { StepForm } from "./step-form.js";

function Applicant({
  id,
  masked,
  canReveal,
}: {
  id: string;
  masked: Record<string, string>;
  canReveal: boolean;
}) {
  const [full, setFull] = useState<Record<string, string>>();
  const [error, setError] = useState<string>();
  const reveal = async () => {
    try {
      const res = await post<Record<string, unknown>>(`/api/applications/${id}/reveal`, {}, { quiet: true });
      setFull((res.applicant ?? res) as Record<string, string>);
    } catch (e) {
      setError(e instanceof ApiError ? e.text : String(e));
    }
  };
  const shown = full ?? masked;
  return (
    <Card
      size="small"
      title="申请人"
      extra={
        full ? (
          <Tag color="orange">已显示完整信息（已记入审计）</Tag>
        ) : !canReveal ? (
          <Tag>个人信息已脱敏（仅本件经办人及本机关审核人、负责人可查看）</Tag>
        ) : (
          <Popconfirm
            title="查看完整个人信息"
            description="申请人的身份证件号码、电话和地址仅供办理本申请使用；查看操作将记入审计日志（查看人、时间）。"
            okText="查看"
            cancelText="取消"
            onConfirm={reveal}
          >
            <Button size="small" data-testid="reveal">
              查看完整信息
            </Button>
          </Popconfirm>
        )
      }
    >
      <Descriptions size="small" column={1}>
        {APPLICANT_FIELDS.filter((f) => shown[f.key]).map((f) => (
          <Descriptions.Item key={f.key} label={f.label}>
            <span data-testid={`applicant-${f.key}`}>{shown[f.key]}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
      {error && <Alert type="error" showIcon title={error} />}
    </Card>
  );
}

const roleName = (r: string) => ROLE_NAMES[r as Role] ?? r;

/** The handler: named from the agency's staff (GET /api/users), reassigned with PATCH {handlerId}. */
function Handler({
  id,
  agencyId,
  handlerId,
  canEdit,
  onChanged,
}: {
  id: string;
  agencyId: number | null;
  handlerId: number | null;
  canEdit: boolean;
  onChanged(): void;
}) {
  const { message } = AntApp.useApp();
  // The whole staff of the agency in one page (the route's largest page, app/accounts.ts MAX_USERS_PAGE).
  const users = useApi<Page<StaffUser>>(agencyId ? `/api/users${qs({ agencyId, pageSize: 200 })}` : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const options = handlerOptions(users.data?.items ?? [], handlerId, roleName);
  const current = users.data?.items.find((u) => u.id === handlerId);
  const assign = async (next: number | null) => {
    setBusy(true);
    setError(undefined);
    try {
      await request("PATCH", `/api/applications/${id}`, { handlerId: next }, { quiet: true });
      const who = users.data?.items.find((u) => u.id === next)?.name;
      void message.success(next === null ? "已取消指定经办人" : `已改由${who ?? `用户 ${next}`}办理`);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="经办人">
      <Space orientation="vertical" style={{ width: "100%" }}>
        <span data-testid="handler-name">
          {handlerId === null
            ? "尚未指定"
            : current
              ? `${current.name}（${roleName(current.role)}）`
              : `用户 ${handlerId}`}
        </span>
        {canEdit &&
          (users.error ? (
            <Typography.Text type="secondary">
              改派经办人：{users.error.unavailable ? UNAVAILABLE : users.error.text}
            </Typography.Text>
          ) : (
            <Select<number>
              data-testid="handler-select"
              aria-label="改派经办人"
              style={{ width: 280 }}
              placeholder="改派给本机关的办理人员"
              loading={users.loading || busy}
              disabled={busy}
              value={handlerId ?? undefined}
              options={options}
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              onChange={(v) => {
                const next = v ?? null;
                if (next !== handlerId) void assign(next);
              }}
            />
          ))}
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Card>
  );
}

/** The letters issued on the case (frozen bytes), each downloadable as served. */
function IssuedLetters({ id, letters, canOpen }: { id: string; letters: IssuedLetter[]; canOpen: boolean }) {
  const { message } = AntApp.useApp();
  const open = (l: IssuedLetter) =>
    download(`/api/applications/${id}/issued-letters/${l.id}`, l.fileName).catch((e: unknown) => {
      if (e instanceof ApiError && e.unavailable) void message.info(`${l.fileName}：${UNAVAILABLE}`);
    });
  return (
    <Card size="small" title={`已出具的文书（${letters.length}）`}>
      <Table<IssuedLetter>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={letters}
        locale={{ emptyText: "尚未出具文书：在办理记录中点击“出具并存档”" }}
        data-testid="issued-letters"
        columns={[
          { title: "文书", render: (_, l) => letterName(l.kind) },
          {
            title: "出具时间",
            width: 150,
            render: (_, l) => chinaDateTime(l.issuedAt),
          },
          { title: "出具人", width: 90, dataIndex: "issuedBy" },
          {
            title: "原文",
            width: 110,
            // The frozen bytes carry the applicant's name: the agency's own staff only (case.edit).
            render: (_, l) =>
              !canOpen ? (
                <Typography.Text type="secondary">仅本机关办理人员可下载</Typography.Text>
              ) : (
                <Button
                  size="small"
                  type="link"
                  data-testid={`issued-${l.id}`}
                  aria-label={`下载已出具的${letterName(l.kind)}`}
                  onClick={() => open(l)}
                >
                  下载 DOCX
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

function outcomeLabel(k: string): string {
  const r = APPLICATION_ROW[k as ApplicationRowKey];
  return r ? applicationRowFullLabel(r) : k;
}

function Steps({ d, onRecord }: { d: CaseDetail; onRecord(s: Step): void }) {
  const me = useMe();
  const decisions = useMemo(
    () =>
      decideSteps(
        d.events.map((e) => e.event),
        me.role,
        chinaToday(),
      ),
    [d.events, me.role],
  );
  return (
    <Card size="small" title="办理">
      <Space wrap>
        {decisions.map((x) => (
          <Tooltip key={x.step} title={x.allowed ? undefined : x.reason}>
            <Button
              data-testid={`step-${x.step}`}
              disabled={!x.allowed}
              type={x.step === "replied" ? "primary" : "default"}
              onClick={() => onRecord(x.step)}
            >
              {STEP_LABEL[x.step]}
            </Button>
          </Tooltip>
        ))}
      </Space>
    </Card>
  );
}

function CaseView({ id, d, reload }: { id: string; d: CaseDetail; reload(): void }) {
  const [step, setStep] = useState<Step>();
  const { message } = AntApp.useApp();
  // 出具: the served text is frozen with its step (the portal shows the reply letter once served).
  const issue = (kind: string, label: string) =>
    post(`/api/applications/${id}/letters/${kind}`).then(
      () => {
        void message.success(`${label}已出具并存档`);
        reload();
      },
      () => {},
    );
  const badge = STATUS_BADGE[d.item.status];
  const letter = (kind: string, label: string) =>
    download(`/api/applications/${id}/letters/${kind}`, `${d.item.ref}-${label}.docx`).catch((e: unknown) => {
      if (e instanceof ApiError && e.unavailable) void message.info(`${label}：${UNAVAILABLE}`);
    });
  return (
    <Row gutter={16}>
      <Col span={15}>
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Card
            size="small"
            title={
              <Space>
                <span>申请 {d.item.ref}</span>
                <Tag color={badge?.color} data-testid="case-status">
                  {badge?.text ?? d.item.status}
                </Tag>
              </Space>
            }
            extra={<Button onClick={() => navigate("/worklist")}>返回待办</Button>}
          >
            <Descriptions size="small" column={2}>
              <Descriptions.Item label="申请内容" span={2}>
                {d.item.subject}
              </Descriptions.Item>
              <Descriptions.Item label="申请人类型">
                {APPLICANT_TYPE_LABEL[d.applicantType] ?? ""}
              </Descriptions.Item>
              <Descriptions.Item label="申请方式">
                {CHANNEL_LABEL[d.item.channel] ?? d.item.channel}
              </Descriptions.Item>
              <Descriptions.Item label="收到日期">{d.item.receivedOn}</Descriptions.Item>
              <Descriptions.Item label="答复期限">
                <span data-testid="due-date">{d.item.dueDate ?? "—"}</span>
              </Descriptions.Item>
              <Descriptions.Item label="剩余工作日">{daysLeftText(d.item)}</Descriptions.Item>
              {d.state?.extensionWorkingDays ? (
                <Descriptions.Item label="已延长">{d.state.extensionWorkingDays} 个工作日</Descriptions.Item>
              ) : null}
              {d.state?.waitingUntil && (
                <Descriptions.Item label="等待至">{d.state.waitingUntil}</Descriptions.Item>
              )}
              {d.state?.outcome && (
                <Descriptions.Item label="办理结果" span={2}>
                  {outcomeLabel(d.state.outcome)}（{d.state.closedOn}）
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          {d.item.problem && (
            <Alert
              type={d.item.status === "no_calendar" ? "warning" : "error"}
              showIcon
              title={d.item.status === "no_calendar" ? "答复期限暂无法推算" : "办理记录有误"}
              description={d.item.problem}
            />
          )}
          {d.violations.length > 0 && (
            <Alert
              type="error"
              showIcon
              title="违反法定要求的情形"
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {d.violations.map((v) => (
                    <li key={`${v.id}${v.message}`}>
                      {v.message}
                      {v.basis ? `（${v.basis}）` : ""}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <Steps d={d} onRecord={setStep} />
          <Applicant id={id} masked={d.applicant} canReveal={d.can?.reveal ?? true} />
          <Handler
            id={id}
            agencyId={d.agencyId}
            handlerId={d.handlerId}
            canEdit={d.can?.edit !== false}
            onChanged={reload}
          />
          <IssuedLetters id={id} letters={d.letters} canOpen={d.can?.edit !== false} />
        </Space>
      </Col>
      <Col span={9}>
        <Card size="small" title="办理记录">
          <Timeline
            items={d.events.map((e) => {
              const l = LETTER_OF_EVENT[e.event.type];
              return {
                key: e.seq,
                content: (
                  <div data-testid={`event-${e.event.type}`}>
                    <Typography.Text strong>{EVENT_LABEL[e.event.type] ?? e.event.type}</Typography.Text>{" "}
                    <Typography.Text type="secondary">{e.event.date}</Typography.Text>
                    <div>
                      {e.event.type === "replied"
                        ? `办理结果：${outcomeLabel(e.event.outcome)}`
                        : e.event.type === "received"
                          ? `申请方式：${CHANNEL_LABEL[e.event.channel] ?? e.event.channel}`
                          : eventFacts(e.event)}
                    </div>
                    {e.by && <Typography.Text type="secondary">登记人：{e.by}</Typography.Text>}
                    {l && (
                      <div>
                        <Button
                          size="small"
                          type="link"
                          data-testid={`letter-${l.kind}`}
                          onClick={() => letter(l.kind, l.label)}
                        >
                          下载{l.label}（DOCX）
                        </Button>
                        {d.can?.edit !== false && (
                          <Button
                            size="small"
                            type="link"
                            data-testid={`issue-${l.kind}`}
                            onClick={() => issue(l.kind, l.label)}
                          >
                            出具并存档
                          </Button>
                        )}
                      </div>
                    )}
                  </div>
                ),
              };
            })}
          />
        </Card>
      </Col>
      {step && (
        <StepForm
          caseId={id}
          step={step}
          events={d.events.map((e) => e.event)}
          onDone={(saved) => {
            setStep(undefined);
            if (saved) reload();
          }}
        />
      )}
    </Row>
  );
}

/** The case page for application `id`. */
export default function CasePage({ id }: { id: number | string }) {
  const state = useApi<Record<string, unknown>>(`/api/applications/${id}`);
  if (state.error) return <ErrorView error={state.error} />;
  return (
    <Loading state={state}>
      {(raw) => <CaseView id={String(id)} d={normaliseDetail(raw)} reload={state.reload} />}
    </Loading>
  );
}
