// Searching the synced meetings and webinars (topic, agenda, participants): a box and a
// list of results; choosing one opens its details. Rust searches its synced copy, so this
// works offline.
import { backend, type CalendarEvent } from "./backend";
import { byId, el, errorText, openDialog } from "./dom";
import { shortLocal } from "./time";

/** Waits this long after the last key press before searching. */
const DEBOUNCE_MS = 150;

const dialog = () => byId<HTMLDialogElement>("search-dialog");
const field = () => byId<HTMLInputElement>("search-input");

let generation = 0;
let timer: number | undefined;

export function mountSearch(open: (event: CalendarEvent) => void): void {
  dialog().querySelector("[data-close]")?.addEventListener("click", () => dialog().close());
  byId("search-button").addEventListener("click", () => openSearch());
  byId("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    // Enter in the box opens the first result.
    byId("search-results").querySelector<HTMLButtonElement>("button")?.click();
  });
  field().addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(open), DEBOUNCE_MS);
  });
  // Up and down move between the box and the results.
  dialog().addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = [field(), ...byId("search-results").querySelectorAll<HTMLElement>("button")];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const next = items[Math.max(0, Math.min(items.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))];
    next?.focus();
    event.preventDefault();
  });
}

export function openSearch(): void {
  openDialog(dialog(), field());
  field().select();
}

async function run(open: (event: CalendarEvent) => void): Promise<void> {
  const query = field().value.trim();
  const mine = ++generation;
  const status = byId("search-status");
  const list = byId<HTMLUListElement>("search-results");
  if (query === "") {
    status.textContent = "";
    list.replaceChildren();
    return;
  }
  status.textContent = "Searching…";
  try {
    const found = await backend.searchEvents(query);
    if (mine !== generation) return;
    status.textContent =
      found.length === 0 ? `Nothing matches “${query}”.` : `${found.length} ${found.length === 1 ? "match" : "matches"}`;
    list.replaceChildren(...found.map((event) => item(event, open)));
  } catch (error) {
    if (mine !== generation) return;
    status.textContent = `Could not search: ${errorText(error)}`;
    list.replaceChildren();
  }
}

function item(event: CalendarEvent, open: (event: CalendarEvent) => void): HTMLLIElement {
  const button = el("button", undefined, { type: "button", class: "search-result" });
  button.dataset.key = event.key;
  button.dataset.kind = event.kind;
  const kind = el("span", event.kind === "webinar" ? "Webinar" : "Meeting", { class: "kind-chip" });
  kind.dataset.kind = event.kind;
  button.append(kind, el("span", event.topic, { class: "search-topic" }), el("span", shortLocal(event.startMs), { class: "search-when muted" }));
  button.addEventListener("click", () => {
    dialog().close();
    open(event);
  });
  const li = el("li");
  li.append(button);
  return li;
}
