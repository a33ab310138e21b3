/** Writing an agency's registers other than applications: figures, documents, review cases. */
import { GongkaiError } from "../domain/errors.js";
import type { ParsedRecord, RecordKind } from "../domain/register/records.js";
import type { Tx } from "./transaction.js";

/** Writes one agency's rows; returns what was replaced, for the audit trail. */
export async function writeRecords(
  tx: Tx,
  kind: RecordKind,
  agencyId: number,
  rows: ParsedRecord[],
): Promise<unknown> {
  if (kind === "figures") {
    const before = await tx
      .selectFrom("yearly_figures")
      .selectAll()
      .where("agency_id", "=", agencyId)
      .execute();
    for (const r of rows) {
      if (r.kind !== "figures") continue;
      const values = {
        licensing: r.licensing,
        penalty: r.penalty,
        coercion: r.coercion,
        fees_10k_yuan: r.fees10kYuan,
        edition2019: r.edition2019 ? JSON.stringify(r.edition2019) : null,
      };
      await tx
        .insertInto("yearly_figures")
        .values({ agency_id: agencyId, year: r.year, ...values })
        .onConflict((oc) => oc.columns(["agency_id", "year"]).doUpdateSet(values))
        .execute();
    }
    return before;
  }
  if (kind === "documents") {
    const before = await tx
      .selectFrom("register_document")
      .selectAll()
      .where("agency_id", "=", agencyId)
      .execute();
    await tx.deleteFrom("register_document").where("agency_id", "=", agencyId).execute();
    const docs = rows.flatMap((r) => (r.kind === "documents" ? [r] : []));
    if (docs.length)
      await tx
        .insertInto("register_document")
        .values(
          docs.map((d) => ({
            agency_id: agencyId,
            kind: d.docKind,
            title: d.title,
            doc_number: d.docNumber,
            issued: d.issued,
            repealed: d.repealed,
          })),
        )
        .execute();
    return before;
  }
  const before = await tx.selectFrom("review_case").selectAll().where("agency_id", "=", agencyId).execute();
  await tx.deleteFrom("review_case").where("agency_id", "=", agencyId).execute();
  for (const r of rows) {
    if (r.kind !== "reviews") continue;
    let applicationId: string | null = null;
    if (r.applicationRef) {
      const app = await tx
        .selectFrom("application")
        .select("id")
        .where("agency_id", "=", agencyId)
        .where("ref", "=", r.applicationRef)
        .executeTakeFirst();
      if (!app)
        throw new GongkaiError(
          "IMPORT-INVALID",
          `申请编号 ${r.applicationRef} 在“${r.agency}”的申请登记中不存在`,
        );
      applicationId = app.id;
    }
    await tx
      .insertInto("review_case")
      .values({
        agency_id: agencyId,
        application_id: applicationId,
        kind: r.reviewKind,
        filed: r.filed,
        result: r.result,
        decided: r.decided,
      })
      .execute();
  }
  return before;
}
