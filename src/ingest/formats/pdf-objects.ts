/**
 * The object layer of a PDF (ISO 32000-1 §7.3–7.5), just what the text-layer reader needs:
 * tokens, objects, the cross-reference table or stream (with /Prev chains and object streams),
 * Flate-decoded streams (with PNG predictors) and the page tree. Anything else is "unsupported"
 * (PdfUnsupported) and the caller hands the file to pdfjs, which reads every PDF.
 */
import { inflateSync, constants as zc } from "node:zlib";

/** Thrown for any PDF feature or damage the light reader does not handle. */
export class PdfUnsupported extends Error {}
const no = (why: string): never => {
  throw new PdfUnsupported(why);
};

export class Name {
  constructor(readonly n: string) {}
}
export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class Cmd {
  constructor(readonly c: string) {}
}
export type Dict = Map<string, PdfValue>;
export class Stream {
  constructor(
    readonly dict: Dict,
    readonly start: number,
    readonly length: number,
  ) {}
}
/** Strings are kept as latin1 JS strings (one char per byte). */
export type PdfValue = number | string | boolean | null | Name | Ref | Dict | PdfValue[] | Stream;

const names = new Map<string, Name>();
const cmds = new Map<string, Cmd>();
const shortCmds = new Map<number, Cmd>();
const intern = <T>(m: Map<string, T>, k: string, make: (k: string) => T): T => {
  let v = m.get(k);
  if (!v) {
    v = make(k);
    m.set(k, v);
  }
  return v;
};
// 0 = regular, 1 = white space, 2 = delimiter
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of "()<>[]{}/%") CLASS[c.charCodeAt(0)] = 2;
const ESC: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };

/** A tokenizer/parser over the file bytes (or a decoded stream); `pos` is public for stream skipping. */
export class Lexer {
  pos: number;
  constructor(
    readonly b: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }

  private skip(): void {
    const b = this.b;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (c === 37) while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      else if (CLASS[c] === 1) this.pos++;
      else return;
    }
  }

  /** The next object or command; undefined at the end. Arrays and dictionaries are parsed whole. */
  read(depth = 0): PdfValue | Cmd | undefined {
    if (depth > 100) no("nesting");
    this.skip();
    const b = this.b;
    if (this.pos >= b.length) return undefined;
    const c = b[this.pos]!;
    if (c === 47) return intern(names, this.word(this.pos + 1), (k) => new Name(k));
    if (c === 40) return this.literal();
    if (c === 60) {
      if (b[this.pos + 1] === 60) {
        this.pos += 2;
        const d: Dict = new Map();
        for (;;) {
          const k = this.read(depth + 1);
          if (k === undefined || (k instanceof Cmd && k.c === ">>")) return d;
          if (!(k instanceof Name)) continue;
          const v = this.object(depth + 1);
          if (v instanceof Cmd) {
            if (v.c === ">>") return d;
            continue;
          }
          d.set(k.n, v ?? null);
        }
      }
      return this.hex();
    }
    if (c === 91) {
      this.pos++;
      const a: PdfValue[] = [];
      for (;;) {
        const v = this.object(depth + 1);
        if (v === undefined || (v instanceof Cmd && v.c === "]")) return a;
        if (!(v instanceof Cmd)) a.push(v);
      }
    }
    if (c === 93 || c === 62) {
      this.pos += c === 62 && b[this.pos + 1] === 62 ? 2 : 1;
      return intern(cmds, c === 93 ? "]" : ">>", (k) => new Cmd(k));
    }
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return this.number();
    if (CLASS[c] === 2) {
      this.pos++;
      return this.read(depth);
    }
    // Short commands (most content operators) are looked up by their bytes, without a string.
    const b1 = this.pos + 1 < b.length ? b[this.pos + 1]! : 32;
    const b2 = this.pos + 2 < b.length ? b[this.pos + 2]! : 32;
    const len = CLASS[b1] !== 0 ? 1 : CLASS[b2] !== 0 ? 2 : 3;
    if (len < 3) {
      const key = len === 1 ? c : c | (b1 << 8);
      const hit = shortCmds.get(key);
      if (hit) {
        this.pos += len;
        return hit;
      }
      const w = this.word(this.pos);
      const cmd = intern(cmds, w, (k) => new Cmd(k));
      shortCmds.set(key, cmd);
      return cmd;
    }
    const w = this.word(this.pos);
    if (w === "true") return true;
    if (w === "false") return false;
    if (w === "null") return null;
    return intern(cmds, w, (k) => new Cmd(k));
  }

  /** Like read, but `n g R` becomes a Ref. */
  object(depth = 0): PdfValue | Cmd | undefined {
    const v = this.read(depth);
    if (typeof v !== "number" || !Number.isInteger(v)) return v;
    const save = this.pos;
    const g = this.read(depth);
    if (typeof g === "number" && Number.isInteger(g)) {
      const r = this.read(depth);
      if (r instanceof Cmd && r.c === "R") return new Ref(v, g);
    }
    this.pos = save;
    return v;
  }

  private text: string | undefined;
  private word(from: number): string {
    const b = this.b;
    let e = from;
    while (e < b.length && CLASS[b[e]!] === 0) e++;
    this.pos = e;
    this.text ??= latin1Of(b);
    const w = this.text.slice(from, e);
    return w.includes("#")
      ? w.replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
      : w;
  }

  /** A number token: sign, digits, one decimal point (PDF has no exponents). */
  private number(): number {
    const b = this.b;
    let i = this.pos;
    let sign = 1;
    if (b[i] === 45 || b[i] === 43) {
      if (b[i] === 45) sign = -1;
      i++;
    }
    let v = 0;
    let c = b[i]!;
    while (c >= 48 && c <= 57) {
      v = v * 10 + c - 48;
      c = b[++i]!;
    }
    if (c === 46) {
      let scale = 1;
      c = b[++i]!;
      while (c >= 48 && c <= 57) {
        v = v * 10 + c - 48;
        scale *= 10;
        c = b[++i]!;
      }
      v /= scale;
    }
    // Junk after a number (1.2.3, 5-4) is part of the token, as pdfjs skips it.
    while (i < b.length && CLASS[b[i]!] === 0) i++;
    this.pos = i;
    return sign * v;
  }

  private literal(): string {
    const b = this.b;
    let depth = 1;
    let i = this.pos + 1;
    const out: number[] = [];
    while (i < b.length) {
      const c = b[i++]!;
      if (c === 40) depth++;
      else if (c === 41 && --depth === 0) break;
      if (c !== 92) {
        out.push(c === 13 ? 10 : c);
        if (c === 13 && b[i] === 10) i++;
        continue;
      }
      const e = b[i++]!;
      if (e >= 48 && e <= 55) {
        let v = e - 48;
        for (let k = 0; k < 2 && b[i]! >= 48 && b[i]! <= 55; k++) v = v * 8 + b[i++]! - 48;
        out.push(v & 255);
      } else if (e === 13) {
        if (b[i] === 10) i++;
      } else if (e !== 10) out.push(ESC[e] ?? e);
    }
    this.pos = i;
    return latin1(out);
  }

  private hex(): string {
    const b = this.b;
    let i = this.pos + 1;
    const out: number[] = [];
    let hi = -1;
    while (i < b.length && b[i] !== 62) {
      const c = b[i++]!;
      const v = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (v < 0) continue;
      if (hi < 0) hi = v;
      else {
        out.push(hi * 16 + v);
        hi = -1;
      }
    }
    if (hi >= 0) out.push(hi * 16);
    this.pos = i + 1;
    return latin1(out);
  }
}

/** The bytes as a latin1 string, made once per buffer (every Lexer over the file shares it). */
const TEXTS = new WeakMap<Uint8Array, string>();
function latin1Of(b: Uint8Array): string {
  let t = TEXTS.get(b);
  if (t === undefined) {
    t = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");
    TEXTS.set(b, t);
  }
  return t;
}

function latin1(codes: number[]): string {
  let s = "";
  for (let i = 0; i < codes.length; i += 4096) s += String.fromCharCode(...codes.slice(i, i + 4096));
  return s;
}

export const isDict = (v: unknown): v is Dict => v instanceof Map;
const MAX_DECODED = 64 * 1024 * 1024;

/** Stream bytes after their filters; only FlateDecode (with PNG predictors) is decoded. */
export function decodeStream(file: Uint8Array, s: Stream, pdf: { get(v: PdfValue): PdfValue }): Uint8Array {
  let data = file.subarray(s.start, s.start + s.length);
  const f = pdf.get(s.dict.get("Filter") ?? null);
  const filters = Array.isArray(f) ? f.map((x) => pdf.get(x)) : f === null ? [] : [f];
  if (filters.length > 1) no("filters");
  if (filters.length === 0) return data;
  const name = filters[0] instanceof Name ? filters[0].n : "";
  if (name !== "FlateDecode" && name !== "Fl") no(`filter ${name}`);
  data = inflateSync(data, { finishFlush: zc.Z_SYNC_FLUSH, maxOutputLength: MAX_DECODED });
  let parms = pdf.get(s.dict.get("DecodeParms") ?? null);
  if (Array.isArray(parms)) parms = pdf.get(parms[0] ?? null);
  const predictor = isDict(parms) ? pdf.get(parms.get("Predictor") ?? 1) : 1;
  if (predictor === 1 || !isDict(parms)) return data;
  if (typeof predictor !== "number" || predictor < 10) no("predictor");
  const colors = pdf.get(parms.get("Colors") ?? 1);
  const bpc = pdf.get(parms.get("BitsPerComponent") ?? 8);
  const columns = pdf.get(parms.get("Columns") ?? 1);
  if (colors !== 1 || bpc !== 8 || typeof columns !== "number") no("predictor parameters");
  return unpredictPng(data, columns as number);
}

function unpredictPng(data: Uint8Array, columns: number): Uint8Array {
  const rows = Math.floor(data.length / (columns + 1));
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (columns + 1)]!;
    for (let i = 0; i < columns; i++) {
      const raw = data[r * (columns + 1) + 1 + i]!;
      const left = i > 0 ? out[r * columns + i - 1]! : 0;
      const up = r > 0 ? out[(r - 1) * columns + i]! : 0;
      const ul = r > 0 && i > 0 ? out[(r - 1) * columns + i - 1]! : 0;
      let v = raw;
      if (type === 1) v += left;
      else if (type === 2) v += up;
      else if (type === 3) v += (left + up) >> 1;
      else if (type === 4) {
        const p = left + up - ul;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - ul)];
        v += pa <= pb && pa <= pc ? left : pb <= pc ? up : ul;
      }
      out[r * columns + i] = v & 255;
    }
  }
  return out;
}
