/**
 * Label matching: normalisation, and the per-text character table (lastSeen) that lets tailScore
 * and nearScore reject far-off labels early — it may change only scores that no caller counts.
 */
import { describe, expect, it } from "vitest";
import { ACTIVE_BLOCKS, APPLICATION_ROW, type ApplicationRowKey } from "../domain/report/definition.js";
import { rowLabels } from "./applications.js";
import { lastSeen, lastSeenAll, nearScore, normLabel, tailScore } from "./labels.js";
import { cellValue } from "./tokens.js";

/** Scores at or above these count (tailScore: a prefix match; nearScore: a near match). */
const TAIL_COUNTS = 0.6 * 0.95;
const NEAR_COUNTS = 0.9;

const LABELS = [
  ...(Object.keys(APPLICATION_ROW) as ApplicationRowKey[]).flatMap(rowLabels),
  ...Object.values(ACTIVE_BLOCKS).flatMap((blocks) =>
    blocks.flatMap((b) => b.rows.map((r) => normLabel(r.label))),
  ),
  // Longer than any real label: its near window is wider than the table covers.
  normLabel("因政府信息公开工作被申请行政复议和提起行政诉讼情况以及其他需要报告的事项").repeat(3),
];
const NARRATIVE = normLabel(
  "本年度报告根据《条例》要求编制，市政府办公厅共受理政府信息公开申请640件，予以公开及部分公开占33.9%；" +
    "因本机关不掌握等原因无法提供，不予处理19.6%，其他处理。信息公开类行政复议4件，诉讼2件。",
);

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Texts a label may be scored against: whole, cut, misspelt or split labels amid other text. */
function texts(): string[] {
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const piece = (s: string) => {
    const a = Math.floor(rnd() * s.length);
    return s.slice(a, a + 1 + Math.floor(rnd() * 40));
  };
  const out: string[] = [];
  for (let i = 0; i < 400; i++) {
    const label = pick(LABELS);
    let t = "";
    for (let k = Math.floor(rnd() * 4); k > 0; k--) t += rnd() < 0.5 ? piece(NARRATIVE) : pick(LABELS);
    const kind = Math.floor(rnd() * 4);
    if (kind === 0) t += label;
    else if (kind === 1) t += label.slice(0, Math.ceil(label.length * (0.5 + rnd() / 2)));
    else if (kind === 2) {
      const at = Math.floor(rnd() * label.length);
      t += label.slice(0, at) + pick([..."的数量申请公开(一)"]) + label.slice(at + 1);
    } else t += piece(NARRATIVE);
    out.push(t.slice(-Math.floor(50 + rnd() * 250)));
  }
  return out;
}

describe("label character table", () => {
  it("changes no score that counts, for tail and near matches", () => {
    let counted = 0;
    for (const buf of texts()) {
      const seen = lastSeen(buf);
      for (const label of LABELS) {
        const tail = tailScore(label, buf);
        const tailQuick = tailScore(label, buf, seen);
        if (tail >= TAIL_COUNTS || tailQuick >= TAIL_COUNTS) {
          expect(tailQuick, `${label} / ${buf}`).toBe(tail);
          counted++;
        }
        const near = nearScore(label, buf);
        const nearQuick = nearScore(label, buf, seen);
        if (near >= NEAR_COUNTS || nearQuick >= NEAR_COUNTS)
          expect(nearQuick, `${label} / ${buf}`).toBe(near);
      }
    }
    // The texts hold real matches, so the comparison above is not vacuous.
    expect(counted).toBeGreaterThan(300);
  });

  it("gives each text of a batch the table it would get alone", () => {
    const batch = ["", "本年新收政府信息公开申请数量", NARRATIVE.repeat(3)];
    expect(lastSeenAll(batch)).toEqual(batch.map((t) => lastSeen(t)));
  });
});

describe("label normalisation", () => {
  it("folds full-width forms, radicals, quotes, white space and numbering", () => {
    expect(normLabel("（一）予以公开")).toBe("(一)予以公开");
    expect(normLabel("1、属于国家秘密")).toBe("1.属于国家秘密");
    expect(normLabel("2，没有现成信息")).toBe("2.没有现成信息");
    expect(normLabel("危及“三安全 一稳定”")).toBe('危及"三安全一稳定"');
    expect(normLabel("⼈⺠政府")).toBe("人民政府");
    expect(normLabel("第 1 项")).toBe("第1项");
  });
});

describe("table cell values", () => {
  it("tells text cells from numbers, blanks and slashes", () => {
    expect(cellValue("予以公开", "x")).toBeNull();
    expect(cellValue("一", "x")).toBeNull();
    expect(cellValue("１２", "x")).toMatchObject({ type: "int", num: "12" });
    expect(cellValue("1,234", "x")).toMatchObject({ type: "int", num: "1234" });
    expect(cellValue("", "x")).toMatchObject({ type: "blank" });
    expect(cellValue("—", "x")).toMatchObject({ type: "slash" });
    expect(cellValue("12万元", "x")).toMatchObject({ type: "printed", printed: "12万元" });
  });
});
