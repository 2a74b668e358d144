// The launch's first view: the month FullCalendar opens on, painted as plain DOM from the
// first range's events (the local store's copy) while FullCalendar's code loads and renders.
// FullCalendar's first month render costs hundreds of milliseconds in WebKitGTK; this view
// costs a few, so the week is on screen at once. It is a real month view (a table of the
// days, their events as buttons that open the event), not a placeholder, and FullCalendar
// replaces it in one step once its own view has the same events (see `mountCalendar`).
import type { CalendarEvent, EventKind } from "../backend";
import { el } from "../dom";
import "./first-view.css";
import { capPerDay, moreOf } from "./source";

/** An event the user picked in the first view (what the details dialog needs). */
export type FirstViewPick = { kind: EventKind; key: string; topic: string; startMs: number; endMs: number };

/** Entries a day shows at most (the last a "+n more"), as the month view's limit. */
export const FIRST_VIEW_DAY_LIMIT = 4;

export type FirstView = {
  /** Shows these events (the first range's, once they arrive). */
  show(events: CalendarEvent[]): void;
  /** Removes the view (FullCalendar has taken over). */
  remove(): void;
  removed(): boolean;
};

// The formats FullCalendar's month view uses in its default (en-US) locale.
const titleFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long" });
const weekdayFormat = new Intl.DateTimeFormat("en-US", { weekday: "short" });
const timeFormat = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hour12: false });

const DAYS = 42;

const pad = (n: number) => String(n).padStart(2, "0");

/** The local midnight of `ms`. */
function dayOf(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.valueOf();
}

/**
 * Paints the month grid of `[fromMs, fromMs + 6 weeks)` (the first range) into `container`,
 * with `today`'s month as its title; `open` is called when an event is picked.
 */
export function paintFirstView(
  container: HTMLElement,
  fromMs: number,
  today: Date,
  open: (pick: FirstViewPick) => void,
): FirstView {
  const root = el("div", undefined, { class: "first-view" });
  const toolbar = el("div", undefined, { class: "first-view-toolbar" });
  // The toolbar FullCalendar will show, in its place so nothing moves at the hand-over; its
  // buttons wait for FullCalendar (a fraction of a second), so they are disabled meanwhile.
  const group = (labels: string[]) => {
    const box = el("div", undefined, { class: "first-view-buttons" });
    for (const label of labels) box.append(el("button", label, { type: "button", disabled: "" }));
    return box;
  };
  const title = titleFormat.format(today);
  toolbar.append(group(["‹", "›", "Today"]), el("h2", title), group(["Month", "Week", "Day", "Agenda"]));

  // A table by its roles, laid out as a grid of six equal weeks: cheaper for WebKit to lay
  // out than a <table> stretched to the height, and this layout is on the launch's path.
  const table = el("div", undefined, { class: "first-view-grid", role: "table", "aria-label": title });
  const head = el("div", undefined, { class: "first-view-head", role: "row" });
  const lists = new Map<number, HTMLElement>();
  const start = new Date(fromMs);
  for (let column = 0; column < 7; column++) {
    const date = new Date(start);
    date.setDate(start.getDate() + column);
    head.append(el("div", weekdayFormat.format(date), { role: "columnheader" }));
  }
  table.append(head);
  const todayMs = dayOf(today.valueOf());
  for (let row = 0; row < DAYS / 7; row++) {
    const week = el("div", undefined, { class: "first-view-week", role: "row" });
    for (let column = 0; column < 7; column++) {
      const date = new Date(start);
      date.setDate(start.getDate() + row * 7 + column);
      const cell = el("div", undefined, { class: "first-view-day", role: "cell" });
      if (date.getMonth() !== today.getMonth()) cell.classList.add("other");
      if (date.valueOf() === todayMs) cell.classList.add("today");
      const iso = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
      cell.append(el("time", String(date.getDate()), { class: "first-view-number", datetime: iso }));
      const list = el("ul");
      cell.append(list);
      week.append(cell);
      lists.set(date.valueOf(), list);
    }
    table.append(week);
  }
  root.append(toolbar, table);
  container.append(root);

  root.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>("button[data-key]") : null;
    if (!target?.dataset.key) return;
    open({
      kind: target.dataset.kind === "webinar" ? "webinar" : "meeting",
      key: target.dataset.key,
      topic: target.dataset.topic ?? "",
      startMs: Number(target.dataset.start),
      endMs: Number(target.dataset.end),
    });
  });

  return {
    show(events) {
      for (const list of lists.values()) list.replaceChildren();
      const inputs = capPerDay(events, FIRST_VIEW_DAY_LIMIT);
      const byKey = new Map(events.map((event) => [`${event.kind}:${event.key}`, event]));
      // FullCalendar's order in a day (its eventOrder "order,start,-duration,title").
      const ordered = inputs
        .map((input) => {
          const more = moreOf((input.extendedProps ?? {}) as Record<string, unknown>);
          const event = more ? null : (byKey.get(String(input.id)) ?? null);
          return { more, event, day: more ? more.day : dayOf(event?.startMs ?? 0) };
        })
        .sort((a, b) => {
          if (!a.event || !b.event) return Number(a.event === null) - Number(b.event === null);
          const duration = (e: CalendarEvent) => e.endMs - e.startMs;
          return a.event.startMs - b.event.startMs || duration(b.event) - duration(a.event) || a.event.topic.localeCompare(b.event.topic);
        });
      for (const { more, event, day } of ordered) {
        const list = lists.get(day);
        if (!list) continue;
        if (more) {
          list.append(el("li", `+${more.count} more`, { class: "first-view-more" }));
          continue;
        }
        if (!event) continue;
        const kindName = event.kind === "webinar" ? "Webinar" : "Meeting";
        const button = el("button", undefined, {
          type: "button",
          class: `first-view-event zm-${event.kind}`,
          title: `${kindName}: ${event.topic}`,
        });
        Object.assign(button.dataset, {
          key: event.key,
          kind: event.kind,
          topic: event.topic,
          start: String(event.startMs),
          end: String(event.endMs),
        });
        button.append(el("span", timeFormat.format(new Date(event.startMs)), { class: "first-view-time" }), el("span", event.topic, { class: "first-view-title" }));
        const item = el("li");
        item.append(button);
        list.append(item);
      }
    },
    remove() {
      root.remove();
    },
    removed: () => !root.isConnected,
  };
}
