// The event details dialog: what, when (here and in the meeting's zone), who, and actions.
import { backend, type CalendarEvent, type EventDetails, type EventKind } from "./backend";
import { confirm } from "./confirm";
import { byId, closeButtons, el, errorText, openDialog, show } from "./dom";
import { durationText, localRange } from "./time";

export type EventDialogHandlers = {
  /** The user wants to edit the event shown. */
  edit(details: EventDetails): void;
};

/** What the calendar already knows, shown while the details load. */
export type EventSummary = { kind: EventKind; key: string; topic: string; startMs: number; endMs: number };

const dialog = () => byId<HTMLDialogElement>("event-dialog");

let current: { kind: EventKind; key: string; details: EventDetails | null } | null = null;
let generation = 0;
let editHandler: ((details: EventDetails) => void) | null = null;

export function mountEventDialog(handlers: EventDialogHandlers): void {
  editHandler = handlers.edit;
  closeButtons(dialog());
  dialog().addEventListener("close", () => {
    current = null;
  });
  byId("event-join-link").addEventListener("click", () => void openLink("join"));
  byId("event-start").addEventListener("click", () => void openLink("start"));
  byId("event-copy-link").addEventListener("click", () => void copyLink());
  byId("event-edit").addEventListener("click", () => editShown());
  byId("event-delete").addEventListener("click", () => void remove());
}

/** Edits the event the dialog shows, once its details are in. */
export function editShown(): void {
  if (!current?.details || byId<HTMLButtonElement>("event-edit").disabled) return;
  const details = current.details;
  dialog().close();
  editHandler?.(details);
}

/** Asks to delete the event the dialog shows, once its details are in. */
export function removeShown(): void {
  if (!current?.details || byId<HTMLButtonElement>("event-delete").disabled) return;
  void remove();
}

/** Opens the event's details, then its edit form (E on the calendar). */
export async function editEvent(summary: EventSummary): Promise<void> {
  await showEvent(summary);
  editShown();
}

/** Opens the event's details and asks to delete it (Delete on the calendar). */
export async function removeEvent(summary: EventSummary): Promise<void> {
  await showEvent(summary);
  removeShown();
}

/** Opens the dialog at once with what is known, then fills in the rest from Zoho. */
export async function showEvent(summary: EventSummary): Promise<void> {
  const mine = ++generation;
  current = { kind: summary.kind, key: summary.key, details: null };
  render(summary, null);
  setLoading(true);
  openDialog(
    dialog(),
    byId("event-dialog").querySelector<HTMLElement>("[data-close]") ?? undefined,
    // The event may be gone (deleted, or redrawn by a refetch): back to the calendar then.
    // The view not shown keeps its elements, hidden: the one on screen takes the focus.
    () =>
      [...document.querySelectorAll<HTMLElement>(`#calendar [data-key="${CSS.escape(summary.key)}"]`)].find(
        (element) => element.getClientRects().length > 0,
      ) ?? byId("calendar"),
  );
  try {
    const details = await backend.getEvent(summary.kind, summary.key);
    if (mine !== generation || !current) return;
    current.details = details;
    render(details.event, details);
  } catch (error) {
    if (mine !== generation) return;
    show(byId("event-load-error"), `Could not load the details: ${errorText(error)}`, true);
    byId("event-load-error").hidden = false;
  } finally {
    if (mine === generation) setLoading(false);
  }
}

function setLoading(loading: boolean): void {
  byId("event-loading").hidden = !loading;
  dialog().setAttribute("aria-busy", String(loading));
  for (const id of ["event-join-link", "event-copy-link", "event-start", "event-edit", "event-delete"]) {
    byId<HTMLButtonElement>(id).disabled = loading;
  }
}

function render(event: EventSummary | CalendarEvent, details: EventDetails | null): void {
  const kind = byId("event-kind");
  kind.textContent = event.kind === "webinar" ? "Webinar" : "Meeting";
  kind.dataset.kind = event.kind;
  byId("event-topic").textContent = event.topic;
  byId("event-time-local").textContent = localRange(event.startMs, event.endMs);
  byId("event-load-error").hidden = true;
  byId("event-action-result").textContent = "";

  const zone = "timezone" in event ? event.timezone : "";
  byId("event-time-zone").textContent = details ? `${details.startInZone} (${zone})` : "…";
  byId("event-duration").textContent = durationText(
    details?.durationMinutes ?? Math.round((event.endMs - event.startMs) / 60_000),
  );
  byId("event-host").textContent = details ? (details.presenterName ?? (details.event.isHost ? "You" : "—")) : "…";

  const agenda = byId("event-agenda");
  agenda.textContent = details ? (details.agenda ?? "No agenda") : "…";
  agenda.classList.toggle("muted", !details?.agenda);

  const participants = byId<HTMLUListElement>("event-participants");
  participants.replaceChildren(...(details?.participants ?? []).map((email) => el("li", email)));
  // An empty list says so through CSS, so every <li> is a participant.
  participants.toggleAttribute("data-empty", details !== null && details.participants.length === 0);

  const joinLink = "joinLink" in event ? event.joinLink : null;
  byId("event-join-url").textContent = joinLink ?? (details ? "No join link" : "…");
  byId("event-join-link").hidden = details !== null && !joinLink;
  byId("event-copy-link").hidden = details !== null && !joinLink;
  byId("event-start").hidden = !details?.hasStartLink;
}

async function openLink(link: "join" | "start"): Promise<void> {
  if (!current) return;
  const result = byId("event-action-result");
  show(result, link === "join" ? "Opening the join link in your browser…" : "Starting in your browser…");
  try {
    await backend.openEventLink(current.kind, current.key, link);
    show(result, "Opened in your browser.");
  } catch (error) {
    show(result, errorText(error), true);
  }
}

async function copyLink(): Promise<void> {
  const link = current?.details?.event.joinLink;
  if (!link) return;
  const result = byId("event-action-result");
  try {
    await navigator.clipboard.writeText(link);
    show(result, "Link copied.");
  } catch (error) {
    show(result, `Could not copy: ${errorText(error)}`, true);
  }
}

async function remove(): Promise<void> {
  if (!current) return;
  const { kind, key } = current;
  const topic = byId("event-topic").textContent ?? "";
  const what = kind === "webinar" ? "webinar" : "meeting";
  if (!(await confirm(`Delete the ${what} “${topic}”? This cannot be undone.`, "Delete", true))) {
    dialog().querySelector<HTMLElement>("#event-delete")?.focus();
    return;
  }
  const button = byId<HTMLButtonElement>("event-delete");
  button.disabled = true;
  button.textContent = "Deleting…";
  try {
    await backend.deleteEvent(kind, key);
    dialog().close();
  } catch (error) {
    show(byId("event-action-result"), errorText(error), true);
  } finally {
    button.disabled = false;
    button.textContent = "Delete";
  }
}
