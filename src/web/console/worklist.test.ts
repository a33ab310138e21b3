// @vitest-environment happy-dom
/** Component test: the worklist orders by working days left, badges each status, counts at the top. */
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { createElement, Suspense } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import Worklist from "./pages/worklist.js";
import { type Me, SessionContext } from "./session.js";
import { sortByWorkingDaysLeft, type WorkItem } from "./worklist-model.js";

const me: Me = {
  id: 7,
  login: "clerk",
  name: "王经办",
  role: "clerk",
  roleName: "经办人",
  agency: { id: 2, name: "示例市人民政府" },
};

const item = (ref: string, status: string, left: number | null, received: string, extra: object = {}) => ({
  id: ref.replace(/\D/g, ""),
  ref,
  subject: `关于${ref}的申请`,
  channel: "online",
  received,
  applicant: { name: "张*" },
  handler: { id: 7, name: "王经办" },
  status,
  dueDate: left === null ? null : "2026-12-01",
  workingDaysLeft: left,
  ...extra,
});

// The server's page, deliberately out of order: the component must not trust the order it is given.
const PAGE = {
  items: [
    item("A-1", "on_time", 12, "2026-11-01"),
    item("A-2", "closed", null, "2026-10-01"),
    item("A-3", "overdue", -2, "2026-10-10"),
    item("A-4", "waiting_applicant", null, "2026-11-05"),
    item("A-5", "due_soon", 3, "2026-11-03"),
    item("A-6", "paused_consultation", 8, "2026-11-02"),
    item("A-7", "due_soon", 3, "2026-11-02"),
    item("A-8", "paused_fee", 15, "2026-11-04"),
  ],
  total: 8,
  page: 1,
  pageSize: 20,
  counts: {
    overdue: 1,
    due_soon: 2,
    on_time: 1,
    waiting_applicant: 1,
    paused_consultation: 1,
    paused_fee: 1,
    closed: 1,
    invalid: 0,
  },
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("worklist", () => {
  it("orders by working days left: overdue first, ties by receipt, no running clock and closed last", () => {
    const sorted = sortByWorkingDaysLeft(
      PAGE.items.map((i) => ({ ...i, receivedOn: i.received }) as unknown as WorkItem),
    );
    expect(sorted.map((i) => i.ref)).toEqual(["A-3", "A-7", "A-5", "A-6", "A-1", "A-8", "A-4", "A-2"]);
  });

  it("renders rows in that order with their badges and the counts, asking the server for the urgency sort", async () => {
    const fetch = vi.fn(async (url: string) => {
      expect(url).toMatch(/^\/api\/applications\?/);
      return new Response(JSON.stringify(PAGE), { headers: { "content-type": "application/json" } });
    });
    vi.stubGlobal("fetch", fetch);
    render(
      createElement(
        SessionContext.Provider,
        { value: { me, logout: () => {} } },
        createElement(Suspense, { fallback: null }, createElement(Worklist)),
      ),
    );
    await waitFor(() => expect(screen.getAllByTestId("status-badge")).toHaveLength(8));
    expect(String(fetch.mock.calls[0]?.[0])).toContain("sort=due");
    const rows = screen.getAllByRole("row").filter((r) => r.querySelector("[data-testid=status-badge]"));
    expect(rows.map((r) => within(r).getAllByRole("cell")[0]!.textContent)).toEqual([
      "A-3",
      "A-7",
      "A-5",
      "A-6",
      "A-1",
      "A-8",
      "A-4",
      "A-2",
    ]);
    expect(screen.getAllByTestId("status-badge").map((b) => b.textContent)).toEqual([
      "已超期",
      "即将到期",
      "即将到期",
      "征求意见中",
      "办理中",
      "待缴费",
      "待申请人补正",
      "已办结",
    ]);
    expect(screen.getAllByTestId("days-left")[0]!.textContent).toBe("超期 2 个工作日");
    expect(screen.getByTestId("count-overdue").textContent).toContain("1");
    expect(screen.getByTestId("count-due_soon").textContent).toContain("2");
    // 在办合计 counts every open status (7), not the closed one.
    expect(screen.getByTestId("count-total").textContent).toContain("7");
  });
});
