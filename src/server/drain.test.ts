/**
 * Shutdown drains before the database closes: a request still being answered when `close()` begins
 * (as on SIGTERM) finishes its queries and gets its answer; the database is closed only after it.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { ENGINES } from "../../test/engines.js";
import { buildServer } from "./app.js";

for (const engine of ENGINES) {
  describe(`shutdown drain on ${engine.name}`, () => {
    it("answers a request in flight before closing the database", async () => {
      const { db, close } = await engine.open();
      try {
        const app = await buildServer({ db, closeDbOnClose: true });
        let started: () => void = () => {};
        const inHandler = new Promise<void>((r) => {
          started = r;
        });
        // A request that is still working when the shutdown begins: it queries after a pause.
        app.get("/api/test-slow", async () => {
          started();
          await new Promise((r) => setTimeout(r, 200));
          const r = await sql<{ n: number }>`select 1 as n`.execute(db);
          return { n: r.rows[0]?.n };
        });
        const pending = app.inject({ method: "GET", url: "/api/test-slow" });
        await inHandler;
        await app.close();
        const res = await pending;
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({ n: 1 });
        // And the database is closed once the server is.
        await expect(sql`select 1`.execute(db)).rejects.toThrow();
      } finally {
        await close().catch(() => {});
      }
    });
  });
}
