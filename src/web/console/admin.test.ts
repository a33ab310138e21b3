// @vitest-environment happy-dom
/** Component test: the administration screen — the tree filters the users, rows offer what the policy allows, deactivation PATCHes. */
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import Admin from "./pages/admin.js";
import {
  agencyTree,
  assignableRoles,
  canEditAgency,
  type UserItem,
  userActions,
} from "./pages/admin-model.js";
import { type Me, SessionContext } from "./session.js";

const supervisor: Me = {
  id: 4,
  login: "gkb",
  name: "公开办",
  role: "supervisor",
  roleName: "公开办管理员",
  agency: { id: 2, name: "示例市人民政府" },
};

const AGENCIES = [
  { id: 2, name: "示例市人民政府", parentId: 1, kind: "city", code: null },
  { id: 3, name: "示例市东区人民政府", parentId: 2, kind: "district", code: null },
  { id: 5, name: "示例市东区教育局", parentId: 3, kind: "department", code: null },
];

const user = (
  id: number,
  login: string,
  role: UserItem["role"],
  agencyId: number,
  active = true,
): UserItem => ({
  id,
  login,
  name: `用户${id}`,
  role,
  agencyId,
  agencyName: AGENCIES.find((a) => a.id === agencyId)!.name,
  active,
});

const USERS = [
  user(1, "sysadmin", "admin", 2),
  user(4, "gkb", "supervisor", 2),
  user(7, "d-clerk", "clerk", 3),
  user(8, "e-head", "head", 5, false),
];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });

describe("administration rules", () => {
  it("builds the tree with invisible parents as roots", () => {
    expect(agencyTree(AGENCIES)).toEqual([
      {
        key: 2,
        title: "示例市人民政府",
        children: [
          {
            key: 3,
            title: "示例市东区人民政府",
            children: [{ key: 5, title: "示例市东区教育局", children: [] }],
          },
        ],
      },
    ]);
  });

  it("a 公开办管理员 assigns no 系统管理员, touches no 系统管理员 account and not its own role or state", () => {
    expect(assignableRoles(supervisor)).toEqual(["clerk", "reviewer", "head", "supervisor"]);
    expect(assignableRoles({ ...supervisor, role: "admin" })).toContain("admin");
    expect(assignableRoles({ ...supervisor, role: "clerk" })).toEqual([]);
    expect(userActions(supervisor, USERS[0]!)).toEqual({
      edit: false,
      role: false,
      toggle: false,
      password: false,
    });
    expect(userActions(supervisor, USERS[1]!)).toEqual({
      edit: true,
      role: false,
      toggle: false,
      password: true,
    });
    expect(userActions(supervisor, USERS[2]!)).toEqual({
      edit: true,
      role: true,
      toggle: true,
      password: true,
    });
    expect(userActions({ ...supervisor, role: "head" }, USERS[2]!).edit).toBe(false);
    expect(canEditAgency(supervisor, 2)).toBe(false);
    expect(canEditAgency(supervisor, 3)).toBe(true);
    expect(canEditAgency({ ...supervisor, role: "admin" }, 2)).toBe(true);
  });
});

describe("administration screen", () => {
  it("lists users, filters by the selected agency, and deactivates after confirmation", async () => {
    const calls: { method: string; url: string; body?: unknown }[] = [];
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url === "/api/csrf") return json({ token: "t" });
      if (url === "/api/agencies") return json({ items: AGENCIES });
      if (method === "GET" && url.startsWith("/api/users")) {
        const agencyId = new URL(url, "http://x").searchParams.get("agencyId");
        const items = agencyId ? USERS.filter((u) => u.agencyId === Number(agencyId)) : USERS;
        return json({ items, total: items.length, page: 1, pageSize: 20 });
      }
      if (method === "PATCH") return json({ user: { ...USERS[2], active: false }, sessionsEnded: 1 });
      return new Response("{}", { status: 404 });
    });
    vi.stubGlobal("fetch", fetch);
    render(
      createElement(
        SessionContext.Provider,
        { value: { me: supervisor, logout: () => {} } },
        createElement(Admin),
      ),
    );
    await waitFor(() => expect(screen.getByText("d-clerk")).toBeTruthy());
    const table = screen.getByTestId("users");
    const row = (login: string) => within(table).getByText(login).closest("tr")!;
    // The 系统管理员's row offers nothing to a 公开办管理员; its own row no 停用.
    expect(within(row("sysadmin")).queryAllByRole("button")).toEqual([]);
    expect(within(row("gkb")).queryByRole("button", { name: /停\s*用/ })).toBeNull();
    expect(within(row("e-head")).getByTestId("user-state").textContent).toBe("停用");
    expect(within(row("e-head")).getByRole("button", { name: /启\s*用/ })).toBeTruthy();

    // Selecting the district in the tree asks for its users only.
    fireEvent.click(within(screen.getByTestId("agency-tree")).getByText("示例市东区人民政府"));
    await waitFor(() => expect(calls.some((c) => c.url.includes("agencyId=3"))).toBe(true));
    await waitFor(() => expect(within(screen.getByTestId("users")).queryByText("sysadmin")).toBeNull());
    expect(screen.getByText("用户：示例市东区人民政府")).toBeTruthy();

    fireEvent.click(within(row("d-clerk")).getByRole("button", { name: /停\s*用/ }));
    const confirm = await screen.findByText("停用后其登录会话立即结束，不能再登录。");
    const pop = confirm.closest(".ant-popover") as HTMLElement;
    fireEvent.click(within(pop).getByRole("button", { name: /停\s*用/ }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(patch).toEqual({ method: "PATCH", url: "/api/users/7", body: { active: false } });
    expect((await screen.findByTestId("admin-notice")).textContent).toContain("已停用 d-clerk");
  });
});
