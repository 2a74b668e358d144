// The launch's first range: the days of the month view the calendar opens on, handed by the
// shell as the page loads or fetched at once, so that the month's first drawing already
// shows the events (one drawing, not an empty grid and then a second one).
import { backend, type CalendarEvent } from "../backend";
import { monthGridRange } from "./month-grid";

/** The first range's fetch, `[fromMs, toMs)`; `events` once it has succeeded. */
export type FirstRange = {
  fromMs: number;
  toMs: number;
  fetched: Promise<CalendarEvent[]>;
  events: CalendarEvent[] | null;
};

/** What the shell's launch script sets (`zmeet_core::launch_data`): a window of days
 * around today and the stored events in it, or null when the local copy cannot answer. */
type Handed = { fromMs: number; toMs: number; events: CalendarEvent[] } | null;
declare global {
  interface Window {
    __ZMEET_FIRST_RANGE__?: Handed;
  }
}

/**
 * The first range from what the shell handed to the page as it loaded (before any IPC),
 * if that covers it; null otherwise (then `fetchFirstRange` asks over IPC). Read once.
 */
export function handedFirstRange(today: Date): FirstRange | null {
  const handed = window.__ZMEET_FIRST_RANGE__;
  delete window.__ZMEET_FIRST_RANGE__;
  const { fromMs, toMs } = monthGridRange(today);
  if (!handed || !Array.isArray(handed.events) || handed.fromMs > fromMs || handed.toMs < toMs) return null;
  const events = handed.events.filter((event) => event.endMs > fromMs && event.startMs < toMs);
  return { fromMs, toMs, fetched: Promise.resolve(events), events };
}

/** Starts fetching the first range (the calendar's source reports its failure, if any). */
export function fetchFirstRange(today: Date): FirstRange {
  const { fromMs, toMs } = monthGridRange(today);
  const first: FirstRange = { fromMs, toMs, fetched: backend.listEvents(fromMs, toMs, false), events: null };
  first.fetched.then(
    (events) => (first.events = events),
    // Reported by the source that uses it; a range the source does not use is not shown.
    () => undefined,
  );
  return first;
}
