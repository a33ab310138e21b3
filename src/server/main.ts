/**
 * `npm start`: opens the database (PGlite in ./data or $GONGKAI_DATA; PostgreSQL with DATABASE_URL),
 * starts the HTTP server, and shuts down gracefully on SIGTERM/SIGINT (in-flight requests finish,
 * then the database closes).
 */
import { createDemoCity, DEMO_CITY, demoLoginTable } from "../app/demo-city.js";
import { GongkaiError } from "../domain/errors.js";
import { deleteExpiredSessions } from "../store/accounts.js";
import { describeEngine, openDatabase } from "../store/db.js";
import { buildServer } from "./app.js";
import { readConfig } from "./config.js";

async function start(): Promise<void> {
  const config = readConfig();
  const db = await openDatabase();
  const app = await buildServer({
    db,
    logLevel: config.logLevel,
    sessionHours: config.sessionHours,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    loginRateLimit: { max: config.loginRateMax, timeWindowMs: 60_000 },
    closeDbOnClose: true,
  });
  app.log.info({ engine: describeEngine() }, "database open");
  // `npm start -- --demo`: fill the demo city once (a later start with --demo keeps what is there).
  if (process.argv.includes("--demo")) {
    const present = await db
      .selectFrom("agency")
      .select("id")
      .where("name", "=", DEMO_CITY)
      .executeTakeFirst();
    if (present) app.log.info("demo city already present");
    else process.stdout.write(demoLoginTable(await createDemoCity(db)));
  }
  const removed = await deleteExpiredSessions(db);
  if (removed) app.log.info({ removed }, "expired sessions removed");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      app.log.error("shutdown timed out");
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  await app.listen({ port: config.port, host: config.host });
}

start().catch((err: unknown) => {
  process.stderr.write(
    `gongkai 服务启动失败：${err instanceof GongkaiError ? err.full() : err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
