/** Test helpers: the shared corpus of real reports (../shared/corpus) and its truth files. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseReportJson } from "../src/domain/report/json.js";
import type { Report } from "../src/domain/report/model.js";

export const ROOT = resolve(import.meta.dirname, "..");
export const CORPUS = process.env.GONGKAI_CORPUS ?? resolve(ROOT, "..", "shared", "corpus");
export const TRUTH = join(CORPUS, "truth");

if (!existsSync(TRUTH)) throw new Error(`corpus not found at ${CORPUS} (set GONGKAI_CORPUS)`);

/** Names of the truth files (without .json). */
export const truthNames = (): string[] =>
  readdirSync(TRUTH)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();

export const truthPath = (name: string): string => join(TRUTH, `${name}.json`);

/** A truth file read as a report (its `_truth` notes land in `extra`). */
export const truthReport = (name: string): Report =>
  parseReportJson(readFileSync(truthPath(name), "utf8"), name);

/** A deep copy, for tests that change a cell. */
export const clone = <T>(v: T): T => structuredClone(v);
