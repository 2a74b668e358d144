import { mountAlerts, showAlert } from "./alerts";
import { backend, BackendError, type CalendarEvent } from "./backend";
import type { CalendarView } from "./calendar/calendar";
import { fetchFirstRange, firstMonthGrid, handedFirstRange, settledWithin } from "./calendar/first-range";
import { paintFirstView } from "./calendar/first-view";
import { confirm, mountConfirm } from "./confirm";
import { mountDiagnostics } from "./diagnostics";
import { byId, el } from "./dom";
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

/** How long the launch waits for the first month's events before painting the month. */
const FIRST_RANGE_WAIT_MS = 250;
/**
 * How long FullCalendar waits for them after that (a first sync, the demo starting): the
 * plain first view shows them the moment they come, where FullCalendar's first render would
 * hold them up by hundreds of milliseconds. A slower sync gets FullCalendar (and its
 * navigation) meanwhile, empty with the progress shown, as before.
 */
const FIRST_VIEW_WAIT_MS = 2000;

/** Resolves after the browser has painted what the DOM holds now. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Errors that only mean "not signed in yet": the header already says so. */
const quiet = (error: unknown) =>
  error instanceof BackendError && (error.code === "not_ready" || error.code === "signed_out");

async function start(): Promise<void> {
  const today = new Date();
  // The stored month, if the shell handed it to the page as it loaded (no IPC round-trip).
  const handed = handedFirstRange(today);
  if (handed) markOnce("first-range-handed");
  mountAlerts();
  mountConfirm();
  backend.theme().then(applyTheme, showAlert);
  mountEventDialog({ edit: openEditForm });

  // The month as plain DOM first (quick), then FullCalendar in its place. With the handed
  // events it is built before the page has finished loading, so the first frame has them.
  const container = byId("calendar");
  const firstView = paintFirstView(container, firstMonthGrid(today).fromMs, today, (pick) => void showEvent(pick));
  let firstEvents = false;
  const showFirst = (events: CalendarEvent[] | null) => {
    if (!events || firstView.removed()) return;
    firstView.show(events);
    firstEvents = events.length > 0;
    if (firstEvents) markOnce("first-view-events", { events: events.length });
  };
  showFirst(handed?.events ?? null);

  // Before the calendar's first fetch, which may sync: its result must not be missed.
  let retrySync = (): void => undefined;
  await mountSyncNotice(() => retrySync());
  markOnce("sync-notice");
  const first = handed ?? fetchFirstRange(today);
  await settledWithin(first, FIRST_RANGE_WAIT_MS);
  markOnce("first-range");
  showFirst(first.events);
  first.fetched.then(showFirst, () => undefined);
  // Still waiting (a first sync): the header says so until FullCalendar's own indicator.
  if (!first.events) setLoading(true);
  await settledWithin(first, FIRST_VIEW_WAIT_MS);
  setLoading(false);
  await painted();
  markOnce("first-view-painted");

  // FullCalendar is most of the code: loaded once the first view is on screen, so that its
  // parsing does not hold the first view up. The header's account side meanwhile.
  const calendarModule = import("./calendar/calendar");
  // Changes announced before FullCalendar is up are fetched once it is.
  let mounted: CalendarView | null = null;
  let changedMeanwhile = false;
  const refetch = () => {
    if (mounted) mounted.refetch();
    else changedMeanwhile = true;
  };
  await backend.onDataChanged(refetch);
  await mountConnectionStatus();
  await mountSessionBar({ signedIn: refetch, signedOut: refetch });

  const { mountCalendar, VIEWS } = await calendarModule;
  markOnce("calendar-loaded");
  const host = el("div", undefined, { class: "calendar-host pending" });
  container.append(host);
  const handOver = (complete: boolean) => {
    // FullCalendar is shown once its view is as full as the first view, in one step: no
    // frame is empty or half drawn.
    if (firstView.removed() || (!complete && firstEvents)) return;
    host.classList.remove("pending");
    firstView.remove();
    markOnce("calendar-shown");
  };

  const view = mountCalendar(host, {
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
  }, first, handOver);
  mounted = view;
  if (changedMeanwhile) view.refetch();

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

  const info = await backend.appInfo();
  byId("app-version").textContent = `v${info.version}`;
  await mountDiagnostics();
  document.body.dataset.ready = "true";
}

start().catch((error: unknown) => {
  showAlert(error);
  document.body.dataset.ready = "true";
});
