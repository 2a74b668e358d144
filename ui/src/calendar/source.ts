// Feeds FullCalendar from `listEvents`: the visible range, refreshed on demand.
import type { EventInput as FcEventInput, EventSourceFuncArg } from "@fullcalendar/core";
import { backend, type CalendarEvent, type EventKind } from "../backend";
import { markOnce } from "../launch-marks";
import type { FirstRange } from "./first-range";

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
 * At most `limit` entries a day: the first `limit - 1` events, then one "+n more" entry for
 * the rest. A month of thousands of events then renders a few hundred elements, not
 * thousands (FullCalendar renders even the events its own "+n more" hides, to measure them).
 */
export function capPerDay(events: CalendarEvent[], limit: number): FcEventInput[] {
  const byDay = new Map<number, CalendarEvent[]>();
  for (const event of events) {
    const day = dayOf(event.startMs);
    const list = byDay.get(day);
    if (list) list.push(event);
    else byDay.set(day, [event]);
  }
  const shown: FcEventInput[] = [];
  for (const [day, list] of byDay) {
    if (list.length <= limit) {
      for (const event of list) shown.push(toCalendarEvent(event));
      continue;
    }
    list.sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs);
    for (const event of list.slice(0, limit - 1)) shown.push(toCalendarEvent(event));
    const hidden = list.length - (limit - 1);
    shown.push({
      id: `more:${day}`,
      title: `+${hidden} more`,
      start: day,
      allDay: true,
      editable: false,
      classNames: ["zm-more"],
      extendedProps: { more: hidden, day },
      // After the day's events (see the calendar's eventOrder).
      order: 1,
    } as FcEventInput);
  }
  return shown;
}

/** What a "+n more" entry stands for; null for a real event. */
export function moreOf(extendedProps: Record<string, unknown>): { count: number; day: number } | null {
  return typeof extendedProps.more === "number"
    ? { count: extendedProps.more, day: Number(extendedProps.day) }
    : null;
}

/**
 * A FullCalendar event source; `refresh()` makes its next fetch sync from Zoho again.
 * `dayLimit()` gives the current view's cap per day (see `capPerDay`), or null for none.
 * `first`, started before the calendar was built, answers the first fetch when its range is
 * the one asked for (synchronously if it has arrived, so the first render has the events).
 */
export function createSource(
  onError: (error: unknown) => void,
  dayLimit: () => number | null,
  first: FirstRange | null = null,
) {
  let refreshNext = false;
  let unused = first;
  return {
    refresh(): void {
      refreshNext = true;
    },
    fetch(
      info: EventSourceFuncArg,
      success: (events: FcEventInput[]) => void,
      failure: (error: Error) => void,
    ): void {
      const refresh = refreshNext;
      refreshNext = false;
      markOnce("fetch");
      const prefetched = unused;
      unused = null;
      const deliver = (events: CalendarEvent[]) => {
        const limit = dayLimit();
        success(limit === null ? events.map(toCalendarEvent) : capPerDay(events, limit));
      };
      const fromFirst =
        prefetched && !refresh && prefetched.fromMs === info.start.valueOf() && prefetched.toMs === info.end.valueOf();
      if (fromFirst && prefetched.events) {
        deliver(prefetched.events);
        markOnce("events-set");
        return;
      }
      (fromFirst ? prefetched.fetched : backend.listEvents(info.start.valueOf(), info.end.valueOf(), refresh))
        .then((events) => {
          markOnce("fetched");
          deliver(events);
          markOnce("events-set");
        })
        .catch((error: unknown) => {
          onError(error);
          failure(error instanceof Error ? error : new Error(String(error)));
        });
    },
  };
}
