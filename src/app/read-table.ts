/**
 * Reading a spreadsheet (CSV or XLSX) into rows of cell texts, for register imports.
 * CSV: RFC 4180 quoting (domain/csv.ts), UTF-8 (with or without BOM) or GB18030 as saved by Excel in China.
 * XLSX: the first worksheet via exceljs; date cells become YYYY-MM-DD.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import ExcelJS from "exceljs";
import { csvRows } from "../domain/csv.js";
import { GongkaiError } from "../domain/errors.js";

/** Decodes CSV bytes: UTF-8 when valid, else GB18030 (Excel's "CSV" on Chinese Windows). */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell of exceljs as text: dates as YYYY-MM-DD (Excel dates carry no zone; exceljs gives UTC). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    return "";
  }
  return String(value);
}

/** The bytes of an input file, or INPUT-UNREADABLE saying why not. */
async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GongkaiError(
      "INPUT-UNREADABLE",
      `无法读取 ${path}：${code === "ENOENT" ? "文件不存在" : String(e)}`,
    );
  }
}

/** The rows of the first worksheet of an XLSX file, as trimmed texts. */
async function xlsxRows(path: string, bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new GongkaiError(
      "INPUT-FORMAT",
      `${path} 不是有效的 XLSX 文件：${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new GongkaiError("INPUT-FORMAT", `${path} 中没有工作表`);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (r) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) values.push(cellText(r.getCell(c).value).trim());
    rows.push(values);
  });
  return rows;
}

/**
 * A table that can be read more than once without holding every row in memory (large CSV
 * registers are walked twice: validated whole, then written).
 */
export interface RowSource {
  header: string[] | undefined;
  /** The data rows after the header, each time from the start. */
  rows(): Iterable<string[]>;
}

/** Opens a CSV or XLSX file as a RowSource (CSV rows are parsed on each walk, not kept). */
export async function openTableFile(path: string): Promise<RowSource> {
  const ext = extname(path).toLowerCase();
  if (ext !== ".csv" && ext !== ".txt" && ext !== ".xlsx")
    throw new GongkaiError(
      "INPUT-FORMAT",
      `${path}：只能导入 CSV 或 XLSX 文件（实际为 ${ext || "无扩展名"}）`,
    );
  const bytes = await readInput(path);
  if (ext === ".xlsx") {
    const [header, ...body] = await xlsxRows(path, bytes);
    return { header, rows: () => body };
  }
  const text = decodeCsv(bytes);
  const first = csvRows(text).next();
  return {
    header: first.done ? undefined : first.value,
    *rows() {
      const it = csvRows(text);
      it.next();
      yield* it;
    },
  };
}

/** Reads a CSV or XLSX file into rows of texts (the header first). */
export async function readTableFile(path: string): Promise<string[][]> {
  const { header, rows } = await openTableFile(path);
  return header ? [header, ...rows()] : [];
}
