import { describe, expect, it } from "vitest";
import { GongkaiError } from "../errors.js";
import {
  computeFee,
  cumulativeItemFee,
  perItemFee,
  perItemFeesByMonth,
  perItemPrice,
  perPageFee,
} from "./index.js";

describe("按件计收 (第四条), cumulative per applicant per natural month", () => {
  it("prices each item at its tier, at every boundary", () => {
    expect(perItemPrice(1)).toBe(0);
    expect(perItemPrice(10)).toBe(0);
    expect(perItemPrice(11)).toBe(100);
    expect(perItemPrice(30)).toBe(100);
    expect(perItemPrice(31)).toBe(200);
    expect(perItemPrice(40)).toBe(200);
    expect(perItemPrice(41)).toBe(300);
    expect(perItemPrice(50)).toBe(300);
    expect(perItemPrice(51)).toBe(400);
    expect(perItemPrice(60)).toBe(400);
    expect(perItemPrice(61)).toBe(500);
  });

  it("totals at every boundary: 10/11, 30/31, 40/41, 50/51", () => {
    expect(perItemFee(0)).toBe(0);
    expect(perItemFee(10)).toBe(0);
    expect(perItemFee(11)).toBe(100);
    expect(perItemFee(30)).toBe(2000);
    expect(perItemFee(31)).toBe(2200);
    expect(perItemFee(40)).toBe(4000);
    expect(perItemFee(41)).toBe(4300);
    expect(perItemFee(50)).toBe(7000);
    expect(perItemFee(51)).toBe(7400);
  });

  it("the closed form equals the item-by-item sum", () => {
    let sum = 0;
    for (let k = 1; k <= 250; k++) {
      sum += perItemPrice(k);
      expect(cumulativeItemFee(k), `k=${k}`).toBe(sum);
    }
  });

  it("counts an application's items after the applicant's earlier items this month", () => {
    expect(perItemFee(1, 10)).toBe(100); // the 11th item of the month
    expect(perItemFee(5, 8)).toBe(300); // items 9–13: 0+0+100+100+100
    expect(perItemFee(2, 29)).toBe(300); // items 30, 31: 100 + 200
    expect(perItemFee(10, 35)).toBe(2500); // items 36–45: 5×200 + 5×300
    expect(perItemFee(3, 0) + perItemFee(20, 3) + perItemFee(10, 23)).toBe(perItemFee(33));
  });

  it("accumulates per applicant per natural month, in date order", () => {
    const fees = perItemFeesByMonth([
      { id: "b", applicant: "张三", date: "2026-03-20", items: 5 },
      { id: "a", applicant: "张三", date: "2026-03-02", items: 8 },
      { id: "c", applicant: "李四", date: "2026-03-21", items: 5 },
      { id: "d", applicant: "张三", date: "2026-04-01", items: 5 },
    ]);
    expect(fees.get("a")).toBe(0); // items 1–8
    expect(fees.get("b")).toBe(300); // items 9–13
    expect(fees.get("c")).toBe(0); // another applicant
    expect(fees.get("d")).toBe(0); // a new month starts from 1
  });
});

describe("按量计收 (第五条), per application", () => {
  it("totals at every boundary: 30/31, 100/101, 200/201", () => {
    expect(perPageFee(0)).toBe(0);
    expect(perPageFee(30)).toBe(0);
    expect(perPageFee(31)).toBe(10);
    expect(perPageFee(100)).toBe(700);
    expect(perPageFee(101)).toBe(720);
    expect(perPageFee(200)).toBe(2700);
    expect(perPageFee(201)).toBe(2740);
  });

  it("the public case: 2219 pages → 83460 元", () => {
    expect(perPageFee(2219)).toBe(83460);
    expect(computeFee({ method: "per_page", pages: 2219 })).toBe(83460);
  });
});

describe("one method per application; bad input", () => {
  it("computeFee dispatches on the method", () => {
    expect(computeFee({ method: "per_item", items: 11 })).toBe(100);
    expect(computeFee({ method: "per_item", items: 1, priorItemsThisMonth: 30 })).toBe(200);
  });

  it("rejects non-integers and negatives", () => {
    for (const f of [() => perPageFee(-1), () => perItemFee(1.5), () => perItemFee(1, Number.NaN)]) {
      expect(f).toThrow(GongkaiError);
    }
    expect(() => perPageFee(-1)).toThrow("页数应为非负整数，实际为 -1");
  });
});
