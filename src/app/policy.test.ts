import { describe, expect, it } from "vitest";
import { GongkaiError } from "../domain/errors.js";
import { ACTIONS, type Action, type Actor, authorize, decide, ROLES, type Role } from "./policy.js";

// The agency tree: 1 city (the actor's) → 2 district → 3 department; 9 another city.
const OWN = 1;
const SUBTREE = 3;
const OTHER = 9;
const actor = (role: Role): Actor => ({
  userId: 1,
  login: role,
  name: role,
  role,
  agencyId: OWN,
  below: new Set([2, 3]),
});

type Row = [own: string, subtree: string, other: string];
const A = "allow";
const F = "forbidden";
const N = "not-found";

/** THE matrix: role × action × own/subtree/other agency. Every cell written out, none computed. */
const MATRIX: Record<Role, Record<Action, Row>> = {
  clerk: {
    "agency.read": [A, N, N],
    "report.read": [A, N, N],
    "case.read": [A, N, N],
    "case.edit": [A, N, N],
    "case.review": [F, N, N],
    "case.reveal": [A, N, N],
    "letter.template.edit": [F, N, N],
    "review.edit": [A, N, N],
    "extension.approve": [F, N, N],
    "report.approve": [F, N, N],
    "user.read": [A, N, N],
    "user.manage": [F, N, N],
    "user.manage.admin": [F, N, N],
    "agency.create": [F, N, N],
    "agency.edit": [F, N, N],
    "register.edit": [A, N, N],
    "report.draft": [A, N, N],
    "report.review": [F, N, N],
    "report.publish": [F, N, N],
    "supervision.read": [F, N, N],
    "ingest.run": [F, N, N],
    "catalogue.edit": [A, N, N],
    "catalogue.review1": [F, N, N],
    "catalogue.review2": [F, N, N],
    "catalogue.review3": [F, N, N],
  },
  reviewer: {
    "agency.read": [A, N, N],
    "report.read": [A, N, N],
    "case.read": [A, N, N],
    "case.edit": [A, N, N],
    "case.review": [A, N, N],
    "case.reveal": [A, N, N],
    "letter.template.edit": [A, N, N],
    "review.edit": [A, N, N],
    "extension.approve": [F, N, N],
    "report.approve": [F, N, N],
    "user.read": [A, N, N],
    "user.manage": [F, N, N],
    "user.manage.admin": [F, N, N],
    "agency.create": [F, N, N],
    "agency.edit": [F, N, N],
    "register.edit": [A, N, N],
    "report.draft": [F, N, N],
    "report.review": [A, N, N],
    "report.publish": [F, N, N],
    "supervision.read": [F, N, N],
    "ingest.run": [F, N, N],
    "catalogue.edit": [A, N, N],
    "catalogue.review1": [A, N, N],
    "catalogue.review2": [F, N, N],
    "catalogue.review3": [F, N, N],
  },
  head: {
    "agency.read": [A, N, N],
    "report.read": [A, N, N],
    "case.read": [A, N, N],
    "case.edit": [A, N, N],
    "case.review": [A, N, N],
    "case.reveal": [A, N, N],
    "letter.template.edit": [A, N, N],
    "review.edit": [A, N, N],
    "extension.approve": [A, N, N],
    "report.approve": [A, N, N],
    "user.read": [A, N, N],
    "user.manage": [F, N, N],
    "user.manage.admin": [F, N, N],
    "agency.create": [F, N, N],
    "agency.edit": [F, N, N],
    "register.edit": [A, N, N],
    "report.draft": [F, N, N],
    "report.review": [F, N, N],
    "report.publish": [A, N, N],
    "supervision.read": [F, N, N],
    "ingest.run": [F, N, N],
    "catalogue.edit": [A, N, N],
    "catalogue.review1": [F, N, N],
    "catalogue.review2": [A, N, N],
    "catalogue.review3": [F, N, N],
  },
  supervisor: {
    "agency.read": [A, A, N],
    "report.read": [A, A, N],
    "case.read": [A, A, N],
    "case.edit": [F, F, N],
    "case.review": [F, F, N],
    "case.reveal": [F, F, N],
    "letter.template.edit": [F, F, N],
    "review.edit": [F, F, N],
    "extension.approve": [F, F, N],
    "report.approve": [F, F, N],
    "user.read": [A, A, N],
    "user.manage": [A, A, N],
    "user.manage.admin": [F, F, N],
    "agency.create": [A, A, N],
    "agency.edit": [F, A, N],
    "register.edit": [F, F, N],
    "report.draft": [F, F, N],
    "report.review": [F, F, N],
    "report.publish": [F, F, N],
    "supervision.read": [A, A, N],
    "ingest.run": [A, F, N],
    "catalogue.edit": [F, F, N],
    "catalogue.review1": [F, F, N],
    "catalogue.review2": [F, F, N],
    "catalogue.review3": [A, A, N],
  },
  admin: {
    "agency.read": [A, A, N],
    "report.read": [A, A, N],
    "case.read": [F, F, N],
    "case.edit": [F, F, N],
    "case.review": [F, F, N],
    "case.reveal": [F, F, N],
    "letter.template.edit": [F, F, N],
    "review.edit": [F, F, N],
    "extension.approve": [F, F, N],
    "report.approve": [F, F, N],
    "user.read": [A, A, N],
    "user.manage": [A, A, N],
    "user.manage.admin": [A, A, N],
    "agency.create": [A, A, N],
    "agency.edit": [A, A, N],
    "register.edit": [F, F, N],
    "report.draft": [F, F, N],
    "report.review": [F, F, N],
    "report.publish": [F, F, N],
    "supervision.read": [F, F, N],
    "ingest.run": [F, F, N],
    "catalogue.edit": [F, F, N],
    "catalogue.review1": [F, F, N],
    "catalogue.review2": [F, F, N],
    "catalogue.review3": [F, F, N],
  },
};

describe("authorization matrix", () => {
  for (const role of ROLES)
    for (const action of ACTIONS) {
      const [own, subtree, other] = MATRIX[role][action];
      it(`${role} × ${action}: own ${own}, subtree ${subtree}, other ${other}`, () => {
        expect(decide(actor(role), action, OWN)).toBe(own);
        expect(decide(actor(role), action, SUBTREE)).toBe(subtree);
        expect(decide(actor(role), action, OTHER)).toBe(other);
      });
    }

  it("only a 负责人 approves an extension or a report, anywhere", () => {
    for (const action of ["extension.approve", "report.approve"] as const)
      for (const role of ROLES)
        for (const agency of [OWN, SUBTREE, OTHER])
          expect(decide(actor(role), action, agency) === "allow").toBe(role === "head" && agency === OWN);
  });

  it("authorize throws NOT-FOUND for an invisible agency and FORBIDDEN for a visible one", () => {
    const err = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return e instanceof GongkaiError ? e.id : "other";
      }
      return "none";
    };
    expect(err(() => authorize(actor("clerk"), "case.read", OTHER))).toBe("NOT-FOUND");
    expect(err(() => authorize(actor("supervisor"), "case.edit", SUBTREE))).toBe("FORBIDDEN");
    expect(err(() => authorize(actor("head"), "report.approve", OWN))).toBe("none");
  });
});
