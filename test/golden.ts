/** Golden-file helper: compares output with test/golden/NAME; UPDATE_GOLDEN=1 rewrites the file. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { ROOT } from "./corpus.js";

export function expectGolden(name: string, actual: string): void {
  const file = join(ROOT, "test", "golden", name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) throw new Error(`golden file missing: ${file}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual, `differs from test/golden/${name} (UPDATE_GOLDEN=1 to accept)`).toBe(
    readFileSync(file, "utf8"),
  );
}
