/** Escaped HTML from template literals: every interpolated value is escaped unless it is already Html. */

/** A fragment of HTML that is safe to insert as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and attribute values. */
export const escapeText = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  return escapeText(String(v));
}

/** The tag: html`<p>${text}</p>` escapes `text`; arrays are joined; null/undefined/false print nothing. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted HTML (produced by our own escaping code). */
export const raw = (s: string): Html => new Html(s);

/** Text with line breaks as paragraphs. */
export function paras(text: string | null | undefined): Html {
  if (!text) return raw("");
  return html`${text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => html`<p>${l}</p>`)}`;
}

/** Text with the ranges [start, end) wrapped in <mark> (escaped). */
export function marked(text: string, ranges: readonly [number, number][]): Html {
  let out = "";
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at) continue;
    out += `${escapeText(text.slice(at, s))}<mark>${escapeText(text.slice(s, e))}</mark>`;
    at = e;
  }
  return raw(out + escapeText(text.slice(at)));
}
