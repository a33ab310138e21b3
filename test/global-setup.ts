// Builds dist/ once before the tests, so that tests which run the real `gongkai` binary use fresh code;
// and the staff console bundle (dist/console, Vite) when it is missing or older than its sources.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** Newest modification time under a directory (recursive). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const root = resolve(import.meta.dirname, "..");
  execFileSync(
    process.execPath,
    [resolve(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  const manifest = resolve(root, "dist/console/.vite/manifest.json");
  const sources = Math.max(newest(resolve(root, "src/web/console")), newest(resolve(root, "src/domain")));
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < sources) {
    execFileSync(
      process.execPath,
      [resolve(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
      {
        cwd: root,
        stdio: "inherit",
      },
    );
  }
}
