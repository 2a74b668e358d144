// The calendar: our toolbar over our month view (`month-grid.ts`), or FullCalendar's week,
// day and agenda views (`full-calendar.ts`, loaded when one is first opened), one at a time,
// each fed from `listEvents` for its visible range.
import { backend, type CalendarEvent } from "../backend";
import type { EventSummary } from "../event-dialog";
import { el } from "../dom";
import { markOnce } from "../launch-marks";
import type { FirstRange } from "./first-range";
import type { FullCalendarViews } from "./full-calendar";
import { mountMonthGrid, summaryOfButton } from "./month-grid";
import { sameEvents } from "./source";
import { mountToolbar, type ViewName } from "./toolbar";

export type { ViewName } from "./toolbar";

export type CalendarHandlers = {
  /** An event was picked (clicked, or Enter pressed on it). */
  open(summary: EventSummary): void;
  /** A time was picked to create something: a day (`allDay`) or a range of time. */
  select(start: Date, end: Date, allDay: boolean): void;
  /** An event was dragged or resized; resolve false (or throw) to put it back. */
  move(summary: EventSummary, startMs: number, endMs: number): Promise<boolean>;
  /** Loading the visible range started or ended. */
  loading(isLoading: boolean): void;
  error(error: unknown): void;
};

export type CalendarView = {
  /** Shows view `name` on `date`, or on the date the current view is on. */
  view(name: ViewName, date?: Date): void;
  previous(): void;
  next(): void;
  today(): void;
  /** Shows the visible range's events again, unless they are what is already shown. */
  refetch(): void;
  /** Syncs again from Zoho, then shows the result. */
  refresh(): void;
  /** What the calendar knows of one of its event elements. */
  summaryOf(element: HTMLElement): EventSummary | null;
};

/**
 * Mounts the calendar on the month of today, showing `first`'s events (the launch's first
 * range: handed by the shell or being fetched) as soon as they are there.
 */
export function mountCalendar(container: HTMLElement, handlers: CalendarHandlers, first: FirstRange): CalendarView {
  let current: ViewName = "month";
  let pending = 0;
  const loading = (on: boolean) => {
    pending += on ? 1 : -1;
    if (pending === (on ? 1 : 0)) handlers.loading(on);
  };

  const toolbar = mountToolbar(container, {
    previous: () => calendar.previous(),
    next: () => calendar.next(),
    today: () => calendar.today(),
    view: (name) => calendar.view(name),
  });
  const month = mountMonthGrid(container, () => new Date(), {
    open: handlers.open,
    select: (day) => handlers.select(day, new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1), true),
    more: (day) => calendar.view("day", day),
    move: handlers.move,
    error: handlers.error,
  });
  const host = el("div", undefined, { class: "calendar-host" });
  host.hidden = true;
  container.append(host);

  // The month's events: each fetch numbered, so a slow answer for a month left behind is
  // dropped; the same events as shown draw nothing.
  let monthShown: { fromMs: number; toMs: number; events: CalendarEvent[] } | null = null;
  let monthFetch = 0;
  const showMonth = (fromMs: number, toMs: number, events: CalendarEvent[]) => {
    if (monthShown && monthShown.fromMs === fromMs && monthShown.toMs === toMs && sameEvents(monthShown.events, events)) return;
    monthShown = { fromMs, toMs, events };
    month.show(events);
    markOnce("month-events", { events: events.length });
  };
  /** Fetches the month shown; `quietly` (a check for changes) shows no progress. */
  const loadMonth = (refresh: boolean, answer?: Promise<CalendarEvent[]>, quietly = false) => {
    const { fromMs, toMs } = month.range();
    const mine = ++monthFetch;
    if (!quietly) loading(true);
    (answer ?? backend.listEvents(fromMs, toMs, refresh))
      .then((events) => {
        if (mine === monthFetch) showMonth(fromMs, toMs, events);
      }, (error: unknown) => {
        if (mine === monthFetch) handlers.error(error);
      })
      .finally(() => {
        if (!quietly) loading(false);
      });
  };
  const showMonthView = (date: Date) => {
    const { fromMs } = month.range();
    month.setMonth(date);
    if (month.range().fromMs !== fromMs) monthShown = null;
    else if (monthShown) month.show(monthShown.events);
    month.setHidden(false);
    host.hidden = true;
    shown("month", month.title(), sameMonth(month.month(), new Date()));
    // A month not in hand is fetched; one in hand is checked for changes made meanwhile
    // (the same events draw nothing).
    loadMonth(false, undefined, monthShown !== null);
  };
  const sameMonth = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth();
  const shown = (view: ViewName, title: string, showsToday: boolean) => {
    current = view;
    container.dataset.view = view;
    toolbar.update(view, title, showsToday);
  };

  // FullCalendar, once a view of its own is first asked for.
  let full: FullCalendarViews | null = null;
  let fullCode: Promise<typeof import("./full-calendar")> | null = null;
  let wanted: ViewName = "month";
  const openFull = async (view: Exclude<ViewName, "month">, date: Date) => {
    wanted = view;
    let code: typeof import("./full-calendar");
    try {
      code = await (fullCode ??= import("./full-calendar"));
    } catch (error) {
      fullCode = null;
      handlers.error(error);
      return;
    }
    // Another view was asked for while the code loaded.
    if (wanted !== view) return;
    // Shown before FullCalendar draws in it: it sizes its view from the host's.
    month.setHidden(true);
    host.hidden = false;
    if (full) {
      full.resized();
      full.show(view, date);
      // What changed while the month was shown.
      full.refetch();
      return;
    }
    full = code.mountFullCalendar(host, {
      open: handlers.open,
      select: (start, end) => handlers.select(start, end, false),
      move: handlers.move,
      loading,
      shown: (name, title, showsToday) => {
        if (!host.hidden) shown(name, title, showsToday);
      },
      error: handlers.error,
    }, view, date);
  };

  // The month of today, with the launch's first range.
  month.setHidden(false);
  shown("month", month.title(), true);
  const { fromMs, toMs } = month.range();
  if (first.events && first.fromMs === fromMs && first.toMs === toMs) showMonth(fromMs, toMs, first.events);
  else loadMonth(false, first.fromMs === fromMs && first.toMs === toMs ? first.fetched : undefined);

  const calendar: CalendarView = {
    view(name, at) {
      if (name === current && name === wanted && !at) return;
      // Where the view opens: the date the current view is on (today if it shows today).
      const now = new Date();
      const date = at ?? (current === "month"
        ? (sameMonth(month.month(), now) ? now : month.month())
        : (full?.date() ?? now));
      if (name === "month") {
        wanted = "month";
        showMonthView(date);
      } else void openFull(name, date);
    },
    previous() {
      if (current !== "month") return full?.previous();
      const at = month.month();
      showMonthView(new Date(at.getFullYear(), at.getMonth() - 1, 1));
    },
    next() {
      if (current !== "month") return full?.next();
      const at = month.month();
      showMonthView(new Date(at.getFullYear(), at.getMonth() + 1, 1));
    },
    today() {
      if (current !== "month") return full?.today();
      showMonthView(new Date());
    },
    refetch() {
      if (current === "month") loadMonth(false, undefined, true);
      else full?.refetch();
    },
    refresh() {
      if (current === "month") loadMonth(true);
      else full?.refresh();
    },
    summaryOf(element) {
      return summaryOfButton(element) ?? full?.summaryOf(element) ?? null;
    },
  };
  return calendar;
}
