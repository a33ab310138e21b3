/** The demo city's other registers: documents, yearly figures, review/litigation cases (deterministic). */
import type { ParsedRecord } from "../domain/register/records.js";

/** Documents (规章 only for the city government), yearly figures and review/litigation cases of one agency. */
export function demoRecords(
  agency: string,
  years: number[],
  today: string,
  r: () => number,
  isCity: boolean,
): ParsedRecord[] {
  const out: ParsedRecord[] = [];
  const k = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const day = (y: number) => {
    const d = `${y}-${String(k(1, 12)).padStart(2, "0")}-${String(k(1, 28)).padStart(2, "0")}`;
    return d > today ? `${y}-01-${String(k(2, 28)).padStart(2, "0")}` : d;
  };
  const short = agency.replace(/^示范市/, "").replace(/人民政府$/, "政府");
  for (const y of [years[0]! - 3, years[0]! - 1, ...years]) {
    const n = k(1, 3);
    for (let i = 1; i <= n; i++) {
      const regulation = isCity && i === 1;
      const issued = day(y);
      out.push({
        kind: "documents",
        agency,
        docKind: regulation ? "regulation" : "normative_document",
        title: regulation
          ? `示范市${["物业管理", "城市绿化", "养犬管理"][k(0, 2)]}办法`
          : `${short}关于${["规范", "加强", "做好"][k(0, 2)]}${["行政审批", "专项资金", "政务服务"][k(0, 2)]}工作的通知`,
        docNumber: regulation ? `示范市人民政府令第${k(1, 150)}号` : `示${short.slice(0, 2)}规〔${y}〕${i}号`,
        issued,
        repealed: y < years[0]! && i === 1 && r() < 0.4 ? `${years[0]}-06-30` : null,
      });
    }
  }
  for (const y of years)
    out.push({
      kind: "figures",
      agency,
      year: y,
      licensing: k(50, 3000),
      penalty: k(10, 800),
      coercion: k(0, 60),
      fees10kYuan: (k(0, 500000) / 100).toFixed(2),
      edition2019: null,
    });
  for (const y of years) {
    const n = k(0, 3);
    for (let i = 0; i < n; i++) {
      const filed = day(y);
      const decided =
        filed < `${y}-10-01` && r() < 0.8
          ? `${y}-${String(Number(filed.slice(5, 7)) + 2).padStart(2, "0")}-15`
          : null;
      out.push({
        kind: "reviews",
        agency,
        applicationRef: null,
        reviewKind: (["review", "review", "litigation_direct", "litigation_after_review"] as const)[k(0, 3)]!,
        filed,
        result:
          decided && decided <= today
            ? (["upheld", "upheld", "corrected", "other"] as const)[k(0, 3)]!
            : null,
        decided: decided && decided <= today ? decided : null,
      });
    }
  }
  return out;
}
