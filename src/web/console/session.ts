/** The logged-in user (GET /api/me) as React context. */
import { createContext, useContext } from "react";
import type { Role } from "../../app/policy.js";

export interface Me {
  id: number;
  login: string;
  name: string;
  role: Role;
  roleName: string;
  agency: { id: number; name: string };
}

export const SessionContext = createContext<{ me: Me; logout(): void } | null>(null);

/** The current user; only used below the logged-in shell. */
export function useMe(): Me {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useMe outside the session");
  return s.me;
}

/** Logs out (DELETE /api/session). */
export function useLogout(): () => void {
  return useContext(SessionContext)?.logout ?? (() => {});
}
