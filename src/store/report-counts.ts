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
  // One scan: only applications open at some point of the year can count in it.
  const { rows } = await sql<{
    agency_id: number;
    applicant_type: number;
    outcome: string | null;
    new_received: string;
    carried_over: string;
    carried_forward: string;
    answered: string;
  }>`
    select agency_id, applicant_type, outcome,
      count(*) filter (where received >= ${start}) as new_received,
      count(*) filter (where received < ${start}) as carried_over,
      count(*) filter (where answered is null or answered > ${end}) as carried_forward,
      count(*) filter (where answered <= ${end}) as answered
    from application
    where received <= ${end} and (answered is null or answered >= ${start})
    group by 1, 2, 3
  `.execute(db);
  const out = new Map<number, RowCount[]>();
  for (const r of rows) {
    const list = out.get(r.agency_id) ?? [];
    const add = (row: ApplicationRowKey, n: string) => {
      if (Number(n) > 0) list.push({ row, applicantType: r.applicant_type, count: Number(n) });
    };
    add("new_received", r.new_received);
    add("carried_over", r.carried_over);
    add("carried_forward", r.carried_forward);
    if (r.outcome) add(r.outcome as ApplicationRowKey, r.answered);
    out.set(r.agency_id, list);
  }
  return out;
}
