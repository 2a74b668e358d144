// The week, day and agenda views: FullCalendar's, over `listEvents`. Loaded (its own chunk,
// most of the UI's code) only when one of them is first opened; the month view is ours
// (`month-grid.ts`), and so is the toolbar above every view (`toolbar.ts`).
import "./frozen-prototype";
import { Calendar, type EventDropArg } from "@fullcalendar/core";
import interactionPlugin, { type EventResizeDoneArg } from "@fullcalendar/interaction";
import listPlugin from "@fullcalendar/list";
import timeGridPlugin from "@fullcalendar/timegrid";
import type { EventSummary } from "../event-dialog";
import { capPerDay, capPerHour, createSource, moreOf, propsOf, toCalendarEvent } from "./source";
import type { ViewName } from "./toolbar";

/** Rows an agenda day gets at most (the last one a "+n more", which opens the day). */
const AGENDA_DAY_LIMIT = 8;
/**
 * Entries starting in one hour of the week view at most, the last a "+n more" that opens the
 * day (the day view shows them all). Two: three side by side left each about 45 px, too
 * narrow for a topic, and FullCalendar's render costs per element drawn (0.45 ms each here:
 * 2,000 events over six weeks drew 231 elements a week at three, 154 at two).
 */
const WEEK_HOUR_LIMIT = 2;

/** FullCalendar's view for each of ours it shows. */
const VIEW_TYPES = { week: "timeGridWeek", day: "timeGridDay", agenda: "listMonth" } as const;
export type FullCalendarView = keyof typeof VIEW_TYPES;
const viewOfType = (type: string): FullCalendarView =>
  (Object.keys(VIEW_TYPES) as FullCalendarView[]).find((name) => VIEW_TYPES[name] === type) ?? "week";

export type FullCalendarHandlers = {
  /** An event was clicked (or Enter pressed on it). */
  open(summary: EventSummary): void;
  /** A range of time was selected: create something there. */
  select(start: Date, end: Date): void;
  /** An event was dragged or resized; resolve false (or throw) to put it back. */
  move(summary: EventSummary, startMs: number, endMs: number): Promise<boolean>;
  /** Loading the visible range started or ended. */
  loading(isLoading: boolean): void;
  /** The view or its dates changed: its title, and whether today is in it. */
  shown(view: ViewName, title: string, showsToday: boolean): void;
  error(error: unknown): void;
};

export type FullCalendarViews = {
  show(view: FullCalendarView, date: Date): void;
  previous(): void;
  next(): void;
  today(): void;
  /** The date the view is on (to open the month view on its month). */
  date(): Date;
  /** Shows the visible range's events again, unless they are what is already shown. */
  refetch(): void;
  /** Syncs again from Zoho, then shows the result. */
  refresh(): void;
  /** What the calendar knows of one of its event elements (from eventDidMount's data). */
  summaryOf(element: HTMLElement): EventSummary | null;
  /** The host became visible again: FullCalendar measures it anew. */
  resized(): void;
};

function summaryOfEvent(event: { title: string; start: Date | null; end: Date | null; extendedProps: Record<string, unknown> }): EventSummary {
  const { kind, key } = propsOf(event.extendedProps);
  const startMs = event.start?.valueOf() ?? 0;
  return { kind, key, topic: event.title, startMs, endMs: event.end?.valueOf() ?? startMs };
}

export function mountFullCalendar(container: HTMLElement, handlers: FullCalendarHandlers, view: FullCalendarView, date: Date): FullCalendarViews {
  let calendar: Calendar | null = null;
  // Each view renders a bounded number of elements, whatever the number of events.
  const source = createSource(handlers.error, (events) => {
    switch (calendar?.view.type) {
      case "listMonth":
        return capPerDay(events, AGENDA_DAY_LIMIT);
      case "timeGridWeek":
        return capPerHour(events, WEEK_HOUR_LIMIT);
      default:
        return events.map(toCalendarEvent);
    }
  });
  const moved = async (info: EventDropArg | EventResizeDoneArg) => {
    let kept = false;
    try {
      const { start, end } = info.event;
      if (start && end) kept = await handlers.move(summaryOfEvent(info.oldEvent), start.valueOf(), end.valueOf());
    } catch (error) {
      handlers.error(error);
    }
    if (!kept) info.revert();
  };

  calendar = new Calendar(container, {
    plugins: [timeGridPlugin, listPlugin, interactionPlugin],
    timeZone: "local",
    initialView: VIEW_TYPES[view],
    initialDate: date,
    headerToolbar: false,
    height: "100%",
    eventDisplay: "block",
    displayEventEnd: false,
    nowIndicator: true,
    allDaySlot: false,
    scrollTime: "08:00:00",
    slotEventOverlap: false,
    eventTimeFormat: { hour: "2-digit", minute: "2-digit", meridiem: false, hour12: false },
    slotLabelFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
    selectable: true,
    selectMirror: true,
    editable: true,
    eventDurationEditable: true,
    events: (info, success, failure) => source.fetch(info, success, failure),
    // Each view fetches its own range: each view's data is capped its own way.
    lazyFetching: false,
    eventOrder: "order,start,-duration,title",
    loading: handlers.loading,
    datesSet: () => report(),
    // Cheap on purpose (it runs once per rendered event): two data attributes and a hint.
    eventDidMount: ({ el, event }) => {
      const more = moreOf(event.extendedProps);
      if (more) {
        el.dataset.more = String(more.count);
        el.title = `${more.count} more: show the day`;
        return;
      }
      const { kind, key } = propsOf(event.extendedProps);
      el.dataset.key = key;
      el.dataset.kind = kind;
      el.title = `${kind === "webinar" ? "Webinar" : "Meeting"}: ${event.title}`;
    },
    eventClick: (info) => {
      info.jsEvent.preventDefault();
      const more = moreOf(info.event.extendedProps);
      if (more) {
        calendar?.changeView("timeGridDay", more.day);
        return;
      }
      handlers.open(summaryOfEvent(info.event));
    },
    select: (info) => {
      calendar?.unselect();
      handlers.select(info.start, info.end);
    },
    eventDrop: (info) => void moved(info),
    eventResize: (info) => void moved(info),
  });
  const shown = calendar;
  // The view shown, its title and whether today is in it.
  function report() {
    const now = Date.now();
    const { type, title, currentStart, currentEnd } = shown.view;
    handlers.shown(viewOfType(type), title, currentStart.valueOf() <= now && now < currentEnd.valueOf());
  }
  calendar.render();

  return {
    show: (name, at) => {
      shown.changeView(VIEW_TYPES[name], at);
      // Told even when the view and its dates did not change (no datesSet then).
      report();
    },
    previous: () => shown.prev(),
    next: () => shown.next(),
    today: () => shown.today(),
    date: () => shown.getDate(),
    refetch: () => {
      const { activeStart, activeEnd } = shown.view;
      source
        .changed(activeStart.valueOf(), activeEnd.valueOf())
        .then((changed) => {
          if (changed) shown.refetchEvents();
        })
        .catch(handlers.error);
    },
    refresh: () => {
      source.refresh();
      shown.refetchEvents();
    },
    summaryOf: (element) => {
      const event = shown.getEventById(`${element.dataset.kind}:${element.dataset.key}`);
      return event && element.dataset.key ? summaryOfEvent(event) : null;
    },
    resized: () => shown.updateSize(),
  };
}
