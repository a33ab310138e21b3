/** Child processes for the crash and log tests: the real CLI and server, with their output as lines. */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface Child {
  proc: ChildProcess;
  lines: string[];
  /** Resolves with the first line (stdout or stderr) matching, or rejects when the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

/** Starts `node <args>` in the repository with extra environment variables. */
export function spawnNode(args: string[], env: Record<string, string | undefined>): Child {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: merged, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  const feed = (chunk: Buffer, rest: { s: string }) => {
    rest.s += chunk.toString("utf8");
    const parts = rest.s.split(/\r|\n/);
    rest.s = parts.pop() ?? "";
    for (const line of parts) {
      if (!line) continue;
      lines.push(line);
      for (const w of [...waiters])
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
    }
  };
  const out = { s: "" };
  const err = { s: "" };
  proc.stdout?.on("data", (c: Buffer) => feed(c, out));
  proc.stderr?.on("data", (c: Buffer) => feed(c, err));
  const exited = new Promise<number | string>((res) =>
    proc.on("exit", (code, signal) => res(code ?? signal ?? -1)),
  );
  return {
    proc,
    lines,
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise<string>((res, rej) => {
        const timer = setTimeout(
          () => rej(new Error(`等待 ${pattern} 超时；输出：\n${lines.slice(-20).join("\n")}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (l) => {
            clearTimeout(timer);
            res(l);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          rej(new Error(`进程已结束（${code}），未出现 ${pattern}；输出：\n${lines.slice(-20).join("\n")}`));
        });
      });
    },
  };
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? res(a.port) : rej(new Error("no port"))));
    });
  });
}

/** Starts the real server (dist/server/main.js) and waits until it listens; returns it and its base URL. */
export async function startServer(
  env: Record<string, string | undefined>,
): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = spawnNode(["dist/server/main.js"], {
    ...env,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
  });
  await child.waitFor(/Server listening/);
  return { child, url: `http://127.0.0.1:${port}` };
}
