/** Where the CLI writes: real stdout/stderr, or buffers in tests. */
export interface CliIo {
  out(data: string | Uint8Array): void;
  err(text: string): void;
  /** True when stdout is a terminal (binary output then needs -o). */
  isTty: boolean;
}

export const processIo: CliIo = {
  out: (data) => process.stdout.write(data),
  err: (text) => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
};

/** Exit codes: 0 clean, 1 an error finding, 2 input that cannot be read (or bad usage). */
export const EXIT = { ok: 0, findings: 1, input: 2 } as const;
