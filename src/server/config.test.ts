import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { Client, PASSWORD, seedTree } from "../../test/server-fixture.js";
import type { Db } from "../store/db.js";
import { buildServer } from "./app.js";
import { readConfig } from "./config.js";

describe("readConfig", () => {
  it("has defaults for everything", () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: "127.0.0.1",
      logLevel: "info",
      sessionHours: 8,
      secureCookies: false,
      trustProxy: false,
      loginRateMax: 10,
      shutdownTimeoutMs: 10_000,
    });
    expect(readConfig({ NODE_ENV: "production" }).secureCookies).toBe(true);
    expect(readConfig({ PORT: "8080", HOST: "0.0.0.0", GONGKAI_TRUST_PROXY: "yes" })).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      trustProxy: true,
    });
  });

  it("refuses invalid values with a Chinese message naming the variable", () => {
    expect(() => readConfig({ PORT: "abc" })).toThrow(/PORT/);
    expect(() => readConfig({ PORT: "70000" })).toThrow(/0 到 65535/);
    expect(() => readConfig({ GONGKAI_SECURE_COOKIES: "maybe" })).toThrow(/GONGKAI_SECURE_COOKIES/);
  });
});

for (const engine of ENGINES) {
  describe(`logs on ${engine.name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    const lines: string[] = [];
    beforeAll(async () => {
      ({ db, close } = await engine.open());
      await seedTree(db);
      app = await buildServer({ db, logLevel: "info", logStream: { write: (l) => lines.push(l) } });
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    it("hold no cookies, passwords, session tokens or query strings", async () => {
      const c = new Client(app);
      const res = await c.login("clerk");
      expect(res.statusCode).toBe(201);
      await c.request("GET", "/api/me?phone=13800000000");
      const token = c.jar.get("gongkai_session") ?? "";
      const log = lines.join("");
      expect(log).toContain("request completed");
      expect(log).toContain('"path":"/api/me"');
      for (const secret of [PASSWORD, token, c.csrf, "13800000000", "gongkai_session"])
        expect(log).not.toContain(secret);
    });
  });
}
