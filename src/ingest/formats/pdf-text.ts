/**
 * A light reader of a PDF's text layer: runs each page's content stream (text operators, q/Q/cm,
 * form XObjects) and builds text items the way pdfjs's getTextContent does (pdf-items.ts), so the
 * line builder sees the same input — in a fraction of the time, because no font program, image
 * or path is ever parsed. Files it does not handle (Type3 fonts, no ToUnicode, encryption, filters
 * other than Flate, damage) make it give up (null / PdfUnsupported): the caller then uses pdfjs.
 */
import { PdfFile } from "./pdf-file.js";
import { loadFont, type PdfFont } from "./pdf-fonts.js";
import { Builder, ID, mul, State, type TextItem, translate } from "./pdf-items.js";
import { Cmd, type Dict, isDict, Lexer, Name, PdfUnsupported, type PdfValue, Stream } from "./pdf-objects.js";

export type { TextItem };

/** Opens the file for the light reader; null when it cannot (pdfjs reads it then). */
export function openLight(bytes: Uint8Array): PdfFile | null {
  try {
    return new PdfFile(bytes);
  } catch {
    return null;
  }
}

/** The text items of one page, in content order; throws PdfUnsupported when the page needs pdfjs. */
export function pageItems(pdf: PdfFile, page: { dict: Dict; resources: Dict; view: number[] }): TextItem[] {
  const items: TextItem[] = [];
  run(pdf, pdf.content(page.dict), page.resources, new State(), page.view, items, new Set(), 0);
  return items;
}

/** Fonts read, by their dictionary (dictionaries belong to one opened file). */
const FONTS = new WeakMap<Dict, PdfFont>();

/** Operand counts of the operators the text layer needs; every other operator is skipped. */
const ARGS = new Map(
  Object.entries({
    q: 0,
    Q: 0,
    cm: 6,
    BT: 0,
    ET: 0,
    Tf: 2,
    Tc: 1,
    Tw: 1,
    Tz: 1,
    TL: 1,
    Ts: 1,
    Td: 2,
    TD: 2,
    Tm: 6,
    "T*": 0,
    Tj: 1,
    TJ: 1,
    "'": 1,
    '"': 3,
    Do: 1,
    gs: 1,
    BDC: 2,
    BMC: 1,
    EMC: 0,
  }),
);

function run(
  pdf: PdfFile,
  content: Uint8Array,
  resources: Dict,
  start: State,
  view: number[],
  out: TextItem[],
  forms: Set<Stream>,
  depth: number,
): void {
  const stack: State[] = [];
  let st = start;
  let cur: State | null = null;
  const b = new Builder(out, view);
  const lex = new Lexer(content);
  const ops: (PdfValue | undefined)[] = [];
  const num = (i: number) => (typeof ops[i] === "number" ? (ops[i] as number) : Number.NaN);
  for (;;) {
    const t = lex.read();
    if (t === undefined) break;
    if (!(t instanceof Cmd)) {
      ops.push(t);
      if (ops.length > 64) ops.shift();
      continue;
    }
    const op = t.c;
    const n = ARGS.get(op);
    if (op === "BI") {
      skipInlineImage(lex);
      ops.length = 0;
      continue;
    }
    if (n === undefined || ops.length < n) {
      ops.length = 0;
      continue;
    }
    if (ops.length > n) ops.splice(0, ops.length - n);
    cur ??= st.clone();
    switch (op) {
      case "q":
        stack.push(st);
        st = st.clone();
        break;
      case "Q":
        st = stack.pop() ?? st;
        break;
      case "cm":
        st.ctm = mul(st.ctm, [0, 1, 2, 3, 4, 5].map(num));
        break;
      case "BT":
        st.tm = ID.slice();
        st.tlm = ID.slice();
        break;
      case "Tf": {
        const name = ops[0] instanceof Name ? ops[0].n : null;
        if (name === null) throw new PdfUnsupported("Tf");
        if (st.font && name === st.fontName && num(1) === st.fontSize) break;
        st.fontName = name;
        st.fontSize = num(1);
        const fr = pdf.at(resources, "Font");
        const fd = isDict(fr) ? pdf.get(fr.get(name) ?? null) : null;
        if (!isDict(fd)) throw new PdfUnsupported(`no font ${name}`);
        let f = FONTS.get(fd);
        if (!f) {
          f = loadFont(pdf, fd);
          FONTS.set(fd, f);
        }
        st.font = f;
        break;
      }
      case "Tc":
        st.charSpacing = num(0);
        break;
      case "Tw":
        st.wordSpacing = num(0);
        break;
      case "Tz":
        st.hScale = num(0) / 100;
        break;
      case "TL":
        st.leading = num(0);
        break;
      case "Ts":
        st.rise = num(0);
        break;
      case "TD":
        st.leading = -num(1);
        translate(st.tlm, num(0), num(1));
        st.tm = st.tlm.slice();
        break;
      case "Td":
        translate(st.tlm, num(0), num(1));
        st.tm = st.tlm.slice();
        break;
      case "Tm":
        st.tm = [0, 1, 2, 3, 4, 5].map(num);
        st.tlm = st.tm.slice();
        b.updateAdvanceScale(st);
        break;
      case "T*":
        translate(st.tlm, 0, -st.leading);
        st.tm = st.tlm.slice();
        break;
      case "Tj":
      case "'":
      case '"': {
        if (!st.font) throw new PdfUnsupported("no font");
        if (op === '"') {
          st.wordSpacing = num(0);
          st.charSpacing = num(1);
        }
        if (op !== "Tj") {
          translate(st.tlm, 0, -st.leading);
          st.tm = st.tlm.slice();
        }
        const s = ops[op === '"' ? 2 : 0];
        cur = b.show(st, cur, typeof s === "string" ? s : "", 0);
        break;
      }
      case "TJ": {
        if (!st.font) throw new PdfUnsupported("no font");
        const arr = Array.isArray(ops[0]) ? (ops[0] as PdfValue[]) : [];
        const factor = ((st.font.vertical ? 1 : -1) * st.fontSize) / 1000;
        let buf = "";
        for (const el of arr) {
          if (typeof el === "string") buf += el;
          else if (typeof el === "number" && el !== 0) {
            cur = b.show(st, cur, buf, el * factor);
            buf = "";
          }
        }
        if (buf.length > 0) cur = b.show(st, cur, buf, 0);
        break;
      }
      case "gs": {
        const gs = pdf.at(resources, "ExtGState");
        const g = isDict(gs) && ops[0] instanceof Name ? pdf.get(gs.get(ops[0].n) ?? null) : null;
        if (isDict(g) && g.has("Font")) throw new PdfUnsupported("gs font");
        break;
      }
      case "Do": {
        b.flush();
        const xo = pdf.at(resources, "XObject");
        const x = isDict(xo) && ops[0] instanceof Name ? pdf.get(xo.get(ops[0].n) ?? null) : null;
        if (!(x instanceof Stream) || (pdf.at(x.dict, "Subtype") as Name | null)?.n !== "Form") break;
        if (forms.has(x) || depth > 12) throw new PdfUnsupported("form loop");
        const inner = st.clone();
        const m = pdf.at(x.dict, "Matrix");
        if (Array.isArray(m) && m.length === 6 && m.every((v) => typeof v === "number"))
          inner.ctm = mul(inner.ctm, m as number[]);
        const r = pdf.at(x.dict, "Resources");
        forms.add(x);
        run(pdf, pdf.streamData(x), isDict(r) ? r : resources, inner, view, out, forms, depth + 1);
        forms.delete(x);
        break;
      }
      case "BDC":
      case "BMC":
      case "EMC":
        b.flush();
        break;
    }
    ops.length = 0;
  }
  b.flush();
}

/** Skips `BI <dict> ID <binary> EI`: the data ends at white space + "EI" + white space. */
function skipInlineImage(lex: Lexer): void {
  for (let guard = 0; guard < 1000; guard++) {
    const t = lex.read();
    if (t === undefined) return;
    if (t instanceof Cmd && t.c === "ID") break;
  }
  const b = lex.b;
  let i = lex.pos + 1;
  const ws = (c: number | undefined) =>
    c === undefined || c === 32 || c === 10 || c === 13 || c === 9 || c === 0;
  while (i < b.length && !(b[i] === 69 && b[i + 1] === 73 && ws(b[i - 1]) && ws(b[i + 2]))) i++;
  lex.pos = i + 2;
}
