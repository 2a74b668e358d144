import { mountAlerts, showAlert } from "./alerts";
import { backend, BackendError } from "./backend";
import { mountCalendar, VIEWS } from "./calendar/calendar";
import { fetchFirstRange, settledWithin } from "./calendar/first-range";
import { confirm, mountConfirm } from "./confirm";
import { mountDiagnostics } from "./diagnostics";
import { byId } from "./dom";
import { editEvent, editShown, mountEventDialog, removeEvent, removeShown, showEvent, type EventSummary } from "./event-dialog";
import { mountEventForm, openCreateForm, openEditForm } from "./event-form";
import { mountConnectionStatus } from "./connection-status";
import { mountKeyboard } from "./keyboard";
import { mountSearch, openSearch } from "./search";
import { mountSessionBar, setLoading } from "./session-bar";
import { mountSettings } from "./settings";
import { applyTheme } from "./theme";
import { mountSyncNotice } from "./sync-notice";
import { nextHalfHour, shortLocal } from "./time";
import { markOnce } from "./launch-marks";

markOnce("main");

/** How long the launch waits for the first month's events before showing the calendar. */
const FIRST_RANGE_WAIT_MS = 250;

/** Errors that only mean "not signed in yet": the header already says so. */
const quiet = (error: unknown) =>
  error instanceof BackendError && (error.code === "not_ready" || error.code === "signed_out");

async function start(): Promise<void> {
  mountAlerts();
  mountConfirm();
  backend.theme().then(applyTheme, showAlert);
  // Before the calendar, whose first fetch may sync: its result must not be missed.
  let retrySync = (): void => undefined;
  await mountSyncNotice(() => retrySync());
  markOnce("sync-notice");
  // The first month's events before the calendar is built: it then renders once, with them
  // (a slow first sync instead shows the empty calendar and its progress meanwhile).
  const first = fetchFirstRange(new Date());
  await settledWithin(first, FIRST_RANGE_WAIT_MS);
  markOnce("first-range");

  const view = mountCalendar(byId("calendar"), {
    open: (kind, key, event) =>
      void showEvent({
        kind,
        key,
        topic: event.title,
        startMs: event.start?.valueOf() ?? 0,
        endMs: event.end?.valueOf() ?? event.start?.valueOf() ?? 0,
      }),
    select: (start, end, allDay) => {
      if (allDay) {
        // A day in the month view: that day, at the next half hour's time of day.
        const next = nextHalfHour();
        const at = new Date(start);
        at.setHours(next.getHours(), next.getMinutes(), 0, 0);
        openCreateForm(at, 30);
      } else {
        openCreateForm(start, Math.max(1, Math.round((end.valueOf() - start.valueOf()) / 60_000)));
      }
    },
    move: async (kind, key, event) => {
      const start = event.start;
      const end = event.end;
      if (!start || !end) return false;
      const what = kind === "webinar" ? "webinar" : "meeting";
      const ok = await confirm(`Move the ${what} “${event.title}” to ${shortLocal(start.valueOf())} – ${shortLocal(end.valueOf())}?`, "Move");
      if (!ok) return false;
      await backend.rescheduleEvent(kind, key, start.valueOf(), end.valueOf());
      return true;
    },
    loading: setLoading,
    error: (error) => {
      if (!quiet(error)) showAlert(error);
    },
  }, first);

  mountEventDialog({ edit: openEditForm });
  mountEventForm();
  mountSettings();

  byId("new-event").addEventListener("click", () => openCreateForm());
  byId("refresh").addEventListener("click", () => view.refresh());
  mountSearch((event) => void showEvent(event));

  /** What the calendar knows of one of its event elements (from eventDidMount's data). */
  const summaryOf = (element: HTMLElement): EventSummary | null => {
    const id = `${element.dataset.kind}:${element.dataset.key}`;
    const event = view.calendar.getEventById(id);
    if (!event || !element.dataset.key) return null;
    return {
      kind: element.dataset.kind === "webinar" ? "webinar" : "meeting",
      key: element.dataset.key,
      topic: event.title,
      startMs: event.start?.valueOf() ?? 0,
      endMs: event.end?.valueOf() ?? event.start?.valueOf() ?? 0,
    };
  };
  mountKeyboard({
    newEvent: () => openCreateForm(),
    today: () => view.calendar.today(),
    previous: () => view.calendar.prev(),
    next: () => view.calendar.next(),
    view: (name) => view.calendar.changeView(VIEWS[name]),
    refresh: () => view.refresh(),
    search: () => openSearch(),
    focusedEvent: () => {
      // In the agenda the focus is on the title link inside the event's row.
      const active = document.activeElement;
      return active instanceof HTMLElement ? active.closest<HTMLElement>("#calendar .fc-event[data-key]") : null;
    },
    edit: (focused) => {
      const summary = focused ? summaryOf(focused) : null;
      if (summary) void editEvent(summary);
      else if (!focused) editShown();
    },
    remove: (focused) => {
      const summary = focused ? summaryOf(focused) : null;
      if (summary) void removeEvent(summary);
      else if (!focused) removeShown();
    },
  });
  retrySync = () => view.refresh();
  await backend.onDataChanged(() => view.refetch());

  await mountConnectionStatus();
  await mountSessionBar({
    signedIn: () => view.refetch(),
    signedOut: () => view.refetch(),
  });

  const info = await backend.appInfo();
  byId("app-version").textContent = `v${info.version}`;
  await mountDiagnostics();
  document.body.dataset.ready = "true";
}

start().catch((error: unknown) => {
  showAlert(error);
  document.body.dataset.ready = "true";
});
