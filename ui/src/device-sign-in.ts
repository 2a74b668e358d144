// The "sign in with a code" panel (Zoho's device flow): the code in large type, the
// verification address with Copy and Open, its QR code (an SVG the app drew, shown as an
// image so nothing in it can run), a countdown to expiry, and Cancel. It follows the
// session status: open while a code is shown, closed on success or failure.
import { backend, type DevicePrompt, type SessionStatus } from "./backend";
import { byId, errorText, show } from "./dom";

const dialog = () => byId<HTMLDialogElement>("device-dialog");

let shown: DevicePrompt | null = null;
let ticker: number | undefined;

export function mountDeviceSignIn(): void {
  byId("device-cancel").addEventListener("click", () => void cancel());
  // Escape cancels the sign-in too, rather than hiding a sign-in that goes on polling.
  dialog().addEventListener("cancel", (event) => {
    event.preventDefault();
    void cancel();
  });
  byId("device-copy").addEventListener("click", () =>
    void act(backend.copyVerificationUrl, "Address copied."),
  );
  byId("device-open").addEventListener("click", () =>
    void act(backend.openVerificationUrl, "Opened in your browser."),
  );
}

/** Shows, updates or closes the panel for `status`. */
export function renderDeviceSignIn(status: SessionStatus): void {
  const prompt = status.state === "signing_in" ? status.device : null;
  if (!prompt) {
    close();
    return;
  }
  if (shown?.userCode === prompt.userCode) return;
  shown = prompt;
  byId("device-code").textContent = prompt.userCode;
  byId("device-url").textContent = prompt.verificationUrl;
  show(byId("device-action-result"), "");
  const qr = byId<HTMLImageElement>("device-qr");
  qr.hidden = !prompt.qrSvg;
  qr.src = prompt.qrSvg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(prompt.qrSvg)}` : "";
  tick();
  window.clearInterval(ticker);
  ticker = window.setInterval(tick, 1000);
  const panel = dialog();
  if (!panel.open) panel.showModal();
  byId("device-copy").focus();
}

function close(): void {
  shown = null;
  window.clearInterval(ticker);
  ticker = undefined;
  if (dialog().open) dialog().close();
}

function tick(): void {
  if (!shown) return;
  const left = Math.max(0, Math.round((shown.expiresAtMs - Date.now()) / 1000));
  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, "0");
  byId("device-countdown").textContent =
    left > 0 ? `The code expires in ${minutes}:${seconds}.` : "The code has expired.";
}

async function act(action: () => Promise<void>, done: string): Promise<void> {
  const result = byId("device-action-result");
  try {
    await action();
    show(result, done);
  } catch (error) {
    show(result, errorText(error), true);
  }
}

async function cancel(): Promise<void> {
  try {
    await backend.cancelSignIn();
  } catch (error) {
    show(byId("device-action-result"), errorText(error), true);
  }
}
