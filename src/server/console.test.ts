import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";
import { consoleRoutes, withStyleNonce } from "./routes/console.js";

// The real bundle (test/global-setup.ts builds dist/console) behind the real server, on both engines.
for (const engine of ENGINES) {
  describe(`console at /console/ on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      app = await buildServer({ db });
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("serves the shell with a fresh nonce that only widens style-src", async () => {
      const a = await app.inject({ method: "GET", url: "/console/" });
      const b = await app.inject({ method: "GET", url: "/console/cases/12" });
      for (const res of [a, b]) {
        expect(res.statusCode).toBe(200);
        expect(res.headers["content-type"]).toMatch(/text\/html/);
        expect(res.headers["cache-control"]).toBe("no-store");
      }
      const nonceA = /name="csp-nonce" content="([^"]+)"/.exec(a.body)?.[1];
      const nonceB = /name="csp-nonce" content="([^"]+)"/.exec(b.body)?.[1];
      expect(nonceA).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
      expect(nonceA).not.toBe(nonceB);
      const csp = String(a.headers["content-security-policy"]);
      expect(csp).toContain(`style-src 'self' 'nonce-${nonceA}'`);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("default-src 'self'");
      expect(a.body).not.toContain("__CSP_NONCE__");
    });

    it("serves the hashed assets, and a missing asset is a 404 problem, not the shell", async () => {
      const shell = await app.inject({ method: "GET", url: "/console/" });
      const script = /<script type="module" crossorigin src="([^"]+)"/.exec(shell.body)?.[1];
      expect(script).toMatch(/^\/console\/assets\/index-[\w-]+\.js$/);
      const js = await app.inject({ method: "GET", url: script! });
      expect(js.statusCode).toBe(200);
      expect(js.headers["content-type"]).toMatch(/javascript/);
      expect(js.headers["cache-control"]).toContain("immutable");
      const missing = await app.inject({ method: "GET", url: "/console/assets/nope.js" });
      expect(missing.statusCode).toBe(404);
      const traversal = await app.inject({ method: "GET", url: "/console/assets/..%2f..%2fpackage.json" });
      expect(traversal.statusCode).toBe(404);
      expect(traversal.body).not.toContain('"name": "gongkai"');
    });
  });
}

describe("console routes without a build", () => {
  it("answer a Chinese 503 problem that says how to build", async () => {
    const app = Fastify();
    await app.register(consoleRoutes({ dir: join(tmpdir(), "gongkai-no-console") }));
    const res = await app.inject({ method: "GET", url: "/console/worklist" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      id: "CONSOLE-NOT-BUILT",
      detail: expect.stringContaining("npm run build"),
    });
    await app.close();
  });

  it("serve a build from another directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gongkai-console-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), '<meta name="csp-nonce" content="__CSP_NONCE__">');
    writeFileSync(join(dir, "assets", "a.js"), "export {};");
    const app = Fastify();
    await app.register(consoleRoutes({ dir }));
    expect((await app.inject({ method: "GET", url: "/console" })).body).toMatch(/content="[^_]/);
    expect((await app.inject({ method: "GET", url: "/console/assets/a.js" })).statusCode).toBe(200);
    await app.close();
  });
});

describe("withStyleNonce", () => {
  it("adds the nonce to style-src and leaves every other directive alone", () => {
    expect(withStyleNonce("default-src 'self';style-src 'self';img-src 'self' data:", "abc")).toBe(
      "default-src 'self';style-src 'self' 'nonce-abc';img-src 'self' data:",
    );
    expect(withStyleNonce("default-src 'self'", "n")).toBe("default-src 'self';style-src 'self' 'nonce-n'");
  });
});
