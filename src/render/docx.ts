/**
 * The report as a Word document (.docx) in the look of a GB/T 9704 公文: A4 portrait, 方正小标宋
 * title, 黑体 section headings, 仿宋 三号 body, the three statistical tables with real merged
 * cells (gridSpan / vMerge) exactly as layout.ts lays them out. Pure: returns the bytes.
 */
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { reportTitle, SECTIONS } from "../domain/report/definition.js";
import type { Report } from "../domain/report/model.js";
import { type Grid, type GridCell, gridFor } from "./layout.js";

/** A Chinese font as a run names it, with the name Word falls back to (w:altName in the font table). */
interface Face {
  name: string;
  fallback: string;
}

const FACES = {
  title: { name: "方正小标宋简体", fallback: "SimSun" },
  heading: { name: "黑体", fallback: "SimHei" },
  body: { name: "仿宋_GB2312", fallback: "FangSong" },
  table: { name: "宋体", fallback: "SimSun" },
} as const satisfies Record<string, Face>;

/** Latin letters and digits in every face. */
const LATIN = "Times New Roman";

/** Font sizes in half-points: 二号 22pt, 三号 16pt, 五号 10.5pt, 四号 14pt. */
const SIZE = { title: 44, body: 32, table: 21, footer: 28 } as const;

/** twips per cm. */
const CM = 567;
/** A4 portrait and the GB/T 9704 margins, in twips. */
export const PAGE = {
  width: 11906,
  height: 16838,
  top: Math.round(3.7 * CM),
  bottom: Math.round(3.5 * CM),
  left: Math.round(2.8 * CM),
  right: Math.round(2.6 * CM),
  footer: Math.round(2.5 * CM),
};
/** Width of the text block, which every table fills. */
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** First-line indent of two 三号 characters (16pt each); Word prefers the character count. */
const TWO_CHARS = { firstLine: 2 * 320, firstLineChars: 200 };
/** Body line pitch: exactly 29pt, 22 lines to the page as in 公文. */
const LINE = 580;
/** Table line pitch: exactly 15pt for 五号 text, so that table 三 fits on one page with its heading. */
const TABLE_LINE = 300;
/** Cell padding left and right (the line pitch gives the vertical air). */
const CELL_MARGIN = { left: 45, right: 45, top: 0, bottom: 0 };

/**
 * Relative column widths of each table. Table 三, in units of a data column (five digits wide): the
 * outcomes column one character wide (its label reads downwards), the outcome-group column four
 * characters, the row-label column about thirteen characters; the note cell spans all three.
 */
const COLUMN_WEIGHTS: Record<Grid["table"], (columns: number) => number[]> = {
  active: (n) => [1.3, ...Array<number>(n - 1).fill(1)],
  applications: (n) => [0.69, 1.5, 4.5, ...Array<number>(n - 3).fill(1)],
  review_litigation: (n) => Array<number>(n).fill(1),
};

/** Column widths in twips that add up to the text width exactly (rounded on the running total). */
export function columnWidths(grid: Grid): number[] {
  const weights = COLUMN_WEIGHTS[grid.table](grid.columns);
  const sum = weights.reduce((a, b) => a + b, 0);
  let before = 0;
  return weights.map((w) => {
    const start = Math.round((TEXT_WIDTH * before) / sum);
    before += w;
    return Math.round((TEXT_WIDTH * before) / sum) - start;
  });
}

/** Run fonts: the Chinese face for East Asian text (and ambiguous punctuation such as “”), Latin otherwise. */
const font = (face: Face) => ({
  ascii: LATIN,
  hAnsi: LATIN,
  cs: LATIN,
  eastAsia: face.name,
  hint: "eastAsia",
});

/**
 * The font table: each Chinese face with the name to fall back to (w:altName) and the GB2312 charset,
 * so that Word and WPS substitute a face that is not installed with its nearest relative.
 */
function fontTable(): string {
  const faces = [...new Map(Object.values(FACES).map((f) => [f.name, f])).values()];
  const entries = faces.map(
    (f) =>
      `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/><w:charset w:val="86"/>` +
      `<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
  );
  entries.push(
    `<w:font w:name="${LATIN}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries.join("")}</w:fonts>`;
}

/** Paragraph styles, so that a user can restyle the document in Word/WPS. */
const STYLES = [
  {
    id: "ReportTitle",
    name: "Report Title",
    basedOn: "Normal",
    next: "Normal",
    run: { font: font(FACES.title), size: SIZE.title, bold: true },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: LINE },
      outlineLevel: 0,
    },
  },
  {
    id: "ReportHeading",
    name: "Report Heading",
    basedOn: "Normal",
    next: "Normal",
    run: { font: font(FACES.heading), size: SIZE.body, bold: true },
    paragraph: {
      indent: TWO_CHARS,
      keepNext: true,
      outlineLevel: 1,
    },
  },
  {
    id: "TableText",
    name: "Table Text",
    basedOn: "Normal",
    run: { font: font(FACES.table), size: SIZE.table },
    paragraph: { spacing: { line: TABLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
  },
];

/** Narrative text as body paragraphs: one per non-empty line, first line indented two characters. */
function narrative(text: string | undefined): Paragraph[] {
  if (!text) return [];
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => new Paragraph({ text: l, indent: TWO_CHARS }));
}

/** How a grid cell's text sits: values and headings centred, labels left unless merged down rows. */
function alignment(cell: GridCell) {
  if (cell.role === "label" && cell.rowspan === 1) return AlignmentType.LEFT;
  return AlignmentType.CENTER;
}

/** A merged group label such as （三）不予公开 puts its number on a line of its own in the narrow column. */
function cellRuns(cell: GridCell): TextRun[] {
  if (!cell.text) return [];
  const numbered =
    cell.role === "label" && cell.rowspan > 1 ? /^(（[一二三四五六七八九十]+）)(.+)$/.exec(cell.text) : null;
  if (!numbered) return [new TextRun(cell.text)];
  return [new TextRun(numbered[1]!), new TextRun({ text: numbered[2]!, break: 1 })];
}

/** One grid as a full-width bordered table with real merged cells and repeating heading rows. */
function gridTable(grid: Grid): Table {
  const widths = columnWidths(grid);
  const rows = grid.rows.map((cells, r) => {
    return new TableRow({
      tableHeader: r < grid.headerRows,
      cantSplit: true,
      // Every row kept with the next: the table moves to the next page whole rather than tearing the
      // merged label cells (it is shorter than a page).
      keepNext: r < grid.rows.length - 1,
      children: cells.map(
        (cell) =>
          new TableCell({
            columnSpan: cell.colspan,
            rowSpan: cell.rowspan,
            verticalAlign: VerticalAlignTable.CENTER,
            children: [
              new Paragraph({
                style: "TableText",
                alignment: alignment(cell),
                children: cellRuns(cell),
              }),
            ],
          }),
      ),
    });
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: CELL_MARGIN,
    alignment: AlignmentType.CENTER,
  });
}

/** Page numbers in the 公文 manner: — 1 — centred at the foot of each page. */
const footer = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ["— ", PageNumber.CURRENT, " —"],
            font: font(FACES.table),
            size: SIZE.footer,
          }),
        ],
      }),
    ],
  });

/** The whole report as a .docx file, in official order. */
export async function renderDocx(report: Report): Promise<Buffer> {
  const title = report.title ?? reportTitle(report.agency, report.year);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ style: "ReportTitle", text: title }),
    ...narrative(report.sections?.preamble),
  ];
  for (const s of SECTIONS) {
    children.push(new Paragraph({ style: "ReportHeading", text: s.heading }));
    children.push(...narrative(report.sections?.[s.key]));
    if (s.table) {
      children.push(gridTable(gridFor(s.table, report)));
      // A small gap after the table, so the next heading does not touch its bottom border.
      children.push(new Paragraph({ style: "TableText" }));
    }
  }
  const doc = new Document({
    title,
    creator: "Gongkai",
    styles: {
      default: {
        document: {
          run: { font: font(FACES.body), size: SIZE.body, language: { value: "en-US", eastAsia: "zh-CN" } },
          paragraph: { alignment: AlignmentType.BOTH, spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
      paragraphStyles: STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              footer: PAGE.footer,
            },
          },
        },
        footers: { default: footer() },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: "word/fontTable.xml", data: fontTable() }]);
}
