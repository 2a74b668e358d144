// The main window's keyboard shortcuts and the sheet that lists them ("?"). One list
// drives both, so the sheet always says what the keys do.
import type { ViewName } from "./calendar/calendar";
import { byId, el, openDialog } from "./dom";

export type ShortcutActions = {
  newEvent(): void;
  today(): void;
  previous(): void;
  next(): void;
  view(name: ViewName): void;
  refresh(): void;
  search(): void;
  /** The event with the keyboard focus on the calendar, or null. */
  focusedEvent(): HTMLElement | null;
  /** Edits the event shown in the details dialog, or `focused` on the calendar. */
  edit(focused: HTMLElement | null): void;
  /** Asks to delete the event shown in the details dialog, or `focused` on the calendar. */
  remove(focused: HTMLElement | null): void;
};

type Shortcut = { keys: string[]; label: string };

/** What the sheet shows; the handler below matches the same keys. */
export const SHORTCUTS: Shortcut[] = [
  { keys: ["N"], label: "New meeting" },
  { keys: ["T"], label: "Go to today" },
  { keys: ["←", "→"], label: "Previous / next month, week or day" },
  { keys: ["M"], label: "Month view" },
  { keys: ["W"], label: "Week view" },
  { keys: ["D"], label: "Day view" },
  { keys: ["A"], label: "Agenda view" },
  { keys: ["R"], label: "Refresh from Zoho" },
  { keys: ["/", "Ctrl+F"], label: "Search meetings" },
  { keys: ["Enter"], label: "Open the focused meeting" },
  { keys: ["E"], label: "Edit the focused or open meeting" },
  { keys: ["Delete"], label: "Delete the focused or open meeting" },
  { keys: ["?"], label: "Show these shortcuts" },
  { keys: ["Esc"], label: "Close the dialog" },
];

const VIEW_KEYS: Record<string, ViewName> = { m: "month", w: "week", d: "day", a: "agenda" };

/** Whether a key press goes to a text field (or a list box) rather than to the app. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  }
  return false;
}

/** The open modal dialog on top, if any. */
function topDialog(): HTMLDialogElement | null {
  const open = document.querySelectorAll<HTMLDialogElement>("dialog[open]");
  return open.item(open.length - 1);
}

export function mountKeyboard(actions: ShortcutActions): void {
  renderSheet();
  byId("show-shortcuts").addEventListener("click", () => showShortcuts());
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.isComposing || typingIn(event.target)) return;
    const handled = handle(event, actions);
    if (handled) event.preventDefault();
  });
}

function handle(event: KeyboardEvent, actions: ShortcutActions): boolean {
  const dialog = topDialog();
  const key = event.key;
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key.toLowerCase() === "f") {
    if (dialog) return false;
    actions.search();
    return true;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  if (dialog) {
    // In the details dialog, E and Delete act on the event it shows; other dialogs keep
    // their keys (Escape closes them natively).
    if (dialog.id !== "event-dialog") return false;
    if (key === "e" || key === "E") actions.edit(null);
    else if (key === "Delete") actions.remove(null);
    else return false;
    return true;
  }
  const lower = key.length === 1 ? key.toLowerCase() : key;
  switch (lower) {
    case "n":
      actions.newEvent();
      return true;
    case "t":
      actions.today();
      return true;
    case "ArrowLeft":
      actions.previous();
      return true;
    case "ArrowRight":
      actions.next();
      return true;
    case "r":
      actions.refresh();
      return true;
    case "/":
      actions.search();
      return true;
    case "?":
      showShortcuts();
      return true;
    case "e": {
      const focused = actions.focusedEvent();
      if (!focused) return false;
      actions.edit(focused);
      return true;
    }
    case "Delete": {
      const focused = actions.focusedEvent();
      if (!focused) return false;
      actions.remove(focused);
      return true;
    }
    default: {
      const view = VIEW_KEYS[lower];
      if (!view) return false;
      actions.view(view);
      return true;
    }
  }
}

export function showShortcuts(): void {
  const dialog = byId<HTMLDialogElement>("shortcuts-dialog");
  openDialog(dialog, dialog.querySelector<HTMLElement>("[data-close]") ?? undefined);
}

function renderSheet(): void {
  const dialog = byId<HTMLDialogElement>("shortcuts-dialog");
  dialog.querySelector("[data-close]")?.addEventListener("click", () => dialog.close());
  const rows = SHORTCUTS.map(({ keys, label }) => {
    const cell = el("td");
    keys.forEach((key, index) => {
      if (index > 0) cell.append(" or ");
      cell.append(el("kbd", key));
    });
    const row = el("tr");
    row.append(cell, el("td", label));
    return row;
  });
  byId("shortcuts-list").replaceChildren(...rows);
}
