import { describe, expect, it } from "vitest";
import { shippedCalendar } from "../domain/calendar/index.js";
import type { StoredEvent } from "../store/cases.js";
import { derivedState, deriveSafely } from "./case-state.js";

const cal = shippedCalendar();
const event = (e: Record<string, unknown>) => e as unknown as StoredEvent;

describe("deriveSafely", () => {
  it("derives a case whose clock stays inside the shipped years", () => {
    const s = deriveSafely(
      [event({ type: "received", date: "2026-11-02", channel: "online" })],
      "2026-11-28",
      cal,
    );
    expect(s.problem).toBeUndefined();
    expect(derivedState(s)?.dueDate).toMatch(/^2026-/);
  });

  it("flags a due date in a year without holiday data as no_calendar, not as a broken record", () => {
    // Received late in 2026: twenty working days run into 2027, whose 调休 is not published yet.
    const s = deriveSafely(
      [event({ type: "received", date: "2026-12-21", channel: "online" })],
      "2026-12-22",
      cal,
    );
    expect(s.status).toBe("no_calendar");
    expect(s.problem).toContain("2027");
    expect(s.problem).toContain("gongkai calendar import");
    expect(derivedState(s)).toBeNull();
  });

  it("keeps an impossible sequence as invalid", () => {
    const s = deriveSafely(
      [
        event({ type: "received", date: "2026-03-02", channel: "post" }),
        event({ type: "received", date: "2026-03-03", channel: "post" }),
      ],
      "2026-03-10",
      cal,
    );
    expect(s.status).toBe("invalid");
  });
});
