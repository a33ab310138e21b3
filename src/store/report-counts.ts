/**
 * Table-三 counts for every agency of a year in one pass over the applications (the bulk path of
 * report derivation): 新收 by receipt date, outcomes by reply date, 结转 = open at 31 Dec.
 */
import { sql } from "kysely";
import type { ApplicationRowKey } from "../domain/report/definition.js";
import type { RowCount } from "../domain/stats/derive.js";
import type { Db } from "./db.js";

/** Row counts per agency id for a statistics year. */
export async function countRowsByAgency(db: Db, year: number): Promise<Map<number, RowCount[]>> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const { rows } = await sql<{ agency_id: number; applicant_type: number; row: string; n: string }>`
    select agency_id, applicant_type, 'new_received' as row, count(*) as n
      from application where received between ${start} and ${end} group by 1, 2
    union all
    select agency_id, applicant_type, 'carried_over', count(*)
      from application where received < ${start} and (answered is null or answered >= ${start}) group by 1, 2
    union all
    select agency_id, applicant_type, 'carried_forward', count(*)
      from application where received <= ${end} and (answered is null or answered > ${end}) group by 1, 2
    union all
    select agency_id, applicant_type, outcome, count(*)
      from application where answered between ${start} and ${end} group by 1, 2, 3
  `.execute(db);
  const out = new Map<number, RowCount[]>();
  for (const r of rows) {
    const list = out.get(r.agency_id) ?? [];
    list.push({ row: r.row as ApplicationRowKey, applicantType: r.applicant_type, count: Number(r.n) });
    out.set(r.agency_id, list);
  }
  return out;
}
