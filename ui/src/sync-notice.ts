// The header's "Showing N of M meetings" notice: a sync that could not fetch everything
// Zoho holds says so, with a Retry button, until a later sync fetches it all.
import { backend, type SyncProgress } from "./backend";
import { byId } from "./dom";

/** Listens for sync results; `retry` syncs again (the calendar's refresh). */
export async function mountSyncNotice(retry: () => void): Promise<void> {
  byId("sync-retry").addEventListener("click", () => retry());
  await backend.onSyncProgress((progress) => {
    if (!progress.running) render(progress);
  });
}

/** What the notice says for a finished sync; null when nothing is missing. */
export function noticeText(progress: SyncProgress): string | null {
  const shortfall = progress.shortfall;
  if (!shortfall) return null;
  const noun = shortfall.shown === 1 ? "meeting" : "meetings";
  return shortfall.total === null
    ? `Showing ${shortfall.shown} ${noun}; Zoho has more`
    : `Showing ${shortfall.shown} of ${shortfall.total} meetings`;
}

function render(progress: SyncProgress): void {
  const notice = byId("sync-shortfall");
  const text = noticeText(progress);
  notice.hidden = text === null;
  byId("sync-shortfall-text").textContent = text ?? "";
  notice.title = progress.shortfall ? `Not everything could be fetched: ${progress.shortfall.reason}.` : "";
}
