// Feeds FullCalendar (the week, day and agenda views) from `listEvents`: the visible range,
// refreshed on demand.
import type { EventInput as FcEventInput, EventSourceFuncArg } from "@fullcalendar/core";
import { backend, type CalendarEvent, type EventKind } from "../backend";

/** What the calendar keeps on each event, beside its title and times. */
export type EventProps = { kind: EventKind; key: string; timezone: string; isHost: boolean };

export function toCalendarEvent(event: CalendarEvent): FcEventInput {
  const props: EventProps = {
    kind: event.kind,
    key: event.key,
    timezone: event.timezone,
    isHost: event.isHost,
  };
  return {
    id: `${event.kind}:${event.key}`,
    title: event.topic,
    start: event.startMs,
    end: event.endMs,
    // The colour comes from the palette in styles.css, by this class (light and dark alike).
    classNames: [`zm-${event.kind}`],
    extendedProps: props,
    order: 0,
  } as FcEventInput;
}

export function propsOf(extendedProps: Record<string, unknown>): EventProps {
  return extendedProps as EventProps;
}

/** The local day (midnight) an instant falls on. */
function dayOf(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.valueOf();
}

/**
 * At most `limit` entries per bucket of time: the bucket's first `limit - 1` events, then one
 * "+n more" entry (made by `more`) for the rest. A view of thousands of events then renders
 * a few hundred elements, not thousands (FullCalendar renders even the events its own "+n
 * more" hides, to measure them, and a time grid renders hidden stacked events too).
 */
function capPer(
  events: CalendarEvent[],
  limit: number,
  bucketOf: (ms: number) => number,
  more: (bucket: number, hidden: number) => FcEventInput,
): FcEventInput[] {
  const byBucket = new Map<number, CalendarEvent[]>();
  for (const event of events) {
    const bucket = bucketOf(event.startMs);
    const list = byBucket.get(bucket);
    if (list) list.push(event);
    else byBucket.set(bucket, [event]);
  }
  const shown: FcEventInput[] = [];
  for (const [bucket, list] of byBucket) {
    if (list.length <= limit) {
      for (const event of list) shown.push(toCalendarEvent(event));
      continue;
    }
    list.sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs);
    for (const event of list.slice(0, limit - 1)) shown.push(toCalendarEvent(event));
    shown.push(more(bucket, list.length - (limit - 1)));
  }
  return shown;
}

/** At most `limit` entries a day, the last an all-day "+n more" (month view, agenda). */
export function capPerDay(events: CalendarEvent[], limit: number): FcEventInput[] {
  return capPer(events, limit, dayOf, (day, hidden) => ({
    id: `more:${day}`,
    title: `+${hidden} more`,
    start: day,
    allDay: true,
    editable: false,
    classNames: ["zm-more"],
    extendedProps: { more: hidden, day },
    // After the day's events (see the calendar's eventOrder).
    order: 1,
  }) as FcEventInput);
}

const HOUR_MS = 3_600_000;

/** The start of the local hour an instant falls in. */
function hourOf(ms: number): number {
  const hour = new Date(ms);
  hour.setMinutes(0, 0, 0);
  return hour.valueOf();
}

/** At most `limit` entries per starting hour, the last a "+n more" in that hour (week view). */
export function capPerHour(events: CalendarEvent[], limit: number): FcEventInput[] {
  return capPer(events, limit, hourOf, (hour, hidden) => ({
    id: `more:${hour}`,
    title: `+${hidden} more`,
    start: hour,
    end: hour + HOUR_MS,
    editable: false,
    classNames: ["zm-more"],
    extendedProps: { more: hidden, day: dayOf(hour) },
    order: 1,
  }) as FcEventInput);
}

/** What a "+n more" entry stands for; null for a real event. */
export function moreOf(extendedProps: Record<string, unknown>): { count: number; day: number } | null {
  return typeof extendedProps.more === "number"
    ? { count: extendedProps.more, day: Number(extendedProps.day) }
    : null;
}

/** A range's events as last fetched. */
type Fetched = { fromMs: number; toMs: number; events: CalendarEvent[] };

/**
 * A FullCalendar event source; `refresh()` makes its next fetch sync from Zoho again.
 * `shape` turns a range's events into what the current view renders (capped, see `capPer`).
 * `changed()` tells whether a range's events differ from what was last shown, so a "data
 * changed" signal with nothing new for the visible range re-renders nothing.
 */
export function createSource(onError: (error: unknown) => void, shape: (events: CalendarEvent[]) => FcEventInput[]) {
  let refreshNext = false;
  let shown: Fetched | null = null;
  // Fetched by `changed()` and handed to the refetch it triggers, so one IPC call serves both.
  let prefetched: Fetched | null = null;
  const deliver = (fetched: Fetched, success: (events: FcEventInput[]) => void) => {
    shown = fetched;
    success(shape(fetched.events));
  };
  return {
    refresh(): void {
      refreshNext = true;
    },
    async changed(fromMs: number, toMs: number): Promise<boolean> {
      const events = await backend.listEvents(fromMs, toMs, false);
      const same = shown !== null && shown.fromMs === fromMs && shown.toMs === toMs && sameEvents(shown.events, events);
      prefetched = same ? null : { fromMs, toMs, events };
      return !same;
    },
    fetch(
      info: EventSourceFuncArg,
      success: (events: FcEventInput[]) => void,
      failure: (error: Error) => void,
    ): void {
      const refresh = refreshNext;
      refreshNext = false;
      const fromMs = info.start.valueOf();
      const toMs = info.end.valueOf();
      const ready = prefetched;
      prefetched = null;
      if (!refresh && ready && ready.fromMs === fromMs && ready.toMs === toMs) {
        deliver(ready, success);
        return;
      }
      backend
        .listEvents(fromMs, toMs, refresh)
        .then((events) => deliver({ fromMs, toMs, events }, success))
        .catch((error: unknown) => {
          onError(error);
          failure(error instanceof Error ? error : new Error(String(error)));
        });
    },
  };
}

/** Whether two answers of `listEvents` (or the launch's handed month) hold the same events,
 * in the same order: field by field, whatever order each object's keys came in. */
export function sameEvents(a: CalendarEvent[], b: CalendarEvent[]): boolean {
  return a.length === b.length && a.every((event, index) => {
    const other = b[index];
    return other !== undefined && sameFields(event, other);
  });
}

/** An event's fields are plain values: equal when each is. */
function sameFields(a: CalendarEvent, b: CalendarEvent): boolean {
  const keys = Object.keys(a) as (keyof CalendarEvent)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
