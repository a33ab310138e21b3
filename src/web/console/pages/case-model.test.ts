/** Component test: the case page's handler choices and issued letters, from the detail and users answers. */
import { describe, expect, it } from "vitest";
import { chinaDateTime } from "../common.js";
import { handlerOptions, normaliseDetail } from "./case-model.js";

const roleName = (r: string) =>
  ({ clerk: "经办人", reviewer: "审核人", head: "负责人", admin: "系统管理员" })[r] ?? r;

describe("handlerOptions", () => {
  const users = [
    { id: 1, name: "王经办", role: "clerk", active: true },
    { id: 2, name: "李审核", role: "reviewer", active: true },
    { id: 3, name: "赵管理", role: "admin", active: true },
    { id: 4, name: "钱离职", role: "clerk", active: false },
    { id: 5, name: "孙负责", role: "head", active: true },
  ];

  it("offers the active staff who handle cases, named with their role", () => {
    expect(handlerOptions(users, 1, roleName)).toEqual([
      { value: 1, label: "王经办（经办人）" },
      { value: 2, label: "李审核（审核人）" },
      { value: 5, label: "孙负责（负责人）" },
    ]);
  });

  it("keeps a deactivated current handler visible but not choosable", () => {
    expect(handlerOptions(users, 4, roleName)).toContainEqual({
      value: 4,
      label: "钱离职（经办人，已停用）",
      disabled: true,
    });
  });
});

describe("normaliseDetail: handler and issued letters", () => {
  it("reads handlerId and the letters list of the detail route", () => {
    const d = normaliseDetail({
      id: "9",
      agencyId: 2,
      ref: "2026-0009",
      handlerId: 7,
      events: [],
      state: null,
      letters: [
        {
          id: "3",
          kind: "receipt",
          fileName: "2026-0009-收件回执.docx",
          eventSeq: 1,
          issuedAt: "2026-06-15T02:00:00.000Z",
          issuedBy: "clerk",
        },
        { kind: "broken" },
      ],
    });
    expect(d.handlerId).toBe(7);
    expect(d.letters).toEqual([
      {
        id: "3",
        kind: "receipt",
        fileName: "2026-0009-收件回执.docx",
        eventSeq: 1,
        issuedAt: "2026-06-15T02:00:00.000Z",
        issuedBy: "clerk",
      },
    ]);
    expect(normaliseDetail({ id: "1", events: [] }).handlerId).toBeNull();
    expect(normaliseDetail({ id: "1", events: [] }).letters).toEqual([]);
  });
});

describe("chinaDateTime", () => {
  it("shows an instant in China Standard Time", () => {
    expect(chinaDateTime("2026-06-15T17:30:00.000Z")).toBe("2026-06-16 01:30");
    expect(chinaDateTime("不是时间")).toBe("不是时间");
  });
});
