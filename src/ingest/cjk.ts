/**
 * Text clean-up for characters that look like ideographs but are not: PDF fonts often map
 * glyphs to Kangxi radicals (⼀ ⼈ ⼯, which NFKC folds) or to CJK Radicals Supplement forms
 * (⺠ ⻅ ⻓, which NFKC keeps); OCR output has the same. Folded to the ideographs they show.
 */
const SUPPLEMENT: Record<string, string> = {
  "⺠": "民",
  "⻅": "见",
  "⻓": "长",
  "⻔": "门",
  "⻛": "风",
  "⻢": "马",
  "⻜": "飞",
  "⻋": "车",
  "⺟": "母",
  "⻘": "青",
  "⻝": "食",
  "⻰": "龙",
  "⻥": "鱼",
  "⻦": "鸟",
  "⻮": "齿",
  "⻉": "贝",
  "⻚": "页",
  "⻆": "角",
  "⻄": "西",
  "⻈": "讠",
  "⺊": "卜",
  "⺁": "厂",
  "⺮": "竹",
  "⻊": "足",
  "⻣": "骨",
  "⺌": "小",
  "⺍": "小",
  "⺗": "心",
  "⺝": "月",
  "⺼": "月",
  "⻌": "辶",
  "⻏": "阝",
  "⻖": "阝",
  "⺧": "牛",
  "⺨": "犭",
  "⺩": "王",
  "⺪": "疋",
  "⺶": "羊",
  "⺷": "羊",
  "⻁": "虎",
  "⻩": "黄",
  "⻬": "齐",
  "⻯": "龟",
  "⺻": "聿",
  "⻑": "長",
  "⻍": "辶",
  "⻤": "鬼",
};
const RADICAL_RE = /[\u2e80-\u2fdf\ufe10-\ufe19\ufe30-\ufe4f]/g;
const HAS_RADICAL = /[\u2e80-\u2fdf\ufe10-\ufe19\ufe30-\ufe4f]/;

/**
 * Folds radicals to ideographs (Kangxi radicals by NFKC, the supplement by the table) and vertical
 * presentation forms (︑ ︵) to the punctuation they show; nothing else changes.
 */
export function cleanText(s: string): string {
  // Most texts have none: a test is cheaper than a replace with a callback.
  return HAS_RADICAL.test(s) ? s.replace(RADICAL_RE, (c) => SUPPLEMENT[c] ?? c.normalize("NFKC")) : s;
}
