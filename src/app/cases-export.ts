/**
 * The worklist as CSV (UTF-8 with BOM, for Excel): the same filters and order as the list, the
 * applicant MASKED exactly as in the list — an export never carries personal data in full.
 */

import type { Db } from "../store/db.js";
import { type ListQuery, listApplications, MAX_PAGE_SIZE } from "./cases-list.js";
import type { Actor } from "./policy.js";

/** Most rows one export holds. */
export const MAX_EXPORT_ROWS = 100_000;

const HEADER = [
  "编号",
  "收到日期",
  "申请方式",
  "申请人",
  "联系电话",
  "证件号码",
  "通信地址",
  "申请内容",
  "经办人",
  "状态",
  "答复期限",
  "剩余工作日",
  "办结日期",
  "办理结果",
];

/** One CSV field (RFC 4180), with spreadsheet formula injection neutralised (= + - @ at the start). */
function field(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The filtered worklist as CSV text, masked. */
export async function exportApplicationsCsv(db: Db, actor: Actor, query: ListQuery): Promise<string> {
  const lines = [HEADER.join(",")];
  for (let page = 1; (page - 1) * MAX_PAGE_SIZE < MAX_EXPORT_ROWS; page++) {
    const r = await listApplications(db, actor, { ...query, page, pageSize: MAX_PAGE_SIZE });
    for (const it of r.items)
      lines.push(
        [
          it.ref,
          it.received,
          it.channel,
          it.applicant.name,
          it.applicant.phone,
          it.applicant.idNumber,
          it.applicant.address,
          it.subject,
          it.handler?.name,
          it.status,
          it.dueDate,
          it.workingDaysLeft,
          it.closedOn,
          it.outcome,
        ]
          .map(field)
          .join(","),
      );
    if (page * MAX_PAGE_SIZE >= r.total) break;
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
