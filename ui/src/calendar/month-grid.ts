// The month view: six weeks of days as plain DOM, each day's events as buttons, capped to
// what its cell fits with a "+n more" for the rest. Ours rather than FullCalendar's day grid,
// which measured every event and cell over two render passes: 110-300 ms for one month of
// 2,000 events in WebKitGTK, where this draws the same month in a few milliseconds. It is
// also the launch's view: the page paints it, with the stored events, as it loads.
import type { CalendarEvent, EventKind } from "../backend";
import { el } from "../dom";
import type { EventSummary } from "../event-dialog";
import { enableMonthDrag } from "./month-drag";
import "./month-view.css";

/** Entries a day shows when its cell cannot be measured (hidden): the last a "+n more". */
const DEFAULT_DAY_LIMIT = 4;
const DAYS = 42;

// The formats of the en-US locale the other views (FullCalendar's default) use too.
const titleFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long" });
const weekdayFormat = new Intl.DateTimeFormat("en-US", { weekday: "short" });
const dayLabelFormat = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric" });
const timeFormat = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hour12: false });

export type MonthHandlers = {
  /** An event was picked (clicked, or Enter on it). */
  open(summary: EventSummary): void;
  /** A day's empty space was clicked: create something that day. */
  select(day: Date): void;
  /** A day's "+n more" was picked: show that day. */
  more(day: Date): void;
  /** An event was dropped on another day; resolve false (or throw) to put it back. */
  move(summary: EventSummary, startMs: number, endMs: number): Promise<boolean>;
  error(error: unknown): void;
};

export type MonthGrid = {
  /** Draws the month holding `date`, empty until `show`. */
  setMonth(date: Date): void;
  /** The first of the month shown. */
  month(): Date;
  /** The days drawn: `[fromMs, toMs)`, from the Sunday on or before the 1st, six weeks. */
  range(): { fromMs: number; toMs: number };
  title(): string;
  /** Shows these events (the range's), replacing what was shown. */
  show(events: CalendarEvent[]): void;
  setHidden(hidden: boolean): void;
};

const pad = (n: number) => String(n).padStart(2, "0");
const isoDay = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The local midnight of `ms`. */
function dayOf(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.valueOf();
}

/** The month grid's first day: the Sunday on or before the 1st of `month`'s month (the
 * en-US week), in local time. */
function monthGridStart(month: Date): Date {
  const start = new Date(month.getFullYear(), month.getMonth(), 1);
  start.setDate(start.getDate() - start.getDay());
  return start;
}

/** The days the month view of `month`'s month draws: `[fromMs, toMs)`, six weeks. */
export function monthGridRange(month: Date): { fromMs: number; toMs: number } {
  const start = monthGridStart(month);
  const end = new Date(start);
  end.setDate(end.getDate() + DAYS);
  return { fromMs: start.valueOf(), toMs: end.valueOf() };
}

/** One day's order: by start, longer first, then by topic (as the other views). */
function byStart(a: CalendarEvent, b: CalendarEvent): number {
  return a.startMs - b.startMs || b.endMs - b.startMs - (a.endMs - a.startMs) || a.topic.localeCompare(b.topic);
}

/** What an event button carries, read back when it is picked or dragged. */
export function summaryOfButton(button: HTMLElement): EventSummary | null {
  const { key, kind, topic, start, end } = button.dataset;
  if (!key || start === undefined || end === undefined) return null;
  return { kind: (kind === "webinar" ? "webinar" : "meeting") as EventKind, key, topic: topic ?? "", startMs: Number(start), endMs: Number(end) };
}

function eventButton(event: CalendarEvent): HTMLElement {
  const kindName = event.kind === "webinar" ? "Webinar" : "Meeting";
  const button = el("button", undefined, { type: "button", class: `month-event zm-${event.kind}`, title: `${kindName}: ${event.topic}` });
  Object.assign(button.dataset, { key: event.key, kind: event.kind, topic: event.topic, start: String(event.startMs), end: String(event.endMs) });
  button.append(
    el("span", timeFormat.format(new Date(event.startMs)), { class: "month-event-time" }),
    el("span", event.topic, { class: "month-event-title" }),
  );
  return button;
}

export function mountMonthGrid(container: HTMLElement, today: () => Date, handlers: MonthHandlers): MonthGrid {
  const root = el("div", undefined, { class: "month-view", role: "table" });
  container.append(root);
  let first = new Date(today().getFullYear(), today().getMonth(), 1);
  let lists = new Map<number, HTMLElement>();
  let shown: CalendarEvent[] = [];
  let dayLimit = DEFAULT_DAY_LIMIT;

  const draw = () => {
    const title = titleFormat.format(first);
    root.setAttribute("aria-label", title);
    const head = el("div", undefined, { class: "month-head", role: "row" });
    const start = monthGridStart(first);
    for (let column = 0; column < 7; column++) {
      const date = new Date(start);
      date.setDate(start.getDate() + column);
      head.append(el("div", weekdayFormat.format(date), { role: "columnheader" }));
    }
    const rows: HTMLElement[] = [head];
    const todayMs = dayOf(today().valueOf());
    lists = new Map();
    for (let row = 0; row < DAYS / 7; row++) {
      const week = el("div", undefined, { class: "month-week", role: "row" });
      for (let column = 0; column < 7; column++) {
        const date = new Date(start);
        date.setDate(start.getDate() + row * 7 + column);
        const cell = el("div", undefined, { class: "month-day", role: "cell", "data-date": isoDay(date) });
        if (date.getMonth() !== first.getMonth()) cell.classList.add("other");
        if (date.valueOf() === todayMs) cell.classList.add("today");
        // The number shown, the full date read out (the cell reads as its date, then its events).
        const number = el("time", undefined, { class: "month-day-number", datetime: isoDay(date) });
        number.append(el("span", String(date.getDate()), { "aria-hidden": "true" }), el("span", dayLabelFormat.format(date), { class: "visually-hidden" }));
        cell.append(number);
        const list = el("ul");
        cell.append(list);
        week.append(cell);
        lists.set(date.valueOf(), list);
      }
      rows.push(week);
    }
    root.replaceChildren(...rows);
  };

  /** How many entries fit a day's cell (one layout read, before anything is written). */
  const measureLimit = (): number => {
    const cell = root.querySelector<HTMLElement>(".month-day");
    const number = cell?.querySelector<HTMLElement>(".month-day-number");
    if (!cell || !number || cell.clientHeight === 0) return dayLimit;
    const entry = parseFloat(getComputedStyle(root).getPropertyValue("--month-entry-height")) || 20;
    return Math.max(1, Math.floor((cell.clientHeight - number.offsetHeight) / entry));
  };

  const render = () => {
    const byDay = new Map<number, CalendarEvent[]>();
    for (const event of shown) {
      const day = dayOf(event.startMs);
      if (!lists.has(day)) continue;
      const list = byDay.get(day);
      if (list) list.push(event);
      else byDay.set(day, [event]);
    }
    for (const [day, list] of lists) {
      const events = byDay.get(day) ?? [];
      events.sort(byStart);
      // All when they fit; otherwise one line fewer than fits, and "+n more" in the last.
      const visible = events.length <= dayLimit ? events : events.slice(0, Math.max(0, dayLimit - 1));
      const items = visible.map((event) => {
        const item = el("li");
        item.append(eventButton(event));
        return item;
      });
      const hidden = events.length - visible.length;
      if (hidden > 0) {
        const more = el("button", `+${hidden} more`, {
          type: "button",
          class: "month-more",
          title: `${hidden} more: show the day`,
          "data-more": String(hidden),
          "data-day": String(day),
        });
        const item = el("li");
        item.append(more);
        items.push(item);
      }
      list.replaceChildren(...items);
    }
  };

  // How many entries a day fits follows the cells' height, known after a layout: the
  // observer runs after each layout that resized the grid (the first one included), before
  // that frame is painted, so a changed limit is drawn again in the same frame. Reading the
  // height there forces no extra layout.
  let observed = false;
  new ResizeObserver(() => {
    observed = true;
    const limit = measureLimit();
    if (limit === dayLimit) return;
    dayLimit = limit;
    render();
  }).observe(root);

  root.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const more = target?.closest<HTMLElement>("button.month-more");
    if (more) {
      handlers.more(new Date(Number(more.dataset.day)));
      return;
    }
    const button = target?.closest<HTMLElement>("button.month-event");
    const summary = button ? summaryOfButton(button) : null;
    if (summary) {
      handlers.open(summary);
      return;
    }
    const cell = target?.closest<HTMLElement>(".month-day");
    if (cell?.dataset.date) handlers.select(new Date(`${cell.dataset.date}T00:00:00`));
  });

  enableMonthDrag(root, (button, date) => {
    const summary = summaryOfButton(button);
    if (!summary) return;
    // The same time of day on the day it was dropped on (a wall-clock time, across DST).
    const from = new Date(summary.startMs);
    const start = new Date(`${date}T00:00:00`);
    start.setHours(from.getHours(), from.getMinutes(), from.getSeconds(), 0);
    if (start.valueOf() === summary.startMs) return;
    const startMs = start.valueOf();
    const endMs = startMs + (summary.endMs - summary.startMs);
    // Shown where it was dropped while the move is asked and made; back if it is not.
    const moved = { ...shown.find((event) => event.kind === summary.kind && event.key === summary.key) };
    if (moved.key) {
      shown = shown.map((event) => (event.kind === summary.kind && event.key === summary.key ? { ...event, startMs, endMs } : event));
      render();
    }
    const putBack = () => {
      if (!moved.key) return;
      shown = shown.map((event) => (event.kind === summary.kind && event.key === summary.key ? (moved as CalendarEvent) : event));
      render();
    };
    handlers.move(summary, startMs, endMs).then(
      (kept) => {
        if (!kept) putBack();
      },
      (error: unknown) => {
        putBack();
        handlers.error(error);
      },
    );
  });

  draw();
  return {
    setMonth(date) {
      first = new Date(date.getFullYear(), date.getMonth(), 1);
      shown = [];
      draw();
    },
    month: () => new Date(first),
    range: () => monthGridRange(first),
    title: () => titleFormat.format(first),
    show(events) {
      shown = events;
      // At launch the events come before the page's first layout: the cells' height read
      // here (a layout of the grid without them) draws them once with the limit that fits,
      // not with the default and then again from the observer. After that the observer
      // keeps the limit, and a redraw forces no layout of its own.
      if (!observed) dayLimit = measureLimit();
      render();
    },
    setHidden(hidden) {
      root.hidden = hidden;
    },
  };
}
