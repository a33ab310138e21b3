/**
 * Letters of a case: the agency's editable templates (shipped defaults until it saves its own),
 * rendering a letter for a case from its events and derived state, issuing it (the DOCX frozen with
 * the event it goes with, so the portal can show the reply as served), and reading issued letters.
 */
import { type CaseEvent, replayEvents } from "../domain/cases/index.js";
import { GongkaiError } from "../domain/errors.js";
import { chineseDate, renderLetterDocx } from "../render/letters/docx.js";
import {
  checkTemplate,
  defaultTemplate,
  fillTemplate,
  LETTER_KINDS,
  type LetterTemplate,
  letterName,
  outcomeLabel,
  PLACEHOLDERS,
  REMEDIES,
  SAMPLE_VALUES,
} from "../render/letters/templates.js";
import { type ApplicationRow, type EventRow, loadEvents } from "../store/cases.js";
import type { Db } from "../store/db.js";
import {
  agencyTemplates,
  findIssuedLetter,
  type IssuedLetterInfo,
  insertIssuedLetter,
  listIssuedLetters,
  saveTemplate,
} from "../store/letters.js";
import { inTransaction } from "../store/transaction.js";
import { caseClock } from "./case-clock.js";
import { loadAuthorized } from "./case-detail.js";
import { derivedState, deriveSafely } from "./case-state.js";
import { type Actor, authorize } from "./policy.js";

/** The event each step letter goes with; a 答复书 goes with the event that closed the case. */
const EVENT_OF_KIND: Record<string, readonly string[]> = {
  receipt: ["received"],
  correction: ["correction_requested"],
  extension: ["extension_approved"],
  consultation: ["consultation_started"],
  fee: ["fee_notice"],
  reply: ["replied", "correction_expired", "fee_expired", "withdrawn"],
};

export interface TemplateView extends LetterTemplate {
  kind: string;
  name: string;
  /** True when the agency saved its own text (false: the shipped default). */
  custom: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Every kind's template for an agency (case.read on it), with the placeholders templates may use. */
export async function listTemplates(
  db: Db,
  actor: Actor,
  agencyId = actor.agencyId,
): Promise<{ items: TemplateView[]; placeholders: Record<string, string>; remedies: string }> {
  authorize(actor, "case.read", agencyId);
  const saved = new Map((await agencyTemplates(db, agencyId)).map((t) => [t.kind, t]));
  const items = LETTER_KINDS.map((kind) => {
    const s = saved.get(kind);
    const t = s ?? defaultTemplate(kind);
    return {
      kind,
      name: letterName(kind),
      title: t.title,
      body: t.body,
      custom: Boolean(s),
      updatedAt: s?.updatedAt ?? null,
      updatedBy: s?.updatedBy ?? null,
    };
  });
  return { items, placeholders: PLACEHOLDERS, remedies: REMEDIES };
}

/** Saves an agency's text of one kind (letter.template.edit); audited with the text it replaced. */
export async function saveLetterTemplate(
  db: Db,
  actor: Actor,
  kind: string,
  t: LetterTemplate & { agencyId?: number },
): Promise<TemplateView> {
  const agencyId = t.agencyId ?? actor.agencyId;
  authorize(actor, "letter.template.edit", agencyId);
  defaultTemplate(kind);
  const text = { title: t.title.trim(), body: t.body.replace(/\r\n?/g, "\n").trim() };
  checkTemplate(text);
  return inTransaction(db, actor.login, async (tx, record) => {
    const before = await saveTemplate(tx, agencyId, { kind, ...text }, actor.login);
    await record({
      action: "letter.template.save",
      entity: "letter_template",
      entityId: `${agencyId}:${kind}`,
      before,
      after: text,
    });
    return {
      kind,
      name: letterName(kind),
      ...text,
      custom: true,
      updatedAt: new Date().toISOString(),
      updatedBy: actor.login,
    };
  });
}

/** The kind a request names: "reply" is the 答复书 of the case's recorded outcome. */
function resolveKind(kind: string, outcome: string | undefined): string {
  if (kind !== "reply") {
    defaultTemplate(kind);
    return kind;
  }
  if (!outcome)
    throw new GongkaiError(
      "LETTER-NOT-READY",
      "本件尚未办结，无法确定答复书的类型；请先记录答复，或指定 reply.<办理结果>",
    );
  return `reply.${outcome}`;
}

interface Rendered {
  kind: string;
  fileName: string;
  docx: Buffer;
  eventSeq: number | null;
}

/** Renders a letter of the case from its events, derived state and the agency's template. */
async function render(db: Db, app: ApplicationRow, kind: string): Promise<Rendered> {
  const events = await loadEvents(db, app.id);
  const { today, calendar } = caseClock();
  const now = today();
  const state = deriveSafely(events, now, calendar());
  const derived = derivedState(state);
  const outcome = derived?.outcome;
  const resolved = resolveKind(kind, outcome);
  const last = (types: readonly string[]): EventRow | undefined =>
    events.filter((e) => types.includes(e.type)).at(-1);
  const event = last(EVENT_OF_KIND[resolved.startsWith("reply.") ? "reply" : resolved] ?? []);
  let payBy: string | undefined;
  try {
    payBy = replayEvents(events as unknown as CaseEvent[], now, calendar()).fees.at(-1)?.payBy;
  } catch {
    payBy = undefined;
  }
  const agency = await db
    .selectFrom("agency")
    .select("name")
    .where("id", "=", app.agencyId)
    .executeTakeFirstOrThrow();
  const cn = (d: unknown) => (typeof d === "string" ? chineseDate(d) : undefined);
  const values: Partial<Record<string, string>> = {
    申请人: app.applicant.name,
    申请编号: app.ref,
    收到日期: chineseDate(app.received),
    申请内容: app.subject,
    机关: agency.name,
    答复期限: cn(derived?.dueDate),
    今天: chineseDate(now),
    补正期限: cn(last(["correction_requested"])?.deadline),
    延长工作日数: last(["extension_approved"])?.workingDays?.toString(),
    收费金额: last(["fee_notice"])?.amountYuan?.toString(),
    缴费期限: cn(payBy),
    办理结果: outcome ? outcomeLabel(outcome) : undefined,
    查询码: app.trackingCode ?? undefined,
  };
  const saved = (await agencyTemplates(db, app.agencyId)).find((t) => t.kind === resolved);
  const t = saved ?? defaultTemplate(resolved);
  const docx = await letterDocx(resolved, t, values, agency.name, chineseDate(now));
  return {
    kind: resolved,
    fileName: `${app.ref}-${letterName(resolved)}.docx`,
    docx,
    eventSeq: event?.seq ?? null,
  };
}

/** A template filled with values as a DOCX, ending with the remedies sentence that names the letter by its title. */
function letterDocx(
  kind: string,
  t: { title: string; body: string },
  values: Record<string, string | undefined>,
  agency: string,
  date: string,
): Promise<Buffer> {
  return renderLetterDocx({
    title: fillTemplate(t.title, values),
    lines: fillTemplate(t.body, values)
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
    remedies: REMEDIES.replace("{文书}", t.title.replace(/^政府信息公开(申请)?/, "") || letterName(kind)),
    agency,
    date,
  });
}

/**
 * A text being edited, filled with the sample case, as a DOCX (case.read, like the template list):
 * a preview, not a letter — nothing is saved and no applicant's data is used.
 */
export async function sampleLetter(
  db: Db,
  actor: Actor,
  kind: string,
  input: { title: string; body: string; agencyId?: number | undefined },
): Promise<{ fileName: string; docx: Buffer }> {
  const agencyId = input.agencyId ?? actor.agencyId;
  authorize(actor, "case.read", agencyId);
  defaultTemplate(kind); // an unknown kind is refused here
  const text = { title: input.title.trim(), body: input.body.replace(/\r\n?/g, "\n").trim() };
  checkTemplate(text);
  const agency = await db
    .selectFrom("agency")
    .select("name")
    .where("id", "=", agencyId)
    .executeTakeFirstOrThrow();
  const docx = await letterDocx(
    kind,
    text,
    { ...SAMPLE_VALUES, 机关: agency.name },
    agency.name,
    SAMPLE_VALUES.今天 ?? "",
  );
  return { fileName: `示例-${letterName(kind)}.docx`, docx };
}

/** A letter of the case, rendered now (case.edit: it carries the applicant's name); audited. */
export async function renderCaseLetter(db: Db, actor: Actor, id: string, kind: string): Promise<Rendered> {
  const app = await loadAuthorized(db, actor, id, "case.edit");
  const r = await render(db, app, kind);
  await inTransaction(db, actor.login, (_tx, record) =>
    record({ action: "letter.render", entity: "application", entityId: app.id, after: { kind: r.kind } }),
  );
  return r;
}

/** Issues a letter: renders it and stores the bytes with the event it goes with (LETTER-NOT-READY without one). */
export async function issueLetter(
  db: Db,
  actor: Actor,
  id: string,
  kind: string,
): Promise<IssuedLetterInfo & { sha256: string }> {
  const app = await loadAuthorized(db, actor, id, "case.edit");
  const r = await render(db, app, kind);
  if (r.eventSeq === null)
    throw new GongkaiError(
      "LETTER-NOT-READY",
      `本件还没有与「${letterName(r.kind)}」对应的办理记录，不能出具`,
    );
  return inTransaction(db, actor.login, async (tx, record) => {
    const { id: letterId, sha256 } = await insertIssuedLetter(tx, {
      applicationId: app.id,
      kind: r.kind,
      eventSeq: r.eventSeq,
      fileName: r.fileName,
      docx: r.docx,
      by: actor.login,
    });
    await record({
      action: "letter.issue",
      entity: "issued_letter",
      entityId: letterId,
      after: { applicationId: app.id, kind: r.kind, eventSeq: r.eventSeq, sha256 },
    });
    return {
      id: letterId,
      kind: r.kind,
      fileName: r.fileName,
      eventSeq: r.eventSeq,
      issuedAt: new Date().toISOString(),
      issuedBy: actor.login,
      sha256,
    };
  });
}

/** An issued letter's frozen bytes (case.edit). */
export async function issuedLetterFile(db: Db, actor: Actor, id: string, letterId: string) {
  const app = await loadAuthorized(db, actor, id, "case.edit");
  const l = await findIssuedLetter(db, app.id, letterId);
  if (!l) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  return { fileName: l.file_name, docx: l.docx, sha256: l.sha256 };
}

/**
 * For the public portal (which has already matched the tracking code and check): the letters served
 * on an application, and the bytes of the latest 答复书 once it is served.
 */
export async function servedLetters(
  db: Db,
  applicationId: string,
): Promise<{ letters: IssuedLetterInfo[]; reply: { fileName: string; docx: Buffer } | null }> {
  const letters = await listIssuedLetters(db, applicationId);
  const last = letters.filter((l) => l.kind.startsWith("reply.")).at(-1);
  const file = last ? await findIssuedLetter(db, applicationId, last.id) : undefined;
  return { letters, reply: file ? { fileName: file.file_name, docx: file.docx } : null };
}
