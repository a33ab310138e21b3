/** A small router over the History API: paths under /console/, no dependency beyond React. */
import { useSyncExternalStore } from "react";

export const BASE = "/console";

const subscribers = new Set<() => void>();
function subscribe(fn: () => void): () => void {
  subscribers.add(fn);
  window.addEventListener("popstate", fn);
  return () => {
    subscribers.delete(fn);
    window.removeEventListener("popstate", fn);
  };
}

/** The console path ("/worklist", "/cases/12") and query of the current location. */
export function currentRoute(): { path: string; query: URLSearchParams } {
  const p = window.location.pathname;
  const path = p.startsWith(BASE) ? p.slice(BASE.length) || "/" : p;
  return { path, query: new URLSearchParams(window.location.search) };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Re-renders on navigation; returns the current route. */
export function useRoute(): { path: string; query: URLSearchParams } {
  useSyncExternalStore(subscribe, snapshot, snapshot);
  return currentRoute();
}

/** Goes to a console path ("/cases/3"), keeping history. */
export function navigate(to: string, replace = false): void {
  const url = `${BASE}${to.startsWith("/") ? to : `/${to}`}`;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  for (const fn of subscribers) fn();
}

/** Matches "/cases/:id" against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split("/").filter(Boolean);
  const b = path.split("/").filter(Boolean);
  if (a.length !== b.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const seg = a[i]!;
    if (seg.startsWith(":")) out[seg.slice(1)] = decodeURIComponent(b[i]!);
    else if (seg !== b[i]) return null;
  }
  return out;
}
