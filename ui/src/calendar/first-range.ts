// The launch's first range: the month view FullCalendar opens on, fetched before the
// calendar is built so that its first render already shows the events (one render, not an
// empty grid and then a second render when the data comes).
import { backend, type CalendarEvent } from "../backend";

/** The first range's fetch, `[fromMs, toMs)`; `events` once it has succeeded. */
export type FirstRange = {
  fromMs: number;
  toMs: number;
  fetched: Promise<CalendarEvent[]>;
  events: CalendarEvent[] | null;
};

/**
 * The range of the month grid FullCalendar shows first: from the Sunday on or before the
 * 1st of this month (its default locale's first day of the week), six weeks, in local time.
 * The source checks it against the range FullCalendar asks for and fetches normally if they
 * differ, so a wrong guess costs time, never correctness.
 */
export function firstMonthGrid(today: Date): { fromMs: number; toMs: number } {
  const start = new Date(today.getFullYear(), today.getMonth(), 1);
  start.setDate(start.getDate() - start.getDay());
  const end = new Date(start);
  end.setDate(end.getDate() + 42);
  return { fromMs: start.valueOf(), toMs: end.valueOf() };
}

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
  const { fromMs, toMs } = firstMonthGrid(today);
  if (!handed || !Array.isArray(handed.events) || handed.fromMs > fromMs || handed.toMs < toMs) return null;
  const events = handed.events.filter((event) => event.endMs > fromMs && event.startMs < toMs);
  return { fromMs, toMs, fetched: Promise.resolve(events), events };
}

/** Starts fetching the first range (the calendar's source reports its failure, if any). */
export function fetchFirstRange(today: Date): FirstRange {
  const { fromMs, toMs } = firstMonthGrid(today);
  const first: FirstRange = { fromMs, toMs, fetched: backend.listEvents(fromMs, toMs, false), events: null };
  first.fetched.then(
    (events) => (first.events = events),
    // Reported by the source that uses it; a range the source does not use is not shown.
    () => undefined,
  );
  return first;
}

/**
 * Waits for the first range up to `limitMs`: a quick answer (the local store) is then in the
 * calendar's first render, while a slow one (a first sync) does not hold up the empty
 * calendar and its progress indicator.
 */
export async function settledWithin(first: FirstRange, limitMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
  await Promise.race([first.fetched.then(() => undefined, () => undefined), deadline]);
  clearTimeout(timer);
}
