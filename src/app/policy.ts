/**
 * Authorization in one place: one rule per action, on the acting user and the target agency.
 * A record of an agency the user cannot see answers "not found" (the API never reveals that it
 * exists); a record the user can see but not change answers "forbidden".
 */
import { GongkaiError } from "../domain/errors.js";
import type { Role } from "../store/schema.js";

export type { Role };

/** Role names as staff know them. */
export const ROLE_NAMES: Record<Role, string> = {
  clerk: "经办人",
  reviewer: "审核人",
  head: "负责人",
  supervisor: "公开办管理员",
  admin: "系统管理员",
};

export const ROLES = Object.keys(ROLE_NAMES) as Role[];

/** The acting user, with the agencies below its own (loaded once per request). */
export interface Actor {
  userId: number;
  login: string;
  name: string;
  role: Role;
  agencyId: number;
  /** Ids of the agencies strictly below the user's agency. */
  below: ReadonlySet<number>;
}

/** Where the target agency sits relative to the actor's agency. */
export type Relation = "own" | "subtree" | "other";

/** Every action a policy decides. */
export type Action =
  | "agency.read"
  | "report.read"
  | "case.read"
  | "case.edit"
  | "case.review"
  | "case.reveal"
  | "letter.template.edit"
  | "review.edit"
  | "extension.approve"
  | "report.approve"
  | "user.read"
  | "user.manage"
  | "user.manage.admin"
  | "agency.create"
  | "agency.edit"
  | "register.edit"
  | "report.draft"
  | "report.review"
  | "report.publish"
  | "supervision.read"
  | "ingest.run"
  | "catalogue.edit"
  | "catalogue.review1"
  | "catalogue.review2"
  | "catalogue.review3";

export const ACTIONS: Action[] = [
  "agency.read",
  "report.read",
  "case.read",
  "case.edit",
  "case.review",
  "case.reveal",
  "letter.template.edit",
  "review.edit",
  "extension.approve",
  "report.approve",
  "user.read",
  "user.manage",
  "user.manage.admin",
  "agency.create",
  "agency.edit",
  "register.edit",
  "report.draft",
  "report.review",
  "report.publish",
  "supervision.read",
  "ingest.run",
  "catalogue.edit",
  "catalogue.review1",
  "catalogue.review2",
  "catalogue.review3",
];

/** Which relations each role may act on, per action; anything absent is refused. */
const RULES: Record<Action, Partial<Record<Role, readonly Relation[]>>> = {
  "agency.read": {
    clerk: ["own"],
    reviewer: ["own"],
    head: ["own"],
    supervisor: ["own", "subtree"],
    admin: ["own", "subtree"],
  },
  // Derived reports and their checks hold counts, no personal data.
  "report.read": {
    clerk: ["own"],
    reviewer: ["own"],
    head: ["own"],
    supervisor: ["own", "subtree"],
    admin: ["own", "subtree"],
  },
  // Cases hold applicants' personal data: the agency's own staff, and the supervising office.
  "case.read": { clerk: ["own"], reviewer: ["own"], head: ["own"], supervisor: ["own", "subtree"] },
  // A supervisor reads but does not edit its subtree's cases.
  "case.edit": { clerk: ["own"], reviewer: ["own"], head: ["own"] },
  "case.review": { reviewer: ["own"], head: ["own"] },
  // 条例: personal data in full only to the case's handlers; a 经办人 only on cases assigned to him or
  // her (checked on the record in app/reveal.ts), the 审核人 and 负责人 on any case of the agency.
  "case.reveal": { clerk: ["own"], reviewer: ["own"], head: ["own"] },
  // The agency's letter texts are formal documents: the 审核人 and 负责人 edit them.
  "letter.template.edit": { reviewer: ["own"], head: ["own"] },
  // 行政复议/行政诉讼 records of the agency's cases: its staff; the supervising office reads (case.read).
  "review.edit": { clerk: ["own"], reviewer: ["own"], head: ["own"] },
  // Only a 负责人 approves an extension (条例第三十三条第二款: 经政府信息公开工作机构负责人同意) or the report.
  "extension.approve": { head: ["own"] },
  "report.approve": { head: ["own"] },
  // The staff list (id, name, role, active; never a password hash): an agency's own staff see its users
  // (choosing a case's handler); administrators and the supervising office see their subtree's.
  "user.read": {
    clerk: ["own"],
    reviewer: ["own"],
    head: ["own"],
    supervisor: ["own", "subtree"],
    admin: ["own", "subtree"],
  },
  // Issue #7 item 6: users and agencies are administered by 系统管理员 and 公开办管理员, each in its subtree.
  "user.manage": { supervisor: ["own", "subtree"], admin: ["own", "subtree"] },
  // Accounts with the 系统管理员 role (creating one, granting or taking the role, editing one): only an
  // administrator, so a 公开办管理员 cannot raise itself or anyone else above its own powers.
  "user.manage.admin": { admin: ["own", "subtree"] },
  // A new agency below the target (parent) agency: the own agency or one below it.
  "agency.create": { supervisor: ["own", "subtree"], admin: ["own", "subtree"] },
  // Renaming or re-kinding an agency: an administrator also its own agency (the root is named once by the
  // CLI and must be correctable); a 公开办管理员 only the agencies it supervises, not its own.
  "agency.edit": { supervisor: ["subtree"], admin: ["own", "subtree"] },
  // The agency's own registers (规章/规范性文件, yearly figures): its staff; the supervising office reads.
  "register.edit": { clerk: ["own"], reviewer: ["own"], head: ["own"] },
  // 三审: 经办人 drafts and submits, 审核人 reviews (or returns), 负责人 approves and publishes.
  "report.draft": { clerk: ["own"] },
  "report.review": { reviewer: ["own"] },
  "report.publish": { head: ["own"] },
  // 条例第四十九条: reports go to the 主管部门 (公开办), which oversees its subtree and reads imported reports.
  "supervision.read": { supervisor: ["own", "subtree"] },
  "ingest.run": { supervisor: ["own"] },
  // The disclosure catalogue and the agency's 公开指南: the agency's own staff draft and correct.
  "catalogue.edit": { clerk: ["own"], reviewer: ["own"], head: ["own"] },
  // 三审 before publication: 初审 审核人, 复审 负责人, 终审 公开办 (own agency or an agency below it).
  "catalogue.review1": { reviewer: ["own"] },
  "catalogue.review2": { head: ["own"] },
  "catalogue.review3": { supervisor: ["own", "subtree"] },
};

/** The relation of a target agency to the actor's agency. */
export function relationOf(actor: Actor, agencyId: number): Relation {
  if (agencyId === actor.agencyId) return "own";
  return actor.below.has(agencyId) ? "subtree" : "other";
}

/** True when the actor may see that the agency's records exist at all. */
export function canSee(actor: Actor, agencyId: number): boolean {
  const rel = relationOf(actor, agencyId);
  return rel === "own" || (rel === "subtree" && (actor.role === "supervisor" || actor.role === "admin"));
}

/** The decision for one action: allowed, forbidden (visible but not permitted), or not-found. */
export function decide(actor: Actor, action: Action, agencyId: number): "allow" | "forbidden" | "not-found" {
  const allowed = RULES[action][actor.role] ?? [];
  if (allowed.includes(relationOf(actor, agencyId))) return "allow";
  return canSee(actor, agencyId) ? "forbidden" : "not-found";
}

/** Throws NOT-FOUND or FORBIDDEN unless the actor may do `action` on the agency's records. */
export function authorize(actor: Actor, action: Action, agencyId: number): void {
  const d = decide(actor, action, agencyId);
  if (d === "not-found") throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  if (d === "forbidden")
    throw new GongkaiError("FORBIDDEN", `${ROLE_NAMES[actor.role]}无权执行此操作`, [`操作：${action}`]);
}
