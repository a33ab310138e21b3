/** Writing an agency's registers other than applications: figures, documents, review cases. */
import { GongkaiError } from "../domain/errors.js";
import type { ParsedRecord, RecordKind } from "../domain/register/records.js";
import type { Tx } from "./transaction.js";

export interface WriteResult {
  /** What was replaced, for the audit trail. */
  before: unknown;
  /** File rows not written because the same record was already entered by hand (one line each, Chinese). */
  kept: string[];
}

/**
 * Writes one agency's rows. Figures are keyed by (agency, year). Documents and review cases replace
 * the rows of the agency's earlier imports; records entered one by one (source console) stay, and a
 * file row identical to one of them is not written twice (listed in `kept`).
 */
export async function writeRecords(
  tx: Tx,
  kind: RecordKind,
  agencyId: number,
  rows: ParsedRecord[],
): Promise<WriteResult> {
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
    return { before, kept: [] };
  }
  if (kind === "documents") {
    const before = await tx
      .selectFrom("register_document")
      .selectAll()
      .where("agency_id", "=", agencyId)
      .where("source", "=", "import")
      .execute();
    await tx
      .deleteFrom("register_document")
      .where("agency_id", "=", agencyId)
      .where("source", "=", "import")
      .execute();
    const byHand = await tx
      .selectFrom("register_document")
      .select(["kind", "title", "doc_number", "issued", "repealed"])
      .where("agency_id", "=", agencyId)
      .execute();
    const handKeys = new Set(
      byHand.map((d) =>
        JSON.stringify([d.kind, d.title, d.doc_number, String(d.issued), d.repealed && String(d.repealed)]),
      ),
    );
    const kept: string[] = [];
    const docs = rows.flatMap((r) => {
      if (r.kind !== "documents") return [];
      if (handKeys.has(JSON.stringify([r.docKind, r.title, r.docNumber, r.issued, r.repealed]))) {
        kept.push(`《${r.title}》（${r.issued}）已由工作人员逐条录入，未重复导入`);
        return [];
      }
      return [r];
    });
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
            source: "import" as const,
          })),
        )
        .execute();
    return { before, kept };
  }
  const before = await tx
    .selectFrom("review_case")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("source", "=", "import")
    .execute();
  await tx
    .deleteFrom("review_case")
    .where("agency_id", "=", agencyId)
    .where("source", "=", "import")
    .execute();
  const byHand = await tx
    .selectFrom("review_case")
    .select(["application_id", "kind", "filed", "result", "decided"])
    .where("agency_id", "=", agencyId)
    .execute();
  const handKeys = new Set(
    byHand.map((c) =>
      JSON.stringify([c.application_id, c.kind, String(c.filed), c.result, c.decided && String(c.decided)]),
    ),
  );
  const kept: string[] = [];
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
    if (handKeys.has(JSON.stringify([applicationId, r.reviewKind, r.filed, r.result, r.decided]))) {
      kept.push(
        `${r.filed} 立案的${r.applicationRef ? `（申请 ${r.applicationRef}）` : ""}记录已由工作人员逐条录入，未重复导入`,
      );
      continue;
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
        source: "import",
      })
      .execute();
  }
  return { before, kept };
}
