/**
 * 信息处理费 per 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), rules.md §4.
 * Integer yuan throughout. 第三条: per item (按件计收) or per volume (按量计收), both 超额累进; one
 * method per application, never both.
 */
import { GongkaiError } from "../errors.js";

/** 第三条: the two charging methods. */
export type FeeMethod = "per_item" | "per_page";

/** One application's fee basis: items (with the applicant's earlier items this natural month) or pages. */
export type FeeInput =
  | { method: "per_item"; items: number; priorItemsThisMonth?: number }
  | { method: "per_page"; pages: number };

// 第四条: 10 件 (含) free; 11–30 件 100元/件; from 31 件, bands of 10 件, each band +100元/件.
const ITEM_FREE = 10;
const ITEM_FIRST_TIER_END = 30;
const ITEM_FIRST_TIER_PRICE = 100;
const ITEM_BAND = 10;
const ITEM_BAND_STEP = 100;

// 第五条: 30 页 (含) free; 31–100 页 10元/页; 101–200 页 20元/页; 201 页 up 40元/页.
const PAGE_TIERS: readonly { from: number; to: number; price: number }[] = [
  { from: 31, to: 100, price: 10 },
  { from: 101, to: 200, price: 20 },
  { from: 201, to: Number.POSITIVE_INFINITY, price: 40 },
];

function count(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new GongkaiError("FEE-BAD-INPUT", `${what}应为非负整数，实际为 ${n}`);
  }
  return n;
}

/** 第四条: the price in yuan of the k-th item (1-based) an applicant files in one natural month. */
export function perItemPrice(k: number): number {
  count(k, "件序号");
  if (k <= ITEM_FREE) return 0;
  if (k <= ITEM_FIRST_TIER_END) return ITEM_FIRST_TIER_PRICE;
  return ITEM_FIRST_TIER_PRICE + ITEM_BAND_STEP * Math.ceil((k - ITEM_FIRST_TIER_END) / ITEM_BAND);
}

/** 第四条: the fee in yuan of the first `k` items of an applicant's natural month (closed form). */
export function cumulativeItemFee(k: number): number {
  count(k, "件数");
  const tier1 = Math.min(Math.max(k - ITEM_FREE, 0), ITEM_FIRST_TIER_END - ITEM_FREE) * ITEM_FIRST_TIER_PRICE;
  const beyond = Math.max(k - ITEM_FIRST_TIER_END, 0);
  const bands = Math.floor(beyond / ITEM_BAND);
  const rest = beyond % ITEM_BAND;
  // Full band j (j = 1…bands) costs 10 × (100 + 100j); the partial band costs rest × (100 + 100(bands+1)).
  const full = ITEM_BAND * (ITEM_FIRST_TIER_PRICE * bands + (ITEM_BAND_STEP * bands * (bands + 1)) / 2);
  const partial = rest * (ITEM_FIRST_TIER_PRICE + ITEM_BAND_STEP * (bands + 1));
  const total = tier1 + full + partial;
  if (!Number.isSafeInteger(total)) throw new GongkaiError("FEE-BAD-INPUT", `件数 ${k} 过大，无法精确计算`);
  return total;
}

/**
 * 第四条: the fee in yuan of one application of `items` items when the same applicant already filed
 * `priorItemsThisMonth` items in the same natural month (the count is cumulative per month).
 */
export function perItemFee(items: number, priorItemsThisMonth = 0): number {
  count(items, "件数");
  count(priorItemsThisMonth, "本月此前件数");
  return cumulativeItemFee(priorItemsThisMonth + items) - cumulativeItemFee(priorItemsThisMonth);
}

/** 第五条: the fee in yuan of one application of `pages` pages. */
export function perPageFee(pages: number): number {
  count(pages, "页数");
  let total = 0;
  for (const t of PAGE_TIERS) {
    if (pages >= t.from) total += (Math.min(pages, t.to) - t.from + 1) * t.price;
  }
  return total;
}

/** The fee in yuan of one application under its one method (第三条). */
export function computeFee(input: FeeInput): number {
  return input.method === "per_item"
    ? perItemFee(input.items, input.priorItemsThisMonth ?? 0)
    : perPageFee(input.pages);
}

/** One application counted per item, for monthly accumulation. */
export interface ItemApplication {
  id: string;
  applicant: string;
  /** Receipt date, 'YYYY-MM-DD'; the natural month is taken from it. */
  date: string;
  items: number;
}

/**
 * 第四条: the per-item fee of each application, accumulating items per applicant per natural month
 * in date order (ties keep the given order). Returns id → yuan.
 */
export function perItemFeesByMonth(applications: readonly ItemApplication[]): Map<string, number> {
  const order = applications.map((a, i) => ({ a, i }));
  order.sort((x, y) => (x.a.date < y.a.date ? -1 : x.a.date > y.a.date ? 1 : x.i - y.i));
  const seen = new Map<string, number>();
  const fees = new Map<string, number>();
  for (const { a } of order) {
    // The key joins applicant and month; JSON keeps any applicant name unambiguous.
    const key = JSON.stringify([a.applicant, a.date.slice(0, 7)]);
    const prior = seen.get(key) ?? 0;
    fees.set(a.id, perItemFee(a.items, prior));
    seen.set(key, prior + a.items);
  }
  return fees;
}
