/**
 * The intermediate form every format reader produces: lines of cells in reading order, each with
 * its place in the source (page/line/table-row-col) for provenance and messages.
 */

/** Formats the ingest layer can read. */
export type IngestFormat = "json" | "text" | "markdown" | "html" | "docx" | "pdf";

export interface SourceCell {
  text: string;
  /** Where the cell is, in Chinese: 第3页第12行, 表2第4行第3列, 第57行. */
  loc: string;
  /** Horizontal centre of the cell on the page (PDF only). */
  x?: number;
  /** An empty cell of a flattened table: a blank value even in a free-text line. */
  blank?: boolean;
}

export interface SourceLine {
  cells: SourceCell[];
  /**
   * True when the line is a real table row (HTML tr, DOCX w:tr, Markdown pipe row): its cells are
   * cells, blank cells are blank values, and a row never continues on the next line.
   */
  structured: boolean;
}

export interface SourceDoc {
  format: IngestFormat;
  lines: SourceLine[];
  /** Problems met while reading the file itself (Chinese). */
  warnings: string[];
}

/** Plain text of a document, one line per source line, cells joined by a space. */
export function docText(doc: SourceDoc): string {
  return doc.lines.map((l) => l.cells.map((c) => c.text).join(" ")).join("\n");
}
