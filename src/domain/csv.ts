/** CSV text into rows of cells (RFC 4180): pure, shared by every importer. */

/** The non-empty rows of CSV text, one at a time (RFC 4180: quoted fields may hold commas, quotes and newlines). */
export function* csvRows(text: string): Generator<string[]> {
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const done = (r: string[]) => r.some((cell) => cell.trim() !== "");
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      if (done(row)) yield row;
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    if (done(row)) yield row;
  }
}

/** All non-empty rows of CSV text. */
export function parseCsv(text: string): string[][] {
  return [...csvRows(text)];
}

/** Splits one CSV line into trimmed cells (a blank line gives one empty cell). */
export function splitCsvLine(line: string): string[] {
  const row: string[] = csvRows(line).next().value ?? [""];
  return row.map((cell) => cell.trim());
}
