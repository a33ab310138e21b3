/**
 * Normalising and matching labels against the table definition: full-width/half-width forms,
 * quotes, spaces, numbering variants (1、 1． 1.), OCR typos via longest-common-subsequence scores.
 */
import { cleanText } from "./cjk.js";

/**
 * Canonical form for comparing labels: NFKC (which also turns full-width brackets and commas
 * into ASCII ones), no whitespace, one quote style, `1、` → `1.`.
 */
export function normLabel(s: string): string {
  const t = cleanText(s)
    .normalize("NFKC")
    .replace(/[\s\u00a0\u3000|]+/g, "")
    .replace(/[“”„‟"'‘’「」『』]/g, '"');
  return NUMBERING.test(t) ? t.replace(/(\d)[、,]/g, "$1.") : t;
}
const NUMBERING = /\d[、,]/;

/** Length of the longest common subsequence of a and b (b bounded by the caller). */
const ROW_A = new Uint16Array(512);
const ROW_B = new Uint16Array(512);

export function lcs(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  const small = b.length < 511;
  let prev = small ? ROW_A.fill(0, 0, b.length + 1) : new Uint16Array(b.length + 1);
  let cur = small ? ROW_B.fill(0, 0, b.length + 1) : new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = ca === b.charCodeAt(j - 1) ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

const SCRATCH = new Int32Array(65536);

/** Upper bound of lcs(label, text) / |label| from character counts: a cheap reject before LCS. */
export function charBound(label: string, text: string): number {
  return charBoundFrom(label, text, 0);
}

/** charBound(label, text.slice(from)) without copying the text. */
function charBoundFrom(label: string, text: string, from: number): number {
  if (label.length === 0) return 0;
  for (let i = from; i < text.length; i++) SCRATCH[text.charCodeAt(i)]!++;
  let hit = 0;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (SCRATCH[c]! > 0) {
      hit++;
      SCRATCH[c]!--;
    }
  }
  for (let i = from; i < text.length; i++) SCRATCH[text.charCodeAt(i)] = 0;
  return hit / label.length;
}

/** Where the last `n` characters of `s` start (all of `s` when it is shorter). */
const tailFrom = (s: string, n: number): number => Math.max(0, s.length - n);

const SEEN_BUCKETS = 1024;
const SEEN_NONE = 255;

/**
 * Where each character last occurs in a text, counted from its end (0 = the last character), by
 * code point modulo 1024; 255 when not among the last 254. Computed once per text, it lets
 * seenBound reject most labels without counting characters or LCS.
 */
export function lastSeen(text: string, seen = new Uint8Array(SEEN_BUCKETS)): Uint8Array {
  seen.fill(SEEN_NONE);
  const stop = tailFrom(text, SEEN_NONE - 1);
  for (let i = text.length - 1, dist = 0; i >= stop; i--, dist++) {
    const b = text.charCodeAt(i) % SEEN_BUCKETS;
    if (seen[b] === SEEN_NONE) seen[b] = dist;
  }
  return seen;
}

/** lastSeen of each text, as views of one buffer (one allocation instead of one per text). */
export function lastSeenAll(texts: readonly string[]): Uint8Array[] {
  const all = new Uint8Array(texts.length * SEEN_BUCKETS);
  return texts.map((t, i) => lastSeen(t, all.subarray(i * SEEN_BUCKETS, (i + 1) * SEEN_BUCKETS)));
}

/**
 * Share of the label's characters that may occur in the last `n` characters of the text that
 * `seen` was made from: an upper bound of charBound (characters sharing a bucket count as seen).
 * Stops as soon as the share is sure to stay below `need`, returning a bound that is below it.
 */
function seenBound(label: string, seen: Uint8Array, n: number, need: number): number {
  if (n >= SEEN_NONE) return 1;
  const maxMisses = label.length * (1 - need);
  let misses = 0;
  for (let i = 0; i < label.length; i++)
    if (seen[label.charCodeAt(i) % SEEN_BUCKETS]! >= n && ++misses > maxMisses) break;
  return (label.length - misses) / label.length;
}

/**
 * How well `label` ends the text `buf` (both normalised): the share of the label's characters found
 * in order in the last few characters of buf. 1 = the buffer ends with the label. Scores below
 * PREFIX_SHARE * PREFIX_WEIGHT are upper bounds only (a label that far off is no match anyway);
 * `seen` (lastSeen(buf)) makes those cheaper to tell.
 */
export function tailScore(label: string, buf: string, seen?: Uint8Array): number {
  if (label.length === 0) return 0;
  if (buf.endsWith(label)) return 1;
  if (seen) {
    const quick = seenBound(label, seen, tailWindow(label.length), PREFIX_SHARE * PREFIX_WEIGHT);
    if (quick < PREFIX_SHARE * PREFIX_WEIGHT) return quick;
  }
  const from = tailFrom(buf, tailWindow(label.length));
  const bound = charBoundFrom(label, buf, from);
  if (bound < PREFIX_SHARE * PREFIX_WEIGHT) return bound;
  const full = lcs(label, buf.slice(from)) / label.length;
  // Only a buffer that already holds most of the label in order can end with its first part.
  if (full >= 0.75 || full < PREFIX_SHARE * PREFIX_WEIGHT || label.length < 10) return full;
  // A label broken over lines in a PDF: the buffer ends with the label's first part.
  // The buffer ends where the label was cut: only cut points at the buffer's last character count.
  const last = buf[buf.length - 1];
  let best = full;
  for (let k = label.length - 1; k >= Math.ceil(label.length * PREFIX_SHARE); k--) {
    if (label[k - 1] !== last) continue;
    const head = label.slice(0, k);
    const score = (lcs(head, buf.slice(tailFrom(buf, tailWindow(k)))) / k) * PREFIX_WEIGHT;
    if (score > best) best = score;
    if (score >= PREFIX_WEIGHT) break;
  }
  return best;
}

/** How many characters at the end of a text tailScore reads for a label of k characters. */
const tailWindow = (k: number): number => Math.max(k + 3, Math.ceil(k * 1.3));

/** A label's first part must be at least this share of it to count, and scores a little less than the whole. */
const PREFIX_SHARE = 0.6;
const PREFIX_WEIGHT = 0.95;

/**
 * How well `label` occurs anywhere near the end of `buf` (a wider window than tailScore); scores
 * below 0.9 are upper bounds only. `seen`: lastSeen(buf), as for tailScore.
 */
export function nearScore(label: string, buf: string, seen?: Uint8Array): number {
  if (label.length === 0) return 0;
  if (buf.includes(label)) return 1;
  const size = label.length * 3 + 10;
  if (seen) {
    const quick = seenBound(label, seen, size, 0.9);
    if (quick < 0.9) return quick;
  }
  const from = tailFrom(buf, size);
  const bound = charBoundFrom(label, buf, from);
  if (bound < 0.9) return bound;
  return lcs(label, buf.slice(from)) / label.length;
}

/** The best score of any of a row's labels. */
export function bestTail(labels: readonly string[], buf: string, seen?: Uint8Array): number {
  let best = 0;
  for (const l of labels) best = Math.max(best, tailScore(l, buf, seen));
  return best;
}

export function bestNear(labels: readonly string[], buf: string, seen?: Uint8Array): number {
  let best = 0;
  for (const l of labels) best = Math.max(best, nearScore(l, buf, seen));
  return best;
}
