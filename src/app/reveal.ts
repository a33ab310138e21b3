/**
 * Reading an applicant's personal data in full: only the case's handler (a 经办人 assigned to it) and
 * the agency's 审核人 and 负责人 (policy case.reveal); every reading writes an audit row in the same
 * transaction as the read, so no data leaves without its trace.
 */
import { GongkaiError } from "../domain/errors.js";
import { findApplication } from "../store/cases.js";
import type { Db } from "../store/db.js";
import { inTransaction } from "../store/transaction.js";
import { loadAuthorized, mayReveal } from "./case-detail.js";
import type { Applicant } from "./personal-data.js";
import { type Actor, ROLE_NAMES } from "./policy.js";

/** The applicant's full personal data, audited (application.reveal). */
export async function revealApplicant(
  db: Db,
  actor: Actor,
  id: string,
  reason?: string,
): Promise<{ applicant: Applicant }> {
  const app = await loadAuthorized(db, actor, id, "case.read");
  if (!mayReveal(actor, app))
    throw new GongkaiError(
      "FORBIDDEN",
      `${ROLE_NAMES[actor.role]}无权查看本件申请人的完整个人信息（仅限本件经办人及本机关审核人、负责人）`,
    );
  return inTransaction(db, actor.login, async (tx, record) => {
    const row = await findApplication(tx, app.id);
    if (!row) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
    // The audit row names which fields were read, never their values.
    await record({
      action: "application.reveal",
      entity: "application",
      entityId: row.id,
      after: { fields: Object.keys(row.applicant).sort(), reason: reason ?? null },
    });
    return { applicant: row.applicant as unknown as Applicant };
  });
}
