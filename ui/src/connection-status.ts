// The header's "Offline — last synced 14:05": shown while Zoho cannot be reached. The data
// stays browsable meanwhile; the Rust side retries and clears it by itself.
import { backend, type ConnectionStatus } from "./backend";
import { byId } from "./dom";

/** How often the relative time ("5 min ago") is brought up to date while offline. */
const TICK_MS = 30_000;

let current: ConnectionStatus = { offline: false, lastSyncedMs: null };
let timer: number | undefined;

export async function mountConnectionStatus(): Promise<void> {
  await backend.onConnectionStatus((status) => {
    current = status;
    render();
  });
  current = await backend.connectionStatus();
  render();
}

function render(): void {
  const banner = byId("offline-banner");
  banner.hidden = !current.offline;
  banner.dataset.offline = String(current.offline);
  banner.textContent = current.offline ? `Offline — last synced ${lastSynced(current.lastSyncedMs)}` : "";
  // Tick only while the banner shows, so an online app stays idle.
  if (current.offline && timer === undefined) timer = window.setInterval(render, TICK_MS);
  if (!current.offline && timer !== undefined) {
    window.clearInterval(timer);
    timer = undefined;
  }
}

/** "just now", "5 min ago" within the hour, else the time (and the day when not today). */
export function lastSynced(ms: number | null, now: number = Date.now()): string {
  if (ms === null) return "never";
  const minutes = Math.floor((now - ms) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const at = new Date(ms);
  const time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
  if (at.toDateString() === new Date(now).toDateString()) return time;
  return `${at.toLocaleDateString([], { month: "short", day: "numeric" })} ${time}`;
}
