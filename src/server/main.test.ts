import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "gongkai-server-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm start (dist/server/main.js, built by the test setup)", () => {
  it("serves on the embedded database and exits 0 after SIGTERM", async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GONGKAI_DATA: join(dir, "data"),
      PORT: "0",
      LOG_LEVEL: "info",
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [resolve(import.meta.dirname, "../../dist/server/main.js")], {
      env,
    });
    let log = "";
    child.stderr.on("data", (d) => (log += String(d)));
    const url = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no listening line:\n${log}`)), 30_000);
      child.stdout.on("data", (d) => {
        log += String(d);
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
        if (m?.[1]) {
          clearTimeout(timer);
          ok(m[1]);
        }
      });
    });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(log).toContain("shutting down");
  });
});
