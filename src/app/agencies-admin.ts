/**
 * Use cases: administering the agency tree (issue #7 item 6). A 系统管理员 or 公开办管理员 creates an
 * agency below its own agency or one below it (`agency.create` on the parent), renames it, changes its
 * kind or moves it within its subtree (`agency.edit`). Names are unique in the whole tree (migration
 * 0001: reports, imports and the portal name an agency by its name), which covers "no two children of
 * one parent with the same name"; an agency never moves below itself. Deleting agencies is not offered: records (cases,
 * reports, users) refer to them, and an agency that ceased to exist still has its published reports.
 */
import { GongkaiError } from "../domain/errors.js";
import {
  type AgencyRow,
  agenciesByIds,
  agencyNamed,
  agencySubtreeIds,
  insertAgency,
  lockAgency,
  updateAgency,
} from "../store/accounts.js";
import type { Db } from "../store/db.js";
import type { Tx } from "../store/transaction.js";
import { inTransaction } from "../store/transaction.js";
import { AGENCY_KIND_CODES, AGENCY_KINDS, type AgencyKind } from "./agency-kinds.js";
import { type Actor, authorize, relationOf } from "./policy.js";

export interface NewAgency {
  name: string;
  parentId: number;
  kind: AgencyKind;
}

export interface AgencyChange {
  name?: string;
  kind?: AgencyKind;
  /** A new parent within the actor's subtree (moving the agency with everything below it). */
  parentId?: number;
}

const NOT_FOUND = () => new GongkaiError("NOT-FOUND", "没有找到所请求的记录");

/** A trimmed, checked name; problems are appended. */
function checkName(name: string, problems: string[]): string {
  const n = name.trim();
  if (!n || n.length > 100) problems.push("机关名称不能为空，且不超过 100 个字符");
  else if (/[\u0000-\u001f\u007f]/.test(n)) problems.push("机关名称不能含有换行等控制字符");
  return n;
}

function checkKind(kind: string, problems: string[]): void {
  if (!AGENCY_KIND_CODES.includes(kind as AgencyKind))
    problems.push(
      `机关类型应为 ${AGENCY_KIND_CODES.map((k) => `${k}（${AGENCY_KINDS[k]}）`).join("、")} 之一，实际为“${kind}”`,
    );
}

/** Refuses a name already used by another agency (the unique index backs this up under concurrency). */
async function refuseDuplicate(
  tx: Tx,
  parent: AgencyRow | null,
  name: string,
  exceptId?: number,
): Promise<void> {
  const found = await agencyNamed(tx, name, exceptId);
  if (!found) return;
  if (parent && found.parentId === parent.id)
    throw new GongkaiError("AGENCY-EXISTS", `“${parent.name}”下已有名为“${name}”的机关`);
  throw new GongkaiError(
    "AGENCY-EXISTS",
    `已有名为“${name}”的机关（机关名称在全系统唯一：年度报告和门户按名称识别机关）`,
  );
}

/** Creates an agency below `parentId`; returns it. */
export async function createAgencyAs(db: Db, actor: Actor, input: NewAgency): Promise<AgencyRow> {
  authorize(actor, "agency.create", input.parentId);
  const problems: string[] = [];
  const name = checkName(input.name, problems);
  checkKind(input.kind, problems);
  if (problems.length) throw new GongkaiError("AGENCY-INVALID", "机关信息有误", problems);
  return inTransaction(db, actor.login, async (tx, record) => {
    // The parent's row lock serialises concurrent creations under it (the name check stays true).
    const parent = await lockAgency(tx, input.parentId);
    if (!parent) throw NOT_FOUND();
    await refuseDuplicate(tx, parent, name);
    const id = await insertAgency(tx, { name, parentId: parent.id, kind: input.kind });
    const after = { name, parentId: parent.id, kind: input.kind };
    await record({ action: "agency.create", entity: "agency", entityId: id, after });
    return { id, ...after, code: null };
  });
}

/** Renames an agency, changes its kind, or moves it within the actor's subtree; returns it. */
export async function updateAgencyAs(
  db: Db,
  actor: Actor,
  id: number,
  change: AgencyChange,
): Promise<AgencyRow> {
  authorize(actor, "agency.edit", id);
  const moving = change.parentId !== undefined;
  if (moving) {
    // The actor's own agency stays where it is (moving it would change what the actor may see).
    if (relationOf(actor, id) !== "subtree")
      throw new GongkaiError("FORBIDDEN", "不能移动本人所在的机关", ["操作：agency.edit"]);
    authorize(actor, "agency.create", change.parentId as number);
  }
  const problems: string[] = [];
  const name = change.name === undefined ? undefined : checkName(change.name, problems);
  if (change.kind !== undefined) checkKind(change.kind, problems);
  if (problems.length) throw new GongkaiError("AGENCY-INVALID", "机关信息有误", problems);
  return inTransaction(db, actor.login, async (tx, record) => {
    const [before] = await agenciesByIds(tx, [id]);
    if (!before) throw NOT_FOUND();
    const parentId = moving ? (change.parentId as number) : before.parentId;
    if (moving && (await agencySubtreeIds(tx, id)).includes(parentId as number))
      throw new GongkaiError(
        "AGENCY-CYCLE",
        parentId === id
          ? `“${before.name}”不能成为自己的下级机关`
          : `“${before.name}”不能移到它自己的下级机关之下`,
      );
    let parent: AgencyRow | null = null;
    if (parentId === null) await lockAgency(tx, id);
    else parent = (await lockAgency(tx, parentId)) ?? null;
    if (parentId !== null && !parent) throw NOT_FOUND();
    const newName = name ?? before.name;
    if (name !== undefined) await refuseDuplicate(tx, parent, newName, id);
    await updateAgency(tx, id, {
      name,
      kind: change.kind,
      parentId: moving ? (parentId as number) : undefined,
    });
    const after: AgencyRow = { ...before, name: newName, kind: change.kind ?? before.kind, parentId };
    await record({
      action: "agency.update",
      entity: "agency",
      entityId: id,
      before: { name: before.name, kind: before.kind, parentId: before.parentId },
      after: { name: after.name, kind: after.kind, parentId: after.parentId },
    });
    return after;
  });
}
