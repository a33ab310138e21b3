/**
 * Text items as pdfjs's getTextContent builds them (pdf.worker.mjs 5.6: buildTextContentItem,
 * compareWithLastPosition, addFakeSpaces, flushTextContentItem), ported line for line so the
 * light reader's items — their breaks, in-flow spaces, positions and widths — are pdfjs's.
 */
import type { Glyph, PdfFont } from "./pdf-fonts.js";

export interface TextItem {
  x: number;
  y: number;
  w: number;
  h: number;
  s: string;
}

export type M = number[];
/** pdfjs's TextState: graphics and text state together (q/Q save and restore all of it). */
export class State {
  ctm: M = [1, 0, 0, 1, 0, 0];
  font: PdfFont | null = null;
  fontName: string | null = null;
  fontSize = 0;
  tm: M = [1, 0, 0, 1, 0, 0];
  tlm: M = [1, 0, 0, 1, 0, 0];
  charSpacing = 0;
  wordSpacing = 0;
  leading = 0;
  hScale = 1;
  rise = 0;
  clone(): State {
    const s = new State();
    s.ctm = this.ctm;
    s.font = this.font;
    s.fontName = this.fontName;
    s.fontSize = this.fontSize;
    s.tm = this.tm.slice();
    s.tlm = this.tlm.slice();
    s.charSpacing = this.charSpacing;
    s.wordSpacing = this.wordSpacing;
    s.leading = this.leading;
    s.hScale = this.hScale;
    s.rise = this.rise;
    return s;
  }
}
export const ID = [1, 0, 0, 1, 0, 0];
export const mul = (m1: M, m2: M): M => [
  m1[0]! * m2[0]! + m1[2]! * m2[1]!,
  m1[1]! * m2[0]! + m1[3]! * m2[1]!,
  m1[0]! * m2[2]! + m1[2]! * m2[3]!,
  m1[1]! * m2[2]! + m1[3]! * m2[3]!,
  m1[0]! * m2[4]! + m1[2]! * m2[5]! + m1[4]!,
  m1[1]! * m2[4]! + m1[3]! * m2[5]! + m1[5]!,
];
export const translate = (m: M, x: number, y: number) => {
  m[4] = m[0]! * x + m[2]! * y + m[4]!;
  m[5] = m[1]! * x + m[3]! * y + m[5]!;
};
const NORMALIZE =
  /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;
const normalize = (s: string) =>
  s.replace(NORMALIZE, (_m, p1: string | undefined) => (p1 ? p1.normalize("NFKC") : "ſt"));

/** pdfjs's text item builder (getTextContent: buildTextContentItem, compareWithLastPosition). */
export class Builder {
  private str: string[] = [];
  private init = false;
  private width = 0;
  private height = 0;
  private totalWidth = 0;
  private totalHeight = 0;
  private vertical = false;
  private prev: M | null = null;
  private prevRise = 0;
  private scale = 0;
  private fs = 0;
  private transform: M = ID;
  private last = [" ", " "];
  private lastPos = 0;
  constructor(
    private readonly out: TextItem[],
    private readonly view: number[],
  ) {}

  private trm(st: State): M {
    return mul(st.ctm, mul(st.tm, [st.fontSize * st.hScale, 0, 0, st.fontSize, 0, st.rise]));
  }
  private saveLast(c: string): boolean {
    const nextPos = (this.lastPos + 1) % 2;
    const ret = this.last[this.lastPos] !== " " && this.last[nextPos] === " ";
    this.last[this.lastPos] = c;
    this.lastPos = nextPos;
    return ret;
  }
  private shouldAddSpace(): boolean {
    return this.last[this.lastPos] !== " " && this.last[(this.lastPos + 1) % 2] === " ";
  }
  private resetLast(): void {
    this.last = [" ", " "];
    this.lastPos = 0;
  }
  private ensure(st: State): void {
    if (this.init) return;
    const t = this.trm(st);
    this.transform = t;
    this.vertical = st.font!.vertical;
    if (!this.vertical) {
      this.width = this.totalWidth = 0;
      this.height = this.totalHeight = Math.hypot(t[2]!, t[3]!);
    } else {
      this.width = this.totalWidth = Math.hypot(t[0]!, t[1]!);
      this.height = this.totalHeight = 0;
    }
    this.scale = Math.hypot(st.tlm[0]!, st.tlm[1]!) * Math.hypot(st.ctm[0]!, st.ctm[1]!);
    this.fs = st.fontSize;
    this.init = true;
  }
  updateAdvanceScale(st: State): void {
    if (!this.init) return;
    const f = Math.hypot(st.tlm[0]!, st.tlm[1]!) * Math.hypot(st.ctm[0]!, st.ctm[1]!);
    if (f === this.scale) return;
    if (!this.vertical) {
      this.totalWidth += this.width * this.scale;
      this.width = 0;
    } else {
      this.totalHeight += this.height * this.scale;
      this.height = 0;
    }
    this.scale = f;
  }
  flush(): void {
    if (!this.init) return;
    if (!this.vertical) this.totalWidth += this.width * this.scale;
    else this.totalHeight += this.height * this.scale;
    const s = normalize(this.str.join(""));
    if (s.trim() !== "") {
      const [a, b, c, d, e, f] = this.transform;
      const h = Math.hypot(c!, d!) || Math.hypot(a!, b!) || 10;
      this.out.push({ x: e!, y: f!, w: Math.abs(this.totalWidth), h, s });
    }
    this.init = false;
    this.str = [];
  }
  private eol(): void {
    this.resetLast();
    this.flush();
  }
  /** A string shown with Tj/TJ; `extra` is the TJ adjustment after its last glyph. Returns the font snapshot. */
  show(st: State, cur: State, chars: string, extra: number): State {
    const font = st.font!;
    if (
      cur.fontSize !== st.fontSize ||
      (cur.fontName !== st.fontName && (cur.font?.name !== font.name || cur.font?.vertical !== font.vertical))
    ) {
      this.flush();
      cur = st.clone();
    }
    const base = font.vertical ? -st.charSpacing : st.charSpacing;
    if (!chars) {
      const cs = base + extra;
      if (cs) {
        if (!font.vertical) translate(st.tm, cs * st.hScale, 0);
        else translate(st.tm, 0, -cs);
      }
      return cur;
    }
    const glyphs = font.glyphs(chars);
    const scale = 0.001 * st.fontSize;
    for (let i = 0; i < glyphs.length; i++) {
      const g: Glyph = glyphs[i]!;
      if (g.invisible) continue;
      let cs = base + (i + 1 === glyphs.length ? extra : 0);
      let dim = (font.vertical ? g.vy : g.width) * scale;
      if (g.code === 0x20) cs += st.wordSpacing;
      if (g.space) {
        if (!font.vertical) {
          cs += dim;
          translate(st.tm, cs * st.hScale, 0);
        } else {
          cs += -dim;
          translate(st.tm, 0, -cs);
        }
        this.saveLast(" ");
        continue;
      }
      if (!g.mark && !this.compare(st, dim)) {
        if (!font.vertical) translate(st.tm, dim * st.hScale, 0);
        else translate(st.tm, 0, dim);
        continue;
      }
      this.ensure(st);
      if (g.mark) dim = 0;
      if (!font.vertical) {
        dim *= st.hScale;
        translate(st.tm, dim, 0);
        this.width += dim;
      } else {
        translate(st.tm, 0, dim);
        dim = Math.abs(dim);
        this.height += dim;
      }
      if (dim) {
        this.prev = this.trm(st);
        this.prevRise = st.rise;
      }
      if (this.saveLast(g.unicode)) this.str.push(" ");
      this.str.push(g.unicode);
      if (cs) {
        if (!font.vertical) translate(st.tm, cs * st.hScale, 0);
        else translate(st.tm, 0, -cs);
      }
    }
    return cur;
  }

  private compare(st: State, glyphWidth: number): boolean {
    const t = this.trm(st);
    let posX = t[4]!;
    let posY = t[5]!;
    const v = this.view;
    if (st.font!.vertical) {
      if (posX < v[0]! || posX > v[2]! || posY + glyphWidth < v[1]! || posY > v[3]!) return false;
    } else if (posX + glyphWidth < v[0]! || posX > v[2]! || posY < v[1]! || posY > v[3]!) return false;
    if (!this.prev) return true;
    let lastX = this.prev[4]!;
    let lastY = this.prev[5]!;
    if (lastX === posX && lastY === posY) return true;
    let rotate = -1;
    if (t[0] && t[1] === 0 && t[2] === 0) rotate = t[0] > 0 ? 0 : 180;
    else if (t[1] && t[0] === 0 && t[3] === 0) rotate = t[1] > 0 ? 90 : 270;
    if (rotate === 90) [posX, posY, lastX, lastY] = [posY, posX, lastY, lastX];
    else if (rotate === 180) [posX, posY, lastX, lastY] = [-posX, -posY, -lastX, -lastY];
    else if (rotate === 270) [posX, posY, lastX, lastY] = [-posY, -posX, -lastY, -lastX];
    else if (rotate === -1) {
      const inv = (x: number, y: number, m: M): [number, number] => {
        const s = Math.hypot(m[0]!, m[1]!);
        return [(m[0]! * x + m[1]! * y) / s, (m[2]! * x + m[3]! * y) / s];
      };
      [posX, posY] = inv(posX, posY, t);
      [lastX, lastY] = inv(lastX, lastY, this.prev);
    }
    const fs = this.fs;
    if (st.font!.vertical) {
      const advY = (lastY - posY) / this.scale;
      const advX = posX - lastX;
      const o = Math.sign(this.height || this.totalHeight);
      if (advY < o * -0.2 * fs) {
        if (Math.abs(advX) > 0.5 * this.width) return this.eolTrue();
        this.resetLast();
        this.flush();
        return true;
      }
      if (Math.abs(advX) > this.width) return this.eolTrue();
      if (advY <= o * 0.03 * fs) this.resetLast();
      if (advY <= o * 0.102 * fs) {
        if (this.shouldAddSpace()) {
          this.resetLast();
          this.flush();
        } else this.height += advY;
      } else if (!this.fakeSpace(advY, o)) {
        if (this.str.length === 0) this.resetLast();
        else this.height += advY;
      }
      if (Math.abs(advX) > this.width * 0.25) this.flush();
      return true;
    }
    const advX = (posX - lastX) / this.scale;
    const advY = posY - lastY;
    const o = Math.sign(this.width || this.totalWidth);
    if (advX < o * -0.2 * fs) {
      if (Math.abs(advY) > 0.5 * this.height) return this.eolTrue();
      this.resetLast();
      this.flush();
      return true;
    }
    const riseDelta = st.rise - this.prevRise;
    const advYc = riseDelta === 0 ? advY : advY - (t[3]! / st.fontSize) * riseDelta;
    if (Math.abs(advYc) > this.height) return this.eolTrue();
    if (advX <= o * 0.03 * fs) this.resetLast();
    if (advX <= o * 0.102 * fs) {
      if (this.shouldAddSpace()) {
        this.resetLast();
        this.flush();
      } else this.width += advX;
    } else if (!this.fakeSpace(advX, o)) {
      if (this.str.length === 0) this.resetLast();
      else this.width += advX;
    }
    if (Math.abs(advY) > this.height * 0.25) this.flush();
    return true;
  }
  private eolTrue(): true {
    this.eol();
    return true;
  }
  private fakeSpace(w: number, o: number): boolean {
    if (o * 0.102 * this.fs <= w && w <= o * 0.6 * this.fs) {
      if (this.init) {
        this.resetLast();
        this.str.push(" ");
      }
      return false;
    }
    this.flush();
    this.resetLast();
    return true;
  }
}
