/** Server settings from environment variables (every one documented in docs/configuration.md). */
import { GongkaiError } from "../domain/errors.js";

export interface ServerConfig {
  port: number;
  host: string;
  logLevel: string;
  sessionHours: number;
  secureCookies: boolean;
  trustProxy: boolean;
  loginRateMax: number;
  shutdownTimeoutMs: number;
}

/** A positive integer from the environment, or the default; throws CONFIG-INVALID otherwise. */
function int(env: NodeJS.ProcessEnv, name: string, fallback: number, max = 2 ** 31 - 1): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new GongkaiError("CONFIG-INVALID", `环境变量 ${name} 应为 0 到 ${max} 之间的整数，实际为“${raw}”`);
  return n;
}

/** True for 1/true/yes, false for 0/false/no or unset. */
function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes"].includes(raw)) return true;
  if (["0", "false", "no"].includes(raw)) return false;
  throw new GongkaiError("CONFIG-INVALID", `环境变量 ${name} 应为 true 或 false，实际为“${env[name]}”`);
}

/** Reads the server's settings (the database is chosen by DATABASE_URL / GONGKAI_DATA in store/db.ts). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: int(env, "PORT", 3000, 65535),
    host: env.HOST || "127.0.0.1",
    logLevel: env.LOG_LEVEL || "info",
    sessionHours: int(env, "GONGKAI_SESSION_HOURS", 8, 24 * 30) || 8,
    secureCookies: bool(env, "GONGKAI_SECURE_COOKIES", env.NODE_ENV === "production"),
    trustProxy: bool(env, "GONGKAI_TRUST_PROXY", false),
    loginRateMax: int(env, "GONGKAI_LOGIN_RATE_MAX", 10) || 10,
    shutdownTimeoutMs: int(env, "GONGKAI_SHUTDOWN_TIMEOUT_MS", 10_000),
  };
}
