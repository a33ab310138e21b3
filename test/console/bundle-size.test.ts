/**
 * The console's production bundle is code-split, and the first load of the worklist (the entry, its
 * static imports, and the worklist screen's chunk with its own) stays ≤ 500 KB of gzipped JS.
 * A size check on the Vite manifest (dist/console, built by test/global-setup.ts), not a timing.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const DIST = resolve(import.meta.dirname, "../../dist/console");
const LIMIT = 500 * 1024;

interface Chunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const manifest = (): Record<string, Chunk> =>
  JSON.parse(readFileSync(join(DIST, ".vite/manifest.json"), "utf8")) as Record<string, Chunk>;

/** The chunk files a key loads before it runs: itself and its static imports, transitively. */
function closure(m: Record<string, Chunk>, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const i of m[key]?.imports ?? []) closure(m, i, seen);
  return seen;
}

const gz = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

/** Gzipped bytes of the worklist's first load, with the files it counts. */
function worklistFirstLoad(): { bytes: number; files: string[] } {
  const m = manifest();
  const entry = Object.keys(m).find((k) => m[k]!.isEntry)!;
  const worklist = Object.keys(m).find((k) => k.endsWith("pages/worklist.tsx"))!;
  const keys = new Set([...closure(m, entry), ...closure(m, worklist)]);
  const files = [...keys].map((k) => m[k]!.file).filter((f) => f.endsWith(".js"));
  return { bytes: files.reduce((n, f) => n + gz(f), 0), files };
}

describe("console bundle", () => {
  it("loads the worklist with ≤ 500 KB of gzipped JS", () => {
    const { bytes, files } = worklistFirstLoad();
    console.log(`worklist first load: ${(bytes / 1024).toFixed(1)} KB gzipped JS in ${files.length} files`);
    expect(bytes).toBeLessThanOrEqual(LIMIT);
  });

  it("is code-split: every other screen, and ECharts, load only when opened", () => {
    const m = manifest();
    const { files } = worklistFirstLoad();
    const lazy = ["case", "report", "supervision", "registers", "catalogue", "admin"].map(
      (p) => Object.keys(m).find((k) => k.endsWith(`pages/${p}.tsx`))!,
    );
    for (const k of lazy) {
      expect(m[k]?.isDynamicEntry).toBe(true);
      expect(files).not.toContain(m[k]!.file);
    }
    const echarts = Object.keys(m).filter(
      (k) => /node_modules\/(echarts|zrender)\//.test(k) || /echarts/.test(m[k]!.file),
    );
    const firstLoad = new Set(files);
    for (const k of echarts) expect(firstLoad.has(m[k]!.file)).toBe(false);
    // The supervision chunk (with its imports) is where ECharts' code lives.
    const supervision = closure(m, Object.keys(m).find((k) => k.endsWith("pages/supervision.tsx"))!);
    const text = [...supervision].map((k) => readFileSync(join(DIST, m[k]!.file), "utf8")).join("");
    expect(text).toMatch(/zrender|echarts/i);
    const first = files.map((f) => readFileSync(join(DIST, f), "utf8")).join("");
    expect(first).not.toMatch(/ZRender|zrender\/lib/);
  });
});
