/**
 * The program's own failures and bad input. A failed legal check is NOT an error (it is a
 * finding); these are for input that cannot be read. Each has a stable id and a Chinese message
 * that says what and where.
 */
export class GongkaiError extends Error {
  constructor(
    /** Stable id, e.g. REPORT-JSON-INVALID. */
    readonly id: string,
    message: string,
    /** Individual problems, each naming its place (a cell path, a line). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = "GongkaiError";
  }

  /** The message with its details, one per line. */
  full(): string {
    return [this.message, ...this.details.map((d) => `  - ${d}`)].join("\n");
  }
}
