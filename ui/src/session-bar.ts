// The header's account side: mode, user, sign in / out, and the sync indicator.
import { clearAlerts, showAlert } from "./alerts";
import { backend, BackendError, type Mode, type SessionStatus, type SyncProgress } from "./backend";
import { mountDeviceSignIn, renderDeviceSignIn } from "./device-sign-in";
import { byId } from "./dom";

const MODE_NAMES: Record<Mode, string> = { demo: "Demo", custom: "Custom endpoints", zoho: "Zoho" };

export type SessionBarHandlers = {
  /** The account became usable (or changed): show its data. */
  signedIn(): void;
  /** The account is gone: clear what it showed. */
  signedOut(): void;
};

let lastState: SessionStatus["state"] | null = null;
let syncing: SyncProgress | null = null;
let loading = false;

export async function mountSessionBar(handlers: SessionBarHandlers): Promise<SessionStatus> {
  byId("sign-in").addEventListener("click", () => void act(backend.signIn));
  byId("cancel-sign-in").addEventListener("click", () => void act(backend.cancelSignIn));
  byId("sign-out").addEventListener("click", () => void act(backend.signOut));
  mountDeviceSignIn();

  const apply = (status: SessionStatus) => {
    const was = lastState;
    render(status);
    if (status.state === "signed_in" && was !== "signed_in") handlers.signedIn();
    if (status.state === "signed_out" && was === "signed_in") handlers.signedOut();
  };
  await backend.onSessionStatus(apply);
  await backend.onSignInFailed((error) => showAlert(error));
  await backend.onSyncProgress((progress) => {
    syncing = progress.running ? progress : null;
    renderProgress();
  });
  const status = await backend.sessionStatus();
  render(status);
  return status;
}

/** The calendar is (or stopped) loading a range. */
export function setLoading(on: boolean): void {
  loading = on;
  renderProgress();
}

function renderProgress(): void {
  const indicator = byId("sync-progress");
  indicator.hidden = !syncing && !loading;
  indicator.dataset.running = String(Boolean(syncing));
  byId("sync-progress-text").textContent = syncing
    ? syncing.loaded > 0
      ? `Syncing… ${syncing.loaded} loaded`
      : "Syncing…"
    : "Loading…";
}

async function act(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    showAlert(error);
  }
}

function render(status: SessionStatus): void {
  lastState = status.state;
  const mode = byId("session-mode");
  mode.hidden = false;
  mode.textContent = MODE_NAMES[status.mode];
  mode.dataset.mode = status.mode;
  byId("demo-note").hidden = status.mode !== "demo";

  const user = status.state === "signed_in" ? status.user : null;
  byId("session-user").hidden = !user && status.state !== "connecting";
  byId("session-user-name").textContent =
    status.state === "connecting" ? "Connecting…" : (user?.displayName ?? "");
  byId("session-user-email").textContent = user?.email ?? "";

  const signIn = byId<HTMLButtonElement>("sign-in");
  signIn.hidden = status.state !== "signed_out" && status.state !== "signing_in";
  signIn.disabled = status.state === "signing_in";
  const withCode = status.device !== null;
  signIn.textContent =
    status.state !== "signing_in" ? "Sign in with Zoho" : withCode ? "Waiting for approval…" : "Waiting for the browser…";
  byId("cancel-sign-in").hidden = status.state !== "signing_in";
  byId("sign-out").hidden = status.state !== "signed_in";
  const hint = byId("calendar-hint");
  hint.hidden = status.state === "signed_in";
  hint.textContent =
    status.state === "connecting"
      ? "Connecting…"
      : status.state === "signing_in"
        ? withCode
          ? "Approve the sign-in code on your other device."
          : "Finish signing in in your browser."
        : status.mode === "custom"
          ? "Signed out for these endpoints. Sign in to see their meetings."
          : "Sign in with Zoho to see your meetings.";
  renderDeviceSignIn(status);

  const problem = status.problem;
  if (problem) showAlert(new BackendError(problem));
  else if (status.state === "signed_in") clearStale();
}

/** Once signed in, messages about not being connected no longer hold. */
function clearStale(): void {
  const list = byId("app-error-list");
  const stale = [...list.children].filter((item) =>
    ["signed_out", "not_ready"].includes((item as HTMLElement).dataset.code ?? ""),
  );
  for (const item of stale) item.remove();
  if (list.children.length === 0) clearAlerts();
}
