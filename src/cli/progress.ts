/**
 * Progress for long work: a bar redrawn in place on a terminal, plain count lines in logs
 * (about every tenth of the way), always on stderr so stdout stays clean for data.
 */
import type { CliIo } from "./io.js";

export interface Progress {
  update(done: number, total: number, label?: string): void;
  end(): void;
}

/** A progress reporter writing to io.err; `tty` decides between the bar and log lines. */
export function progress(io: CliIo, title: string, tty = Boolean(process.stderr.isTTY)): Progress {
  let lastStep = -1;
  let drawn = false;
  return {
    update(done, total, label = "") {
      if (total <= 0) return;
      const ratio = Math.min(1, done / total);
      if (tty) {
        const width = 30;
        const filled = Math.round(ratio * width);
        io.err(
          `\r${title} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total} ${label}`.padEnd(
            80,
          ),
        );
        drawn = true;
        return;
      }
      const step = Math.floor(ratio * 10);
      if (step !== lastStep || done === total) {
        if (step === lastStep && done !== total) return;
        lastStep = step;
        io.err(`${title}：${done}/${total}（${Math.round(ratio * 100)}%）${label ? ` ${label}` : ""}\n`);
      }
    },
    end() {
      if (drawn) io.err("\n");
    },
  };
}
