/**
 * Report metadata from the text: edition (by the table-二 column labels, else by year), statistics
 * year, agency and title (from the title line), and the narrative sections 一 … 六.
 */
import { type Edition, editionForYear, SECTIONS } from "../domain/report/definition.js";
import type { Sections } from "../domain/report/model.js";
import { lcs } from "./labels.js";

const EDITION_2019 = [
  "本年新制作数量",
  "本年新公开数量",
  "对外公开总数量",
  "上一年项目数量",
  "采购项目数量",
  "政府集中采购",
];
const EDITION_2021 = ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"];

export function detectEdition(text: string, year: number | null): { edition: Edition; by: string } {
  const flat = text.replace(/\s+/g, "");
  const n19 = EDITION_2019.filter((l) => flat.includes(l)).length;
  const n21 = EDITION_2021.filter((l) => flat.includes(l)).length;
  if (n19 > n21) return { edition: "2019", by: "表二栏目（2019年版）" };
  if (n21 > n19) return { edition: "2021", by: "表二栏目（2021年版）" };
  if (year !== null) return { edition: editionForYear(year), by: `统计年度 ${year}` };
  return { edition: "2021", by: "默认" };
}

const TITLE_RE =
  /政府信息公开(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*(?:年度)?报告|政务公开工作\s*(?:年度)?报告|信息公开年报/;

export interface Meta {
  year: number | null;
  agency: string;
  title: string;
}

/** Title, agency and statistics year from the first lines of the report. */
export function readMeta(text: string): Meta {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .slice(0, 60);
  let title = "";
  let agency = "";
  let year: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/^(标题|题目)\s*[:：]\s*/, "").replace(/^#+\s*/, "");
    if (line.length > 80) line = line.slice(0, 80);
    const joined = TITLE_RE.test(line) ? line : `${line}${lines[i + 1] ?? ""}`;
    if (!TITLE_RE.test(joined) || joined.length > 90) continue;
    const m = /(20\d\d)\s*年\s*度?/.exec(joined);
    if (!m) continue;
    year = Number(m[1]);
    title = joined.replace(/\s+/g, "");
    const before = joined
      .slice(0, m.index)
      .replace(/[（(]?[\s:：]*$/, "")
      .trim();
    const after = joined
      .slice(m.index + m[0].length)
      .replace(TITLE_RE, "")
      .split(/\s*(?:政府信息公开|政务公开)/)[0]!
      .trim();
    agency = before || after || (lines[i - 1] && lines[i - 1]!.length <= 30 ? lines[i - 1]! : "");
    agency = agency.replace(/[\s#]/g, "");
    break;
  }
  agency = fullerName(agency, text.slice(0, 5000));
  const period = /统计(?:期限|周期|时限)?[^。]{0,20}?(20\d\d)\s*年\s*1\s*月\s*1\s*日/.exec(text);
  if (period) year = Number(period[1]);
  return { year, agency, title };
}

/**
 * A title often drops the higher-level place (洪泽区人民政府) that the text names in full
 * (淮安市洪泽区人民政府): the fuller form is used when the text has it.
 */
function fullerName(agency: string, text: string): string {
  if (agency.length < 3 || !/^[\u4e00-\u9fff]+$/.test(agency)) return agency;
  if (!/^[\u4e00-\u9fff]{2,6}[区县旗]/.test(agency)) return agency;
  const flat = text.replace(/\s+/g, "");
  for (let at = flat.indexOf(agency); at >= 0; at = flat.indexOf(agency, at + 1)) {
    const city = flat.slice(Math.max(0, at - 3), at);
    if (/^[\u4e00-\u9fff]{2}[市州盟]$/.test(city) && !/[由于在和及与对为是的告本年报]/.test(city.slice(0, 2)))
      return city + agency;
  }
  return agency;
}

/** Each section with the pattern of its numbering (一、 一. 一．). */
const SECTION_RES = SECTIONS.map((s) => [s, new RegExp(`${s.numeral}[、.．]\\s*`, "g")] as const);

/** Splits the narrative into preamble and sections 一 … 六 by their headings. */
export function readSections(text: string): Sections {
  const out: Sections = {};
  const flat = text.length > 2_000_000 ? text.slice(0, 2_000_000) : text;
  let pos = 0;
  const starts: { key: keyof Sections; at: number; end: number }[] = [];
  for (const [s, re] of SECTION_RES) {
    const heading = s.heading.slice(2);
    re.lastIndex = pos;
    for (let m = re.exec(flat); m !== null; m = re.exec(flat)) {
      const next = flat
        .slice(m.index + m[0].length, m.index + m[0].length + heading.length + 6)
        .replace(/\s/g, "");
      if (lcs(heading, next) / heading.length >= 0.6) {
        starts.push({ key: s.key, at: m.index, end: m.index + m[0].length });
        pos = m.index + m[0].length;
        break;
      }
    }
  }
  if (starts.length === 0) return out;
  const pre = flat.slice(0, starts[0]!.at).trim();
  if (pre) out.preamble = pre;
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.at : flat.length;
    const body = flat.slice(s.at, end).trim();
    if (body) out[s.key] = body;
  });
  return out;
}
