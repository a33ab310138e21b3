/** Assigning (or clearing) a case's handler: a 经办人, 审核人 or 负责人 of the case's agency (case.edit). */
import { GongkaiError } from "../domain/errors.js";
import { findApplication, findHandler, setHandler } from "../store/cases.js";
import type { Db } from "../store/db.js";
import { inTransaction } from "../store/transaction.js";
import { type Actor, authorize } from "./policy.js";

/** Sets the handler of a case; audited with the previous handler. */
export async function assignHandler(
  db: Db,
  actor: Actor,
  id: string,
  handlerId: number | null,
): Promise<{ handlerId: number | null }> {
  const app = await findApplication(db, id);
  if (!app) throw new GongkaiError("NOT-FOUND", "没有找到所请求的记录");
  authorize(actor, "case.edit", app.agencyId);
  if (handlerId !== null && !(await findHandler(db, app.agencyId, handlerId)))
    throw new GongkaiError(
      "CASE-HANDLER-INVALID",
      `经办人（handlerId）${handlerId} 不是本机关的在职办理人员`,
    );
  return inTransaction(db, actor.login, async (tx, record) => {
    await setHandler(tx, app.id, handlerId);
    await record({
      action: "application.assign",
      entity: "application",
      entityId: app.id,
      before: { handlerId: app.handlerId },
      after: { handlerId },
    });
    return { handlerId };
  });
}
