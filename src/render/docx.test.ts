import { execFileSync, type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, truthNames, truthReport } from "../../test/corpus.js";
import { officialLabels } from "../../test/labels.js";
import {
  ACTIVE_BLOCKS,
  applicationRows,
  OUTCOMES_LABEL,
  reportTitle,
  SECTIONS,
} from "../domain/report/definition.js";
import { otherLayoutOf, type Report, setCell } from "../domain/report/model.js";
import { columnWidths, PAGE, renderDocx } from "./docx.js";
import { denseGrid, type Grid, type GridCell, gridFor } from "./layout.js";

const OUT = join(ROOT, "test-output", "docx");
const PROFILE = `/tmp/lo-profile-${process.pid}`;
/** A report with narrative in every section, to see paragraphs next to the tables. */
const NARRATIVE = "narrative-sample";

const squash = (s: string): string => s.replace(/\s+/g, "");
const unescapeXml = (s: string): string =>
  s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!,
  );
/** The text of an XML fragment: the content of its w:t elements. */
const xmlText = (xml: string): string =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1]!)).join("");

/** The tables of word/document.xml as dense text matrices: a merged cell's text fills every position it covers. */
function xmlTables(xml: string): { matrix: string[][]; rows: string[][]; headerRows: number[] }[] {
  return [...xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gs)].map(([, tbl]) => {
    const trs = [...tbl!.matchAll(/<w:tr[ >](.*?)<\/w:tr>/gs)].map((m) => m[1]!);
    const rows = trs.map((tr) => [...tr.matchAll(/<w:tc>(.*?)<\/w:tc>/gs)].map((m) => m[1]!));
    const headerRows = trs.flatMap((tr, i) =>
      /^<w:trPr>.*?<w:tblHeader\/>.*?<\/w:trPr>/.test(tr) ? [i] : [],
    );
    const matrix: string[][] = [];
    rows.forEach((cells, r) => {
      const line: string[] = [];
      for (const tc of cells) {
        const span = Number(/<w:gridSpan w:val="(\d+)"/.exec(tc)?.[1] ?? 1);
        const text = /<w:vMerge w:val="continue"/.test(tc) ? matrix[r - 1]![line.length]! : xmlText(tc);
        for (let i = 0; i < span; i++) line.push(text);
      }
      matrix.push(line);
    });
    return { matrix, rows, headerRows };
  });
}

/**
 * Where each heading or label cell of a grid sits across the page, in PDF points: the table fills the
 * text block from the left margin, its columns as wide as columnWidths says.
 */
function labelBands(grid: Grid): { cell: GridCell; x0: number; x1: number }[] {
  const edges = [PAGE.left / 20];
  for (const w of columnWidths(grid)) edges.push(edges.at(-1)! + w / 20);
  const seen = new Set<GridCell>();
  return denseGrid(grid).flatMap((row) =>
    row.flatMap((cell, c) => {
      if (!cell || cell.role === "value" || seen.has(cell)) return [];
      seen.add(cell);
      return [{ cell, x0: edges[c]!, x1: edges[c + cell.colspan]! }];
    }),
  );
}

interface PdfWord {
  page: number;
  x0: number;
  x1: number;
  y: number;
  text: string;
}

/** The words of a PDF with their boxes (pdftotext -bbox). */
function pdfWords(pdf: string): PdfWord[] {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
  const words: PdfWord[] = [];
  let page = 0;
  const re = /<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    if (m[1] === undefined) page++;
    else words.push({ page, x0: Number(m[1]), y: Number(m[2]), x1: Number(m[3]), text: unescapeXml(m[4]!) });
  }
  return words;
}

/**
 * The text printed between two x positions, line by line down each page. Within one cell's band no
 * other cell shares its lines, so a label wrapped over several lines reads whole again.
 */
function pdfBand(words: PdfWord[], x0: number, x1: number): string {
  const inside = words.filter((w) => w.x0 >= x0 - 0.5 && w.x1 <= x1 + 0.5);
  inside.sort((a, b) => a.page - b.page || a.y - b.y);
  // Words less than 4pt apart in height share a line (Latin and CJK faces sit a little differently).
  const lines: PdfWord[][] = [];
  for (const w of inside) {
    const line = lines.at(-1);
    if (line && line[0]!.page === w.page && w.y - line[0]!.y < 4) line.push(w);
    else lines.push([w]);
  }
  return squash(
    lines
      .map((l) =>
        l
          .sort((a, b) => a.x0 - b.x0)
          .map((w) => w.text)
          .join(""),
      )
      .join(""),
  );
}

function narrativeReport(): Report {
  const r = truthReport(truthNames()[0]!);
  r.sections = Object.fromEntries(
    ["preamble", ...SECTIONS.map((s) => s.key)].map((k) => [
      k,
      `${k} 第一段：本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》。\n\n　　${k} 第二段：持续推进政务公开标准化规范化建设。`,
    ]),
  );
  // Five-digit counts must stay on one line in the narrow data columns.
  r.applications.new_received = [12345, 1, 2, 3, 4, 5, 12360];
  // "/" prints as "/", a blank cell stays empty.
  setCell(r, "active.regulations.issued", "/");
  setCell(r, "active.regulations.repealed", "/");
  setCell(r, "active.regulations.in_force", null);
  return r;
}

const names = truthNames();
const reports = new Map<string, Report>([
  ...names.map((n) => [n, truthReport(n)] as const),
  [NARRATIVE, narrativeReport()],
]);
let conversion: SpawnSyncReturns<string>;
let seconds = 0;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  const files: string[] = [];
  for (const [name, report] of reports) {
    const file = join(OUT, `${name}.docx`);
    writeFileSync(file, await renderDocx(report));
    rmSync(join(OUT, `${name}.pdf`), { force: true });
    files.push(file);
  }
  // One LibreOffice start for all files, with a profile of its own so parallel runs don't clash.
  const start = Date.now();
  conversion = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${PROFILE}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      OUT,
      ...files,
    ],
    { encoding: "utf8", timeout: 90_000 },
  );
  seconds = (Date.now() - start) / 1000;
}, 120_000);

afterAll(() => rmSync(PROFILE, { recursive: true, force: true }));

describe("renderDocx", () => {
  it("converts every document to PDF with LibreOffice", () => {
    expect(conversion.error).toBeUndefined();
    expect(conversion.status, conversion.stderr).toBe(0);
    expect(seconds).toBeLessThan(90);
  });

  describe.each([...names, NARRATIVE])("%s", (name) => {
    const report = reports.get(name)!;
    const docx = join(OUT, `${name}.docx`);
    const xml = (): string =>
      execFileSync("unzip", ["-p", docx, "word/document.xml"], { encoding: "utf8", maxBuffer: 1 << 26 });

    it("has the title and every official label in the document, in official order", () => {
      const text = xmlText(xml());
      expect(text.startsWith(report.title ?? reportTitle(report.agency, report.year))).toBe(true);
      for (const label of officialLabels(report)) expect(text, label).toContain(label);
      const at = SECTIONS.map((s) => text.indexOf(s.heading));
      expect(at).toEqual([...at].sort((a, b) => a - b));
    });

    it("draws each table cell for cell as layout.ts lays it out, with real merges", () => {
      const tables = xmlTables(xml());
      const grids = SECTIONS.flatMap((s) => (s.table ? [gridFor(s.table, report)] : []));
      expect(tables).toHaveLength(grids.length);
      grids.forEach((grid, i) => {
        const expected = denseGrid(grid).map((row) => row.map((c) => c?.text ?? ""));
        expect(tables[i]!.matrix, grid.table).toEqual(expected);
        expect(tables[i]!.headerRows, grid.table).toEqual([...Array(grid.headerRows).keys()]);
      });
      const x = xml();
      expect(x).toContain('<w:vMerge w:val="restart"/>');
      expect(x).toContain("<w:gridSpan ");
      // 三、本年度办理结果 is one cell merged down all outcome rows: 22 in the 2021 split layout.
      const rows = tables[1]!.rows;
      const first = rows.findIndex((cells) => xmlText(cells[0]!) === OUTCOMES_LABEL);
      expect(rows[first]![0]).toContain('<w:vMerge w:val="restart"/>');
      let merged = 1;
      while (rows[first + merged]?.[0]?.includes('<w:vMerge w:val="continue"/>')) merged++;
      const outcomes = applicationRows(otherLayoutOf(report)).filter((r) => r.inOutcomes).length;
      expect(merged).toBe(outcomes);
      if (otherLayoutOf(report) === "split") expect(merged).toBe(22);
    });

    it("prints as a PDF whose text holds the title, the headings and every label in its own cell", () => {
      const pdf = join(OUT, `${name}.pdf`);
      expect(existsSync(pdf)).toBe(true);
      const text = squash(execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }));
      expect(text).toContain(squash(report.title ?? reportTitle(report.agency, report.year)));
      for (const s of SECTIONS) expect(text).toContain(squash(s.heading));
      const grids = SECTIONS.flatMap((s) => (s.table ? [gridFor(s.table, report)] : []));
      const words = pdfWords(pdf);
      const printed = new Set<string>();
      for (const { cell, x0, x1 } of grids.flatMap(labelBands)) {
        expect(pdfBand(words, x0, x1), cell.text).toContain(squash(cell.text));
        printed.add(cell.text);
      }
      // The cells checked above hold every official label.
      const tableLabels = officialLabels(report).filter((l) => !SECTIONS.some((s) => s.heading === l));
      expect(tableLabels.filter((l) => !printed.has(l))).toEqual([]);
    });
  });

  it('writes narrative as indented paragraphs, keeps "/" and blanks, and long counts on one line', () => {
    const xml = execFileSync("unzip", ["-p", join(OUT, `${NARRATIVE}.docx`), "word/document.xml"], {
      encoding: "utf8",
    });
    const paragraphs = [...xml.matchAll(/<w:p>(.*?)<\/w:p>/gs)].map((m) => m[1]!);
    const second = paragraphs.find((p) => xmlText(p) === "active 第二段：持续推进政务公开标准化规范化建设。");
    expect(second).toContain('w:firstLineChars="200"');
    const text = xmlText(xml);
    expect(text.indexOf("preamble 第一段")).toBeLessThan(text.indexOf(SECTIONS[0]!.heading));
    expect(text.indexOf("active 第二段")).toBeLessThan(text.indexOf(ACTIVE_BLOCKS["2021"][0]!.item));
    const regulations = ACTIVE_BLOCKS["2021"][0]!.rows[0]!.label;
    expect(xmlTables(xml)[0]!.matrix.find((row) => row[0] === regulations)).toEqual([
      regulations,
      "/",
      "/",
      "",
    ]);
    const pdf = execFileSync("pdftotext", ["-layout", join(OUT, `${NARRATIVE}.pdf`), "-"], {
      encoding: "utf8",
    });
    expect(pdf).toMatch(/12345 +1 +2 +3 +4 +5 +12360/);
  });
});
