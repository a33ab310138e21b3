/**
 * The administration screen's rules, pure (component tests use them directly): the agency tree from
 * the flat list, which roles a user may assign, and which actions a row offers. The server decides
 * (src/app/policy.ts: user.manage, user.manage.admin, agency.create, agency.edit); these only hide
 * what it would refuse.
 */
import { ROLES, type Role } from "../../../app/policy.js";

export interface Agency {
  id: number;
  name: string;
  parentId: number | null;
  kind?: string | null;
}

export interface UserItem {
  id: number;
  login: string;
  name: string;
  role: Role;
  agencyId: number;
  agencyName: string;
  active: boolean;
}

export interface TreeNode {
  key: number;
  title: string;
  children: TreeNode[];
}

/** The visible agencies as a tree (roots: those whose parent is not visible). */
export function agencyTree(items: readonly Agency[]): TreeNode[] {
  const nodes = new Map(items.map((a) => [a.id, { key: a.id, title: a.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const a of items) {
    const parent = a.parentId === null ? undefined : nodes.get(a.parentId);
    (parent ? parent.children : roots).push(nodes.get(a.id)!);
  }
  return roots;
}

interface Viewer {
  id: number;
  role: Role;
  agency: { id: number };
}

/** True for the two roles that administer users and agencies. */
export const administers = (me: Viewer): boolean => me.role === "admin" || me.role === "supervisor";

/** Roles the viewer may give: a 公开办管理员 never makes a 系统管理员. */
export function assignableRoles(me: Viewer): Role[] {
  if (me.role === "admin") return ROLES;
  if (me.role === "supervisor") return ROLES.filter((r) => r !== "admin");
  return [];
}

/** What a row of the users table offers the viewer. */
export function userActions(
  me: Viewer,
  u: UserItem,
): { edit: boolean; role: boolean; toggle: boolean; password: boolean } {
  const manages = administers(me) && (me.role === "admin" || u.role !== "admin");
  const self = u.id === me.id;
  return { edit: manages, role: manages && !self, toggle: manages && !self, password: manages };
}

/** May the viewer rename this agency (a 公开办管理员 only those below its own)? */
export const canEditAgency = (me: Viewer, agencyId: number): boolean =>
  me.role === "admin" || (me.role === "supervisor" && agencyId !== me.agency.id);
