/** Small presentation helpers shared by the portal pages. */
import { itemNumeral, VALIDITY, type Validity } from "../../../domain/catalogue/catalogue.js";
import { type Html, html } from "../html.js";

/** 2025-03-05 → 2025年3月5日. */
export function cnDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** The validity as a badge; nothing for documents where validity does not apply. */
export function validityBadge(v: string): Html {
  if (v === "none" || !(v in VALIDITY)) return html``;
  return html`<span class="badge ${v}">${VALIDITY[v as Validity]}</span>`;
}

/** 条例第二十条第（一）项. */
export const itemLabel = (n: number): string => `第二十条第${itemNumeral(n)}项`;

/** A file size in KB/MB. */
export function fileSize(bytes: number): string {
  return bytes >= 1048576
    ? `${(bytes / 1048576).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Query string from a record, skipping empty values. */
export function qs(params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}
