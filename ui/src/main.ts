import { mountAlerts, showAlert } from "./alerts";
import { backend, BackendError } from "./backend";
import { mountCalendar, type CalendarView } from "./calendar/calendar";
import { fetchFirstRange, handedFirstRange, type FirstRange } from "./calendar/first-range";
import { confirm, mountConfirm } from "./confirm";
import { mountDiagnostics } from "./diagnostics";
import { byId } from "./dom";
import { editEvent, editShown, mountEventDialog, removeEvent, removeShown, showEvent } from "./event-dialog";
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

/** Errors that only mean "not signed in yet": the header already says so. */
const quiet = (error: unknown) =>
  error instanceof BackendError && (error.code === "not_ready" || error.code === "signed_out");

/** How long after the page is ready FullCalendar's code (the week, day and agenda views) is
 * loaded, unasked: out of the launch's way, yet before the user is likely to switch views. */
const PRELOAD_VIEWS_AFTER_MS = 1500;

let firstFrame: Promise<void> | null = null;

/** Tells the shell, once, when the page's first frame is on screen: the tray, the loops and
 * the sync after opening the store wait for it (desk_start.rs), so nothing competes with
 * drawing the stored month. A frame callback, then a task after it: by then that frame has
 * been painted. Resolves once the shell has started them (or the report failed). */
function reportFirstFrame(): Promise<void> {
  firstFrame ??= new Promise<void>((painted) => requestAnimationFrame(() => setTimeout(painted, 0)))
    .then(() => backend.firstFramePainted())
    .catch((error: unknown) => console.warn("Cannot report the first frame:", error));
  return firstFrame;
}

function mountMainCalendar(first: FirstRange): CalendarView {
  return mountCalendar(byId("calendar"), {
    open: (summary) => void showEvent(summary),
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
    move: async (summary, startMs, endMs) => {
      const what = summary.kind === "webinar" ? "webinar" : "meeting";
      const ok = await confirm(`Move the ${what} “${summary.topic}” to ${shortLocal(startMs)} – ${shortLocal(endMs)}?`, "Move");
      if (!ok) return false;
      await backend.rescheduleEvent(summary.kind, summary.key, startMs, endMs);
      return true;
    },
    loading: setLoading,
    error: (error) => {
      if (!quiet(error)) showAlert(error);
    },
  }, first);
}

async function start(): Promise<void> {
  const today = new Date();
  // The stored month, if the shell handed it to the page as it loaded (no IPC round-trip):
  // the month is then drawn with its events before the page has finished loading, so the
  // first frame has them.
  const handed = handedFirstRange(today);
  if (handed) markOnce("first-range-handed");
  mountAlerts();
  mountConfirm();
  backend.theme().then(applyTheme, showAlert);
  mountEventDialog({ edit: openEditForm });
  let view: CalendarView | null = handed ? mountMainCalendar(handed) : null;
  if (view) void reportFirstFrame();

  // Before a first fetch over IPC, which may sync: its result must not be missed.
  await mountSyncNotice(() => view?.refresh());
  markOnce("sync-notice");
  view ??= mountMainCalendar(fetchFirstRange(today));
  void reportFirstFrame();
  const calendar = view;

  await backend.onDataChanged(() => calendar.refetch());
  await mountConnectionStatus();
  await mountSessionBar({ signedIn: () => calendar.refetch(), signedOut: () => calendar.refetch() });

  mountEventForm();
  mountSettings();

  byId("new-event").addEventListener("click", () => openCreateForm());
  byId("refresh").addEventListener("click", () => calendar.refresh());
  mountSearch((event) => void showEvent(event));

  mountKeyboard({
    newEvent: () => openCreateForm(),
    today: () => calendar.today(),
    previous: () => calendar.previous(),
    next: () => calendar.next(),
    view: (name) => calendar.view(name),
    refresh: () => calendar.refresh(),
    search: () => openSearch(),
    focusedEvent: () => {
      // In the agenda the focus is on the title link inside the event's row.
      const active = document.activeElement;
      return active instanceof HTMLElement ? active.closest<HTMLElement>("#calendar [data-key]") : null;
    },
    edit: (focused) => {
      const summary = focused ? calendar.summaryOf(focused) : null;
      if (summary) void editEvent(summary);
      else if (!focused) editShown();
    },
    remove: (focused) => {
      const summary = focused ? calendar.summaryOf(focused) : null;
      if (summary) void removeEvent(summary);
      else if (!focused) removeShown();
    },
  });

  const info = await backend.appInfo();
  byId("app-version").textContent = `v${info.version}`;
  await mountDiagnostics();
  // Ready once what waited for the first frame (the tray, the shortcuts, the loops) runs.
  await reportFirstFrame();
  document.body.dataset.ready = "true";
  setTimeout(() => void preloadViews(), PRELOAD_VIEWS_AFTER_MS);
}

/** Loads the other views' code ahead of need; a failure shows when a view is opened. */
async function preloadViews(): Promise<void> {
  try {
    await import("./calendar/full-calendar");
  } catch (error) {
    console.warn("The week, day and agenda views' code did not load ahead:", error);
  }
}

start().catch((error: unknown) => {
  showAlert(error);
  void reportFirstFrame();
  document.body.dataset.ready = "true";
});
