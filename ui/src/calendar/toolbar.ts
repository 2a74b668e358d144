// The calendar's toolbar, the same for every view: previous, next, today, the title and the
// view buttons. Ours rather than FullCalendar's, because the month view is ours and
// FullCalendar (the week, day and agenda views) loads only when one of those is opened.
import { el } from "../dom";
import "./toolbar.css";

/** The calendar's views, by the names the keyboard and the toolbar use. */
export const VIEW_NAMES = ["month", "week", "day", "agenda"] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

const VIEW_LABELS: Record<ViewName, string> = { month: "Month", week: "Week", day: "Day", agenda: "Agenda" };
/** What one step of ‹ and › moves by, in each view. */
const STEP_NAMES: Record<ViewName, string> = { month: "month", week: "week", day: "day", agenda: "month" };

export type ToolbarActions = {
  previous(): void;
  next(): void;
  today(): void;
  view(name: ViewName): void;
};

export type Toolbar = {
  /** Shows `view`'s title; `showsToday` disables "Today" (as there is nowhere to go). */
  update(view: ViewName, title: string, showsToday: boolean): void;
};

export function mountToolbar(container: HTMLElement, actions: ToolbarActions): Toolbar {
  const bar = el("div", undefined, { class: "calendar-toolbar" });
  const button = (id: string, text: string, onClick: () => void) => {
    const made = el("button", text, { id, type: "button" });
    made.addEventListener("click", onClick);
    return made;
  };
  const previous = button("calendar-prev", "‹", actions.previous);
  const next = button("calendar-next", "›", actions.next);
  const today = button("calendar-today", "Today", actions.today);
  const steps = el("div", undefined, { class: "calendar-buttons" });
  steps.append(previous, next);
  const moves = el("div", undefined, { class: "calendar-moves" });
  moves.append(steps, today);

  const title = el("h2", "", { id: "calendar-title", "aria-live": "polite" });
  const views = el("div", undefined, { class: "calendar-buttons", role: "group", "aria-label": "View" });
  const viewButtons = new Map<ViewName, HTMLButtonElement>();
  for (const name of VIEW_NAMES) {
    const made = button(`view-${name}`, VIEW_LABELS[name], () => actions.view(name));
    made.setAttribute("aria-pressed", "false");
    const key = name.charAt(0);
    made.setAttribute("aria-keyshortcuts", key);
    made.title = `${VIEW_LABELS[name]} view (${key.toUpperCase()})`;
    viewButtons.set(name, made);
    views.append(made);
  }
  bar.append(moves, title, views);
  container.prepend(bar);

  return {
    update(view, text, showsToday) {
      title.textContent = text;
      const step = STEP_NAMES[view];
      for (const [made, label] of [
        [previous, `Previous ${step}`],
        [next, `Next ${step}`],
      ] as const) {
        made.setAttribute("aria-label", label);
        made.title = `${label} (${made === previous ? "←" : "→"})`;
      }
      today.disabled = showsToday;
      today.title = `This ${step} (T)`;
      for (const [name, made] of viewButtons) {
        const active = name === view;
        made.setAttribute("aria-pressed", String(active));
        made.classList.toggle("active", active);
      }
    },
  };
}
