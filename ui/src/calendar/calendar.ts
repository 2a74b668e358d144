// The calendar: FullCalendar's month, week, day and agenda views over `listEvents`.
import "./frozen-prototype";
import { Calendar, type EventApi, type EventDropArg } from "@fullcalendar/core";
import dayGridPlugin from "@fullcalendar/daygrid";
import interactionPlugin, { type EventResizeDoneArg } from "@fullcalendar/interaction";
import listPlugin from "@fullcalendar/list";
import timeGridPlugin from "@fullcalendar/timegrid";
import type { EventKind } from "../backend";
import { capPerDay, capPerHour, createSource, moreOf, propsOf, toCalendarEvent } from "./source";
import type { FirstRange } from "./first-range";
import { markOnce } from "../launch-marks";

/** Entries a month cell gets at most (the last one a "+n more" for the rest). */
const MONTH_DAY_LIMIT = 4;
/** Rows an agenda day gets at most (the last one a "+n more", which opens the day). */
const AGENDA_DAY_LIMIT = 8;
/** Entries starting in one hour of the week view at most (the day view shows them all). */
const WEEK_HOUR_LIMIT = 3;

export type CalendarHandlers = {
  /** An event was clicked (or Enter pressed on it). */
  open(kind: EventKind, key: string, event: EventApi): void;
  /** A range was selected: create something there. */
  select(start: Date, end: Date, allDay: boolean): void;
  /** An event was dragged or resized; resolve false (or throw) to put it back. */
  move(kind: EventKind, key: string, event: EventApi, oldEvent: EventApi): Promise<boolean>;
  /** Loading the visible range started or ended. */
  loading(isLoading: boolean): void;
  error(error: unknown): void;
};

/** The calendar's views, by the names the keyboard and the toolbar use. */
export const VIEWS = { month: "dayGridMonth", week: "timeGridWeek", day: "timeGridDay", agenda: "listMonth" } as const;
export type ViewName = keyof typeof VIEWS;

export type CalendarView = {
  /** Shows the visible range's events again, unless they are what is already shown. */
  refetch(): void;
  /** Syncs again from Zoho, then shows the result. */
  refresh(): void;
  calendar: Calendar;
};

/**
 * `first`: the first range's fetch, if started already (see `fetchFirstRange`).
 * `rendered(complete)`: called after the first render, and again when the first fetch has
 * ended if it had not by then; `complete` says whether the rendered view has that fetch's
 * events (or its failure). The launch's plain first view gives way to FullCalendar's by it
 * (see `first-view.ts`).
 */
export function mountCalendar(
  container: HTMLElement,
  handlers: CalendarHandlers,
  first: FirstRange | null = null,
  rendered: (complete: boolean) => void = () => undefined,
): CalendarView {
  let calendar: Calendar | null = null;
  // The first render and the first fetch's end, in either order.
  let fetchEnded = false;
  let isRendered = false;
  // Each view renders a bounded number of elements, whatever the number of events.
  const source = createSource(handlers.error, (events) => {
    switch (calendar?.view.type) {
      case "dayGridMonth":
        return capPerDay(events, MONTH_DAY_LIMIT);
      case "listMonth":
        return capPerDay(events, AGENDA_DAY_LIMIT);
      case "timeGridWeek":
        return capPerHour(events, WEEK_HOUR_LIMIT);
      default:
        return events.map(toCalendarEvent);
    }
  }, first, () => {
    if (fetchEnded) return;
    fetchEnded = true;
    if (isRendered) rendered(true);
  });
  const moved = async (info: EventDropArg | EventResizeDoneArg) => {
    const { kind, key } = propsOf(info.event.extendedProps);
    let kept = false;
    try {
      kept = await handlers.move(kind, key, info.event, info.oldEvent);
    } catch (error) {
      handlers.error(error);
    }
    if (!kept) info.revert();
  };

  markOnce("calendar-new");
  calendar = new Calendar(container, {
    plugins: [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin],
    timeZone: "local",
    initialView: "dayGridMonth",
    headerToolbar: {
      left: "prev,next today",
      center: "title",
      right: "dayGridMonth,timeGridWeek,timeGridDay,listMonth",
    },
    // Text arrows: FullCalendar's icon font is a data: URL, which the CSP does not allow.
    buttonIcons: false,
    buttonText: { prev: "‹", next: "›", today: "Today", month: "Month", week: "Week", day: "Day", list: "Agenda" },
    buttonHints: { prev: "Previous $0", next: "Next $0", today: "This $0" },
    height: "100%",
    // Month cells show what fits and a "+n more" link: thousands of events stay fast.
    dayMaxEvents: true,
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
    // Each view fetches its own range: the month view's data is capped per day.
    lazyFetching: false,
    eventOrder: "order,start,-duration,title",
    loading: handlers.loading,
    // FullCalendar names each month cell by its date (aria-labelledby on the day number),
    // yet the cell shows the day's events too, so its name would not match what it shows
    // (WCAG 2.5.3). Named by its content instead, the cell reads as the date (the day
    // number keeps its full-date label) followed by its events.
    dayCellDidMount: ({ el }) => el.removeAttribute("aria-labelledby"),
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
      const { kind, key } = propsOf(info.event.extendedProps);
      handlers.open(kind, key, info.event);
    },
    select: (info) => {
      calendar?.unselect();
      handlers.select(info.start, info.end, info.allDay);
    },
    eventDrop: (info) => void moved(info),
    eventResize: (info) => void moved(info),
  });
  calendar.render();
  markOnce("calendar-rendered");
  isRendered = true;
  rendered(fetchEnded);

  const view = calendar;
  return {
    calendar: view,
    refetch: () => {
      const { activeStart, activeEnd } = view.view;
      source
        .changed(activeStart.valueOf(), activeEnd.valueOf())
        .then((changed) => {
          if (changed) view.refetchEvents();
        })
        .catch(handlers.error);
    },
    refresh: () => {
      source.refresh();
      view.refetchEvents();
    },
  };
}
