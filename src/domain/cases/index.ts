/** The application lifecycle: events in, derived status, due date, outcome and violations out. */
export { dueDate, isPaused, type Pause, pausedWorkingDays } from "./clock.js";
export { type CaseState, type CaseStatus, deriveCase, type Violation } from "./derive.js";
export {
  type CaseEvent,
  type CaseEventType,
  type Channel,
  type ConsultedParty,
  type Delivery,
  EVENT_LABEL,
  OUTCOME_KEYS,
  type OutcomeKey,
} from "./events.js";
export * from "./periods.js";
export { DUE_SOON_WORKING_DAYS } from "./readings.js";
export { type ReceiptFacts, receiptDate } from "./receipt.js";
export { type ReplayedCase, replayEvents } from "./replay.js";
