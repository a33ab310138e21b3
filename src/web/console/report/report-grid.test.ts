// @vitest-environment happy-dom
/** Component test: a report table from the keyboard — focus stops, arrow moves, Enter/Space open a cell. */
import { cleanup, fireEvent, render } from "@testing-library/react";
import { createElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { blankReport } from "../../../domain/report/model.js";
import { ReportGrid } from "./report-grid.js";

const report = blankReport("2021", 2025, "示例市人民政府");
const td = (path: string) => document.querySelector(`td[data-path="${path}"]`) as HTMLElement;
const focusedPath = () => (document.activeElement?.closest("td") as HTMLElement | null)?.dataset.path;

afterEach(cleanup);

describe("ReportGrid keyboard access", () => {
  it("makes every value cell a named focus stop; arrows move, Enter and Space open the cell", () => {
    const onCell = vi.fn();
    render(createElement(ReportGrid, { table: "applications", report, flagged: new Set<string>(), onCell }));
    const first = td("applications.new_received[0]");
    expect(first.tabIndex).toBe(0);
    expect(first.getAttribute("aria-label")).toBe(
      "行：一、本年新收政府信息公开申请数量；列：申请人情况 / 自然人；数值：空",
    );
    expect(document.querySelectorAll("td.gk-value[tabindex='0']").length).toBe(
      document.querySelectorAll("td.gk-value").length,
    );
    first.focus();
    fireEvent.keyDown(first, { key: "ArrowRight" });
    expect(focusedPath()).toBe("applications.new_received[1]");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(focusedPath()).toBe("applications.carried_over[1]");
    fireEvent.keyDown(document.activeElement!, { key: "End" });
    expect(focusedPath()).toBe("applications.carried_over[6]");
    fireEvent.keyDown(document.activeElement!, { key: "Enter" });
    expect(onCell).toHaveBeenLastCalledWith("applications.carried_over[6]");
    fireEvent.keyDown(document.activeElement!, { key: " " });
    expect(onCell).toHaveBeenCalledTimes(2);
    // At the edge the focus stays.
    fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
    expect(focusedPath()).toBe("applications.carried_over[6]");
  });

  it("in trial edits the inputs are the stops: Up/Down move, Left/Right stay for the caret", () => {
    const onCell = vi.fn();
    render(
      createElement(ReportGrid, {
        table: "applications",
        report,
        flagged: new Set<string>(),
        onCell,
        onEdit: () => {},
      }),
    );
    const cell = td("applications.new_received[2]");
    expect(cell.hasAttribute("tabindex")).toBe(false);
    const input = cell.querySelector("input")!;
    expect(input.getAttribute("aria-label")).toContain("列：申请人情况 / 法人或其他组织 / 科研机构");
    input.focus();
    fireEvent.keyDown(input, { key: "ArrowLeft" });
    expect(document.activeElement).toBe(input);
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(document.activeElement).toBe(td("applications.carried_over[2]").querySelector("input"));
    fireEvent.keyDown(document.activeElement!, { key: " " });
    expect(onCell).not.toHaveBeenCalled();
  });
});
