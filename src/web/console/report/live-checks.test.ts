// @vitest-environment happy-dom
/** Component test: the report editor's live checks follow edits of cells and narrative; finding ↔ cells. */
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createElement, useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Sections } from "../../../domain/report/model.js";
import { deriveAnnualReport } from "../../../domain/stats/derive.js";
import { parseCell } from "./live-checks.js";
import { ReportEditor } from "./report-editor.js";

const derived = deriveAnnualReport({
  agency: "示例市人民政府",
  year: 2025,
  cases: [
    { id: "1", applicantType: 0, received: "2025-03-01", answered: "2025-03-20", outcome: "granted" },
    {
      id: "2",
      applicantType: 1,
      received: "2025-04-01",
      answered: "2025-04-20",
      outcome: "partially_granted",
    },
    { id: "3", applicantType: 0, received: "2025-12-20" },
  ],
  figures: { licensing: 3, penalty: 1, coercion: 0, fees10kYuan: "0" },
});

function Harness({ onCell }: { onCell(path: string): void }) {
  const [sections, setSections] = useState<Sections>({ other: "（一）本年度未收取信息处理费。" });
  return createElement(ReportEditor, { report: derived.report, sections, onSections: setSections, onCell });
}

afterEach(cleanup);

const cell = (path: string) => document.querySelector(`td[data-path="${path}"]`) as HTMLElement;

describe("report editor live checks", () => {
  it("re-checks as a cell is edited, marks a finding's cells, and reports a clicked cell", async () => {
    const onCell = vi.fn();
    render(createElement(Harness, { onCell }));
    expect(screen.getByTestId("no-findings")).toBeTruthy();

    // Trial edit: 予以公开 / 自然人 5 breaks the column total and the row sum.
    fireEvent.click(screen.getByTestId("trial"));
    // The input is named by its row and column labels (report/grid-nav.ts).
    const input = screen.getByLabelText(
      /^行：三、本年度办理结果 \/ （一）予以公开；列：申请人情况 \/ 自然人；数值：/,
    ) as HTMLInputElement;
    expect(input.closest("td")?.dataset.path).toBe("applications.granted[0]");
    fireEvent.change(input, { target: { value: "5" } });
    await waitFor(() => expect(screen.getByTestId("finding-T3-TOTAL")).toBeTruthy());
    expect(screen.getByTestId("finding-T3-COLSUM")).toBeTruthy();

    // Click the finding → its cells are marked, and named in Chinese.
    fireEvent.click(screen.getByTestId("finding-T3-TOTAL"));
    expect(cell("applications.total_processed[0]").className).toContain("gk-flagged");
    expect(cell("applications.granted[0]").className).toContain("gk-flagged");
    expect(cell("applications.granted[1]").className).not.toContain("gk-flagged");
    expect(screen.getByTestId("finding-cells").textContent).toContain("表三「（七）总计」行「自然人」列");

    // Back to the right figure: the findings go away.
    fireEvent.change(input, { target: { value: "1" } });
    await waitFor(() => expect(screen.getByTestId("no-findings")).toBeTruthy());

    // Click a cell → the page is told which (it shows the cases behind it).
    fireEvent.click(cell("applications.new_received[6]"));
    expect(onCell).toHaveBeenCalledWith("applications.new_received[6]");
    expect(derived.sources["applications.new_received[6]"]).toEqual(["1", "2", "3"]);
  });

  it("checks the narrative against the tables as it is typed", async () => {
    render(createElement(Harness, { onCell: () => {} }));
    const text = screen.getByLabelText("三、收到和处理政府信息公开申请情况");
    fireEvent.change(text, { target: { value: "本年度共收到政府信息公开申请9件。" } });
    await waitFor(() => expect(screen.getByTestId("finding-TEXT-TABLE")).toBeTruthy());
    expect(screen.getByTestId("finding-TEXT-TABLE").textContent).toContain("9");
    fireEvent.change(text, { target: { value: "本年度共收到政府信息公开申请3件。" } });
    await waitFor(() => expect(screen.queryByTestId("finding-TEXT-TABLE")).toBeNull());
  });

  it("reads typed cells as the report model does", () => {
    expect(parseCell(" ")).toBeNull();
    expect(parseCell("/")).toBe("/");
    expect(parseCell("12")).toBe(12);
    expect(parseCell("1.5")).toBe("1.5");
  });
});
