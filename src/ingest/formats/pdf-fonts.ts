/**
 * Fonts for the light text-layer reader: only what text extraction needs — the code → Unicode map
 * (ToUnicode CMap, ISO 32000-1 §9.10.3), glyph widths (/W, /DW for CIDFonts; /Widths for simple
 * fonts) and vertical metrics (/W2, /DW2). Supported: Type0 with Identity-H/V, and simple TrueType
 * and Type1 fonts, each with a ToUnicode map that covers every code shown. Type3 fonts, predefined
 * CMaps and fonts without ToUnicode are unsupported (pdfjs reads those files).
 */
import type { PdfFile } from "./pdf-file.js";
import {
  type Dict,
  decodeStream,
  isDict,
  Name,
  PdfUnsupported,
  type PdfValue,
  Stream,
} from "./pdf-objects.js";

const no = (why: string): never => {
  throw new PdfUnsupported(why);
};

export interface Glyph {
  code: number;
  unicode: string;
  /** Horizontal advance in glyph units (1/1000 of the font size). */
  width: number;
  /** Vertical advance w1y in glyph units (vertical fonts). */
  vy: number;
  space: boolean;
  mark: boolean;
  invisible: boolean;
}

export interface PdfFont {
  name: string;
  vertical: boolean;
  /** The glyphs of a shown string (its bytes as a latin1 string). */
  glyphs(s: string): Glyph[];
}

const CATEGORY = /^(\s)|(\p{Mn})|(\p{Cf})$/u;

/** Loads the font resource `ref` (a dictionary); throws PdfUnsupported for fonts it cannot read. */
export function loadFont(pdf: PdfFile, d: PdfValue): PdfFont {
  if (!isDict(d)) return no("font");
  const sub = (pdf.at(d, "Subtype") as Name | null)?.n;
  const base = pdf.at(d, "BaseFont");
  const name = base instanceof Name ? base.n : "";
  const tu = pdf.at(d, "ToUnicode");
  if (!(tu instanceof Stream)) return no("no ToUnicode");
  const uni = readToUnicode(pdf, tu);
  let twoByte = false;
  let vertical = false;
  const widths: Segment[] = [];
  const vmetrics: Segment[] = [];
  let dw = 0;
  let dvy = -1000;
  if (sub === "Type0") {
    const enc = pdf.at(d, "Encoding");
    if (!(enc instanceof Name) || (enc.n !== "Identity-H" && enc.n !== "Identity-V")) no("CMap");
    twoByte = true;
    vertical = (enc as Name).n === "Identity-V";
    const kids = pdf.at(d, "DescendantFonts");
    const cid = Array.isArray(kids) ? pdf.get(kids[0] ?? null) : null;
    if (!isDict(cid)) return no("no CIDFont");
    const dwv = pdf.at(cid, "DW");
    dw = typeof dwv === "number" ? Math.ceil(dwv) : 1000;
    readW(pdf, pdf.at(cid, "W"), 1, widths);
    if (vertical) {
      const dw2 = pdf.at(cid, "DW2");
      if (Array.isArray(dw2) && dw2.length === 2 && typeof dw2[1] === "number") dvy = dw2[1];
      readW(pdf, pdf.at(cid, "W2"), 3, vmetrics);
    }
  } else if (sub === "TrueType" || sub === "Type1" || sub === "MMType1") {
    const first = pdf.at(d, "FirstChar");
    const list = pdf.at(d, "Widths");
    if (typeof first !== "number" || !Array.isArray(list)) return no("no Widths");
    widths.push([first, first + list.length - 1, list.map((w) => pdf.get(w))]);
    const desc = pdf.at(d, "FontDescriptor");
    const missing = isDict(desc) ? pdf.at(desc, "MissingWidth") : null;
    dw = typeof missing === "number" ? missing : 0;
  } else return no(`font ${sub}`);

  const cache = new Map<number, Glyph>();
  const glyph = (code: number): Glyph => {
    let g = cache.get(code);
    if (g) return g;
    let unicode = uni.get(code);
    if (unicode === undefined) {
      if (!twoByte) no("unmapped code");
      unicode = String.fromCharCode(code);
    }
    const m = CATEGORY.exec(unicode);
    g = {
      code,
      unicode,
      width: lookup(widths, code) ?? dw,
      vy: lookup(vmetrics, code) ?? dvy,
      space: !!m?.[1],
      mark: !!m?.[2],
      invisible: !!m?.[3],
    };
    cache.set(code, g);
    return g;
  };
  const strings = new Map<string, Glyph[]>();
  return {
    name,
    vertical,
    glyphs(s) {
      let out = strings.get(s);
      if (out) return out;
      out = [];
      if (twoByte)
        for (let i = 0; i + 1 < s.length; i += 2)
          out.push(glyph(s.charCodeAt(i) * 256 + s.charCodeAt(i + 1)));
      else for (let i = 0; i < s.length; i++) out.push(glyph(s.charCodeAt(i)));
      if (strings.size < 5000) strings.set(s, out);
      return out;
    },
  };
}

/** Codes lo..hi: one value for all, or a list with one value per code (`per` numbers each). */
type Segment = [lo: number, hi: number, v: number | PdfValue[], per?: number];

/** The last segment holding `code` wins (as later /W entries overwrite earlier ones in pdfjs). */
function lookup(segs: Segment[], code: number): number | undefined {
  for (let i = segs.length - 1; i >= 0; i--) {
    const [lo, hi, v, per = 1] = segs[i]!;
    if (code < lo || code > hi) continue;
    const x = typeof v === "number" ? v : v[(code - lo) * per];
    if (typeof x === "number") return x;
  }
  return undefined;
}

/** /W or /W2 arrays: `c [v...]` or `c1 c2 v...`, with `per` numbers for each code (the first kept). */
function readW(pdf: PdfFile, w: PdfValue, per: number, segs: Segment[]): void {
  if (!Array.isArray(w)) return;
  const a = w.map((x) => pdf.get(x));
  for (let i = 0; i < a.length; ) {
    const start = a[i];
    if (typeof start !== "number" || !Number.isInteger(start)) return;
    const next = a[i + 1];
    if (Array.isArray(next)) {
      const vals = next.map((x) => pdf.get(x));
      segs.push([start, start + Math.floor(vals.length / per) - 1, vals, per]);
      i += 2;
    } else if (typeof next === "number") {
      const v = a.slice(i + 2, i + 2 + per);
      if (v.length < per || v.some((x) => typeof x !== "number")) return;
      segs.push([start, next, v[0] as number]);
      i += 2 + per;
    } else return;
  }
}

/** Code → Unicode from a ToUnicode CMap (bfchar and bfrange; values are UTF-16BE). */
function readToUnicode(pdf: PdfFile, s: Stream): Map<number, string> {
  const text = Buffer.from(decodeStream(pdf.b, s, pdf)).toString("latin1");
  if (/\busecmap\b|\bbegincidrange\b|\bbegincidchar\b/.test(text)) no("ToUnicode form");
  const map = new Map<number, string>();
  const TOKEN = /<([0-9a-fA-F\s]*)>|\[|\]/g;
  for (const block of text.matchAll(/beginbf(char|range)([\s\S]*?)endbf\1/g)) {
    const toks: (string | null)[] = [];
    for (const t of block[2]!.matchAll(TOKEN)) toks.push(t[1] === undefined ? t[0] : bytesOf(t[1]));
    if (block[1] === "char") {
      for (let i = 0; i + 1 < toks.length; i += 2) {
        const src = toks[i];
        const dst = toks[i + 1];
        if (typeof src === "string" && typeof dst === "string" && src !== "[" && dst !== "[")
          map.set(codeOf(src), utf16(dst));
      }
      continue;
    }
    for (let i = 0; i + 2 < toks.length; ) {
      const lo = codeOf(toks[i]!);
      const hi = codeOf(toks[i + 1]!);
      if (hi - lo > 65536 || map.size > 200_000) no("range");
      if (toks[i + 2] === "[") {
        let k = i + 3;
        for (let c = lo; k < toks.length && toks[k] !== "]"; k++, c++)
          if (c <= hi) map.set(c, utf16(toks[k]!));
        i = k + 1;
        continue;
      }
      let dst = toks[i + 2]!;
      for (let c = lo; c <= hi; c++) {
        map.set(c, utf16(dst));
        const last = dst.charCodeAt(dst.length - 1) + 1;
        if (dst.length === 0) break;
        dst =
          last > 0xff
            ? `${dst.slice(0, -2)}${String.fromCharCode((dst.charCodeAt(dst.length - 2) + 1) & 0xff)}\x00`
            : `${dst.slice(0, -1)}${String.fromCharCode(last)}`;
      }
      i += 3;
    }
  }
  return map;
}

const bytesOf = (hex: string): string => {
  const h = hex.replace(/\s+/g, "");
  const p = h.length % 2 ? `${h}0` : h;
  let s = "";
  for (let i = 0; i < p.length; i += 2) s += String.fromCharCode(Number.parseInt(p.slice(i, i + 2), 16));
  return s;
};
const codeOf = (bytes: string): number => {
  let c = 0;
  for (let i = 0; i < bytes.length; i++) c = c * 256 + bytes.charCodeAt(i);
  return c;
};
/** UTF-16BE bytes to a string, as pdfjs reads ToUnicode values (surrogate pairs joined). */
function utf16(token: string): string {
  const bytes = token.length % 2 ? `\x00${token}` : token;
  const cps: number[] = [];
  for (let k = 0; k + 1 < bytes.length; k += 2) {
    const w1 = (bytes.charCodeAt(k) << 8) | bytes.charCodeAt(k + 1);
    if ((w1 & 0xf800) !== 0xd800) {
      cps.push(w1);
      continue;
    }
    k += 2;
    const w2 = (bytes.charCodeAt(k) << 8) | bytes.charCodeAt(k + 1);
    cps.push(((w1 & 0x3ff) << 10) + (w2 & 0x3ff) + 0x10000);
  }
  return String.fromCodePoint(...cps);
}

export type { Dict };
export { Stream };
