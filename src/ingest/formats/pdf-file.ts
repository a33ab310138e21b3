/**
 * A PDF file opened for the light text-layer reader: the cross-reference sections (ISO 32000-1
 * §7.5.4 tables, §7.5.8 streams, newest first along /Prev), objects fetched and cached on demand
 * (object streams §7.5.7 included), and the page tree with inherited Resources, MediaBox, CropBox.
 * Damage or features it does not read throw PdfUnsupported; pdfjs then reads the file.
 */
import {
  Cmd,
  type Dict,
  decodeStream,
  isDict,
  Lexer,
  type Name,
  PdfUnsupported,
  type PdfValue,
  Ref,
  Stream,
} from "./pdf-objects.js";

const no = (why: string): never => {
  throw new PdfUnsupported(why);
};

/** Where an object lives: at a file offset, or as the n-th object of an object stream. */
type Entry = { off: number } | { stm: number; idx: number };

export interface PdfPage {
  dict: Dict;
  resources: Dict;
  /** The visible area (CropBox ∩ MediaBox), as pdfjs's page.view: [x0, y0, x1, y1]. */
  view: number[];
}

export class PdfFile {
  private readonly xref = new Map<number, Entry>();
  private readonly cache = new Map<number, PdfValue>();
  private readonly objStms = new Map<number, { lex: Lexer; offsets: number[] }>();
  readonly trailer: Dict;

  constructor(readonly b: Uint8Array) {
    const tail = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString(
      "latin1",
      Math.max(0, b.length - 2048),
    );
    const at = tail.lastIndexOf("startxref");
    if (at < 0) no("no startxref");
    const off = Number(/^startxref\s+(\d+)/.exec(tail.slice(at))?.[1] ?? Number.NaN);
    let trailer: Dict | null = null;
    const seen = new Set<number>();
    for (let next: PdfValue = off; typeof next === "number"; ) {
      if (seen.has(next) || seen.size > 50 || next < 0 || next >= b.length) no("xref chain");
      seen.add(next);
      const t = this.section(next);
      trailer ??= t;
      const stm = t.get("XRefStm");
      if (typeof stm === "number" && !seen.has(stm)) {
        seen.add(stm);
        this.section(stm);
      }
      next = t.get("Prev") ?? null;
    }
    this.trailer = trailer!;
    if (this.trailer.has("Encrypt")) no("encrypted");
  }

  /** Reads one cross-reference section at `off` (table or stream); returns its trailer. */
  private section(off: number): Dict {
    const lex = new Lexer(this.b, off);
    const first = lex.read();
    if (first instanceof Cmd && first.c === "xref") {
      for (;;) {
        const start = lex.read();
        if (start instanceof Cmd && start.c === "trailer") break;
        const count = lex.read();
        if (typeof start !== "number" || typeof count !== "number" || count < 0) no("xref table");
        for (let i = 0; i < (count as number); i++) {
          const o = lex.read();
          lex.read();
          const kind = lex.read();
          if (typeof o !== "number" || !(kind instanceof Cmd)) no("xref entry");
          const num = (start as number) + i;
          if (kind instanceof Cmd && kind.c === "n" && !this.xref.has(num) && num > 0)
            this.xref.set(num, { off: o as number });
        }
      }
      const t = lex.read();
      return isDict(t) ? t : no("trailer");
    }
    // A cross-reference stream: "n g obj << /Type /XRef ... >> stream".
    const s = this.parseAt(off);
    if (!(s instanceof Stream) || (s.dict.get("Type") as Name | undefined)?.n !== "XRef") return no("xref");
    const w = s.dict.get("W");
    if (!Array.isArray(w) || w.length !== 3 || w.some((x) => typeof x !== "number")) no("xref W");
    const [w0, w1, w2] = w as number[];
    const size = s.dict.get("Size");
    const index = (s.dict.get("Index") ?? [0, size]) as PdfValue[];
    const data = decodeStream(this.b, s, this);
    const field = (p: number, n: number, dflt: number) => {
      if (n === 0) return dflt;
      let v = 0;
      for (let k = 0; k < n; k++) v = v * 256 + (data[p + k] ?? 0);
      return v;
    };
    let p = 0;
    for (let k = 0; k + 1 < index.length; k += 2) {
      const start = index[k];
      const count = index[k + 1];
      if (typeof start !== "number" || typeof count !== "number") no("xref Index");
      for (let i = 0; i < (count as number) && p < data.length; i++, p += w0! + w1! + w2!) {
        const type = field(p, w0!, 1);
        const a = field(p + w0!, w1!, 0);
        const c = field(p + w0! + w1!, w2!, 0);
        const num = (start as number) + i;
        if (this.xref.has(num) || num === 0) continue;
        if (type === 1) this.xref.set(num, { off: a });
        else if (type === 2) this.xref.set(num, { stm: a, idx: c });
      }
    }
    return s.dict;
  }

  /** Parses "n g obj <value> [stream ... endstream]" at a file offset. */
  private parseAt(off: number, lex = new Lexer(this.b, off)): PdfValue {
    lex.read();
    lex.read();
    const kw = lex.read();
    if (!(kw instanceof Cmd) || kw.c !== "obj") no(`no object at ${off}`);
    const v = lex.object();
    if (v instanceof Cmd || v === undefined) return no("object");
    if (!isDict(v)) return v;
    const save = lex.pos;
    const s = lex.read();
    if (!(s instanceof Cmd) || s.c !== "stream") {
      lex.pos = save;
      return v;
    }
    let start = lex.pos;
    if (this.b[start] === 13) start++;
    if (this.b[start] === 10) start++;
    const len = v.get("Length");
    let length = typeof len === "number" ? len : len instanceof Ref ? this.get(len) : -1;
    if (typeof length !== "number" || length < 0 || !this.endsStream(start + length))
      length = this.findEndstream(start) - start;
    return new Stream(v, start, length as number);
  }

  private endsStream(at: number): boolean {
    const b = this.b;
    let i = at;
    while (i < b.length && (b[i] === 10 || b[i] === 13 || b[i] === 32)) i++;
    return (
      Buffer.from(b.buffer, b.byteOffset + i, Math.min(9, b.length - i)).toString("latin1") === "endstream"
    );
  }

  private findEndstream(start: number): number {
    const at = Buffer.from(this.b.buffer, this.b.byteOffset, this.b.byteLength).indexOf(
      "endstream",
      start,
      "latin1",
    );
    if (at < 0) no("no endstream");
    let e = at;
    if (this.b[e - 1] === 10) e--;
    if (this.b[e - 1] === 13) e--;
    return e;
  }

  /** The object behind a reference (followed through chains), or the value itself. */
  get(v: PdfValue): PdfValue {
    for (let hops = 0; v instanceof Ref; hops++) {
      if (hops > 30) no("reference loop");
      v = this.fetch(v.num);
    }
    return v;
  }

  private fetch(num: number): PdfValue {
    const hit = this.cache.get(num);
    if (hit !== undefined) return hit;
    const e = this.xref.get(num);
    let v: PdfValue = null;
    if (e && "off" in e) v = this.parseAt(e.off);
    else if (e) {
      let stm = this.objStms.get(e.stm);
      if (!stm) {
        const s = this.get(new Ref(e.stm, 0));
        if (!(s instanceof Stream)) return no("object stream");
        const lex = new Lexer(decodeStream(this.b, s, this));
        const n = s.dict.get("N");
        const first = s.dict.get("First");
        if (typeof n !== "number" || typeof first !== "number") return no("object stream header");
        const offsets: number[] = [];
        for (let i = 0; i < n; i++) {
          lex.read();
          offsets.push(first + ((lex.read() as number) ?? 0));
        }
        stm = { lex, offsets };
        this.objStms.set(e.stm, stm);
      }
      const at = stm.offsets[e.idx];
      if (at === undefined) return no("object stream index");
      stm.lex.pos = at;
      const o = stm.lex.object();
      v = o instanceof Cmd || o === undefined ? null : o;
    }
    this.cache.set(num, v);
    return v;
  }

  /** A dictionary entry, dereferenced. */
  at(d: Dict, key: string): PdfValue {
    return this.get(d.get(key) ?? null);
  }

  /** The pages in order (at most `max`), and the page count the document declares. */
  pages(max: number): { pages: PdfPage[]; count: number } {
    const root = this.at(this.trailer, "Root");
    const tree = isDict(root) ? this.at(root, "Pages") : null;
    if (!isDict(tree)) return no("no page tree");
    const pages: PdfPage[] = [];
    const seen = new Set<Dict>();
    const walk = (node: Dict, inherited: Map<string, PdfValue>) => {
      if (seen.has(node) || seen.size > 10_000) no("page tree loop");
      seen.add(node);
      const own = new Map(inherited);
      for (const k of ["Resources", "MediaBox", "CropBox"]) if (node.has(k)) own.set(k, this.at(node, k));
      const kids = this.at(node, "Kids");
      if (!Array.isArray(kids) || (this.at(node, "Type") as Name | null)?.n === "Page") {
        if (pages.length < max) pages.push(this.page(node, own));
        else pages.length++;
        return;
      }
      for (const k of kids) {
        const kid = this.get(k);
        if (isDict(kid)) walk(kid, own);
      }
    };
    walk(tree, new Map());
    const count = this.at(tree, "Count");
    const total = typeof count === "number" && Number.isInteger(count) && count > 0 ? count : pages.length;
    return { pages: pages.slice(0, max), count: total };
  }

  private page(dict: Dict, inh: Map<string, PdfValue>): PdfPage {
    const rect = (v: PdfValue | undefined): number[] | null => {
      const a = Array.isArray(v) ? v.map((x) => this.get(x)) : null;
      if (a?.length !== 4 || a.some((x) => typeof x !== "number")) return null;
      const [x0, y0, x1, y1] = a as number[];
      return [Math.min(x0!, x1!), Math.min(y0!, y1!), Math.max(x0!, x1!), Math.max(y0!, y1!)];
    };
    const media = rect(inh.get("MediaBox")) ?? [0, 0, 612, 792];
    const crop = rect(inh.get("CropBox"));
    let view = media;
    if (crop && crop.join() !== media.join()) {
      const box = [
        Math.max(crop[0]!, media[0]!),
        Math.max(crop[1]!, media[1]!),
        Math.min(crop[2]!, media[2]!),
        Math.min(crop[3]!, media[3]!),
      ];
      if (box[2]! - box[0]! > 0 && box[3]! - box[1]! > 0) view = box;
    }
    const res = inh.get("Resources");
    return { dict, resources: isDict(res) ? res : new Map(), view };
  }

  /** A stream's bytes, decoded. */
  streamData(s: Stream): Uint8Array {
    return decodeStream(this.b, s, this);
  }

  /** The bytes of a page's content (its streams joined), decoded. */
  content(page: Dict): Uint8Array {
    const c = this.at(page, "Contents");
    const list = Array.isArray(c) ? c.map((x) => this.get(x)) : [c];
    const parts = list
      .filter((s): s is Stream => s instanceof Stream)
      .map((s) => decodeStream(this.b, s, this));
    if (parts.length === 1) return parts[0]!;
    return Buffer.concat(parts.flatMap((p) => [p, Buffer.from("\n")]));
  }
}
