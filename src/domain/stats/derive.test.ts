import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ApplicationRowKey, applicationRows } from "../report/definition.js";
import { checkReport } from "../rules/index.js";
import { type CaseFacts, deriveAnnualReport, type ReviewRecord } from "./derive.js";

const OUTCOMES_2021 = applicationRows("split")
  .filter((r) => r.role === "outcome")
  .map((r) => r.key);

/** A date from 2024-01-01 plus `days`. */
const day = (days: number) => new Date(Date.UTC(2024, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);

const caseArb = fc
  .record({
    applicantType: fc.integer({ min: 0, max: 5 }),
    receivedDay: fc.integer({ min: 0, max: 3 * 365 }),
    answerAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    outcome: fc.constantFrom(...OUTCOMES_2021),
  })
  .map(
    (c): CaseFacts => ({
      id: "",
      applicantType: c.applicantType,
      received: day(c.receivedDay),
      answered: c.answerAfter === null ? null : day(c.receivedDay + c.answerAfter),
      outcome: c.answerAfter === null ? null : c.outcome,
    }),
  );

const reviewArb = fc
  .record({
    kind: fc.constantFrom("review", "litigation_direct", "litigation_after_review") as fc.Arbitrary<
      ReviewRecord["kind"]
    >,
    filedDay: fc.integer({ min: 0, max: 3 * 365 }),
    decidedAfter: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
    result: fc.constantFrom("upheld", "corrected", "other") as fc.Arbitrary<"upheld" | "corrected" | "other">,
  })
  .map(
    (r): ReviewRecord => ({
      id: "",
      kind: r.kind,
      filed: day(r.filedDay),
      decided: r.decidedAfter === null ? null : day(r.filedDay + r.decidedAfter),
      result: r.decidedAfter === null ? null : r.result,
    }),
  );

const withIds = <T extends { id: string }>(xs: T[], prefix: string) =>
  xs.map((x, i) => ({ ...x, id: `${prefix}${i}` }));

describe("deriveAnnualReport", () => {
  it("property: random case histories give reports that pass every check, and years chain (XY-CARRY)", () => {
    fc.assert(
      fc.property(
        fc.array(caseArb, { maxLength: 80 }),
        fc.array(reviewArb, { maxLength: 20 }),
        (cases, reviews) => {
          const input = {
            agency: "示例局",
            cases: withIds(cases, "c"),
            reviews: withIds(reviews, "r"),
            figures: { licensing: 1, penalty: 2, coercion: 3, fees10kYuan: "0.5" },
          };
          const y2024 = deriveAnnualReport({ ...input, year: 2024 }).report;
          const y2025 = deriveAnnualReport({ ...input, year: 2025 }).report;
          expect(checkReport(y2024)).toEqual([]);
          expect(checkReport(y2025, { previous: y2024 })).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("matches a count by hand on a few hundred applications over two years", () => {
    const rng = fc.sample(fc.array(caseArb, { minLength: 300, maxLength: 300 }), {
      numRuns: 1,
      seed: 42,
    })[0]!;
    const cases = withIds(rng, "c").filter((c) => c.received < "2026-01-01");
    for (const year of [2024, 2025]) {
      const { report, sources } = deriveAnnualReport({ agency: "x", year, cases });
      const start = `${year}-01-01`;
      const end = `${year}-12-31`;
      const byHand = (pred: (c: CaseFacts) => boolean) => cases.filter(pred).length;
      expect(report.applications.new_received![6]).toBe(
        byHand((c) => c.received >= start && c.received <= end),
      );
      expect(report.applications.carried_over![6]).toBe(
        byHand((c) => c.received < start && (!c.answered || c.answered >= start)),
      );
      expect(report.applications.carried_forward![6]).toBe(
        byHand((c) => c.received <= end && (!c.answered || c.answered > end)),
      );
      for (const key of OUTCOMES_2021) {
        expect(report.applications[key as ApplicationRowKey]![6], key).toBe(
          byHand((c) => c.outcome === key && !!c.answered && c.answered >= start && c.answered <= end),
        );
      }
      // Every cell lists the records behind it.
      expect(sources["applications.new_received[6]"]).toHaveLength(
        report.applications.new_received![6] as number,
      );
    }
    const y1 = deriveAnnualReport({ agency: "x", year: 2024, cases }).report;
    const y2 = deriveAnnualReport({ agency: "x", year: 2025, cases }).report;
    expect(y2.applications.carried_over).toEqual(y1.applications.carried_forward);
  });

  it("2019-edition years fold the three （六） sub-outcomes into the single 其他处理 row", () => {
    const cases: CaseFacts[] = [
      { id: "a", applicantType: 0, received: "2020-03-02", answered: "2020-03-20", outcome: "other_no_fee" },
      { id: "b", applicantType: 1, received: "2020-03-02", answered: "2020-03-20", outcome: "granted" },
    ];
    const { report } = deriveAnnualReport({ agency: "x", year: 2020, cases });
    expect(report.edition).toBe("2019");
    expect(report.applications.other_processing).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(report.applications.other_no_fee).toBeUndefined();
  });

  it("takes 上年结转 from an imported previous report, and leaves unentered figures blank", () => {
    const { report } = deriveAnnualReport({
      agency: "x",
      year: 2025,
      cases: [
        { id: "a", applicantType: 0, received: "2025-01-05", answered: "2025-01-20", outcome: "granted" },
      ],
      carriedOverFromReport: [2, 0, 0, 0, 0, 0, 2],
    });
    expect(report.applications.carried_over).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(report.active.administrative_licensing).toBeNull();
    expect(checkReport(report).map((f) => f.id)).toEqual([
      "T3-IDENTITY",
      "T3-IDENTITY",
      "CELL-BLANK",
      "CELL-BLANK",
      "CELL-BLANK",
      "CELL-BLANK",
    ]);
  });

  it("counts the register: issued, repealed and in force at 31 Dec", () => {
    const { report } = deriveAnnualReport({
      agency: "x",
      year: 2025,
      cases: [],
      register: [
        { id: "d1", kind: "normative_document", issued: "2020-01-01" },
        { id: "d2", kind: "normative_document", issued: "2025-05-01" },
        { id: "d3", kind: "normative_document", issued: "2021-01-01", repealed: "2025-06-30" },
        { id: "d4", kind: "normative_document", issued: "2026-01-02" },
        { id: "d5", kind: "regulation", issued: "2019-01-01", repealed: "2026-01-01" },
      ],
    });
    expect(report.active.normative_documents).toEqual({ issued: 1, repealed: 1, in_force: 2 });
    expect(report.active.regulations).toEqual({ issued: 0, repealed: 0, in_force: 1 });
  });

  it("reports impossible records instead of counting them", () => {
    const { problems, report } = deriveAnnualReport({
      agency: "x",
      year: 2025,
      cases: [
        { id: "a", applicantType: 0, received: "2025-03-05", answered: "2025-03-01", outcome: "granted" },
      ],
    });
    expect(problems).toEqual(["申请 a：答复日期 2025-03-01 早于收到日期 2025-03-05"]);
    expect(report.applications.new_received![6]).toBe(0);
  });
});
