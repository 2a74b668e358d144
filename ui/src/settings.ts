// The settings dialog: the Zoho client, data centre, sign-in redirect and reminders, plus
// the diagnostics panel. A stored client secret is never shown, only whether there is one.
// Leaving the endpoints one is signed in with is confirmed first, naming the new hosts.
import { backend, BackendError, type RedirectMode, type Settings, type SettingsView, type Theme } from "./backend";
import { byId, closeButtons, errorText, FieldErrors, openDialog, show } from "./dom";
import { applyTheme } from "./theme";

const dialog = () => byId<HTMLDialogElement>("settings-dialog");
const form = () => byId<HTMLFormElement>("settings-form");
const input = (id: string) => byId<HTMLInputElement>(id);
const errors = () => new FieldErrors(form(), byId("settings-error"));

let busy = false;
/** The settings as loaded, so fields this dialog does not show are saved unchanged. */
let loaded: Settings | null = null;
/** Whether the session supports global shortcuts (else their switch stays as it was). */
let shortcutsSupported = false;

export function mountSettings(): void {
  closeButtons(dialog());
  byId("open-settings").addEventListener("click", () => void openSettings());
  form().addEventListener("submit", (event) => {
    event.preventDefault();
    void save();
  });
  byId("settings-use-demo").addEventListener("click", () => void useDemo());
  byId("settings-switch-confirm").addEventListener("click", () => void save(true));
  byId("settings-switch-cancel").addEventListener("click", () => hideSwitch(true));
  startAtLogin().addEventListener("change", () => void switchStartAtLogin());
}

function showSwitch(message: string): void {
  byId("settings-switch-message").textContent = message;
  byId("settings-switch").hidden = false;
  byId<HTMLButtonElement>("settings-switch-confirm").focus();
}

function hideSwitch(refocus = false): void {
  byId("settings-switch").hidden = true;
  if (refocus) byId<HTMLButtonElement>("settings-save").focus();
}

export async function openSettings(): Promise<void> {
  const errs = errors();
  errs.clear();
  hideSwitch();
  input("settings-client-secret").value = "";
  openDialog(dialog(), input("settings-client-id"));
  try {
    fill(await backend.getSettings());
    await showShortcutStatus();
  } catch (error) {
    errs.showError(error);
  }
  await showStartAtLogin();
}

// Start at login is the autostart file itself: the switch shows whether it exists and
// changes it at once, without Save.
const startAtLogin = () => input("settings-start-at-login");
const startAtLoginError = () => byId("start-at-login-error");

async function showStartAtLogin(): Promise<void> {
  show(startAtLoginError(), "");
  try {
    startAtLogin().checked = await backend.getStartAtLogin();
  } catch (error) {
    show(startAtLoginError(), `Cannot read the start-at-login setting: ${errorText(error)}`, true);
  }
}

async function switchStartAtLogin(): Promise<void> {
  const toggle = startAtLogin();
  const wanted = toggle.checked;
  toggle.disabled = true;
  show(startAtLoginError(), "");
  try {
    toggle.checked = await backend.setStartAtLogin(wanted);
  } catch (error) {
    toggle.checked = !wanted;
    show(startAtLoginError(), errorText(error), true);
  } finally {
    toggle.disabled = false;
  }
}

/** Says whether global shortcuts work in this session, and whether they are registered. */
async function showShortcutStatus(): Promise<void> {
  const status = await backend.globalShortcutStatus();
  shortcutsSupported = status.supported;
  const box = input("settings-global-shortcuts");
  box.disabled = !status.supported;
  box.checked = status.enabled;
  const note = byId("settings-shortcut-note");
  note.textContent = !status.supported
    ? `Not available: ${status.note ?? "this session does not support global shortcuts."}`
    : status.problem
      ? `Not registered: ${status.problem}`
      : status.active.length > 0
        ? `Active: ${status.active.join(", ")}.`
        : "Off.";
  note.classList.toggle("error", Boolean(status.problem));
}

function fill(settings: SettingsView): void {
  loaded = settings;
  input("settings-client-secret").placeholder = settings.clientSecretStored ? "Stored (unchanged)" : "Not stored";
  input("settings-client-id").value = settings.clientId ?? "";
  byId<HTMLSelectElement>("settings-data-centre").value = settings.dataCentre;
  byId<HTMLSelectElement>("settings-redirect-mode").value = settings.redirectMode;
  input("settings-reminder-minutes").value = String(settings.reminderMinutes);
  byId<HTMLTextAreaElement>("settings-endpoints").value = settings.endpoints ?? "";
  byId<HTMLSelectElement>("settings-theme").value = settings.theme;
  input("settings-shortcut-quick-create").value = settings.shortcutQuickCreate;
  input("settings-shortcut-join-next").value = settings.shortcutJoinNext;
  const advanced = dialog().querySelector("details");
  if (advanced && settings.endpoints) advanced.open = true;
}

function read(): Settings | null {
  const errs = errors();
  const reminder = Number(input("settings-reminder-minutes").value);
  if (!Number.isInteger(reminder) || reminder < 0 || reminder > 1440) {
    errs.set("reminderMinutes", "Between 0 and 1440 minutes.");
    errs.focusFirstInvalid();
    return null;
  }
  const endpoints = byId<HTMLTextAreaElement>("settings-endpoints").value.trim();
  const clientId = input("settings-client-id").value.trim();
  return {
    ...(loaded ?? {}),
    theme: byId<HTMLSelectElement>("settings-theme").value as Theme,
    globalShortcuts: shortcutsSupported ? input("settings-global-shortcuts").checked : (loaded?.globalShortcuts ?? null),
    shortcutQuickCreate: input("settings-shortcut-quick-create").value.trim(),
    shortcutJoinNext: input("settings-shortcut-join-next").value.trim(),
    clientId: clientId === "" ? null : clientId,
    dataCentre: byId<HTMLSelectElement>("settings-data-centre").value,
    redirectMode: byId<HTMLSelectElement>("settings-redirect-mode").value as RedirectMode,
    reminderMinutes: reminder,
    endpoints: endpoints === "" ? null : endpoints,
  };
}

async function run(
  button: HTMLButtonElement,
  working: string,
  action: () => Promise<void>,
): Promise<void> {
  if (busy) return;
  busy = true;
  const label = button.textContent;
  button.disabled = true;
  button.textContent = working;
  try {
    await action();
    input("settings-client-secret").value = "";
    hideSwitch();
    dialog().close();
  } catch (error) {
    if (error instanceof BackendError && error.code === "switch_not_confirmed") showSwitch(error.message);
    else errors().showError(error);
  } finally {
    busy = false;
    button.disabled = false;
    button.textContent = label;
  }
}

async function save(confirmSwitch = false): Promise<void> {
  errors().clear();
  const settings = read();
  if (!settings) return;
  const secret = input("settings-client-secret").value.trim();
  const button = byId<HTMLButtonElement>(confirmSwitch ? "settings-switch-confirm" : "settings-save");
  await run(button, confirmSwitch ? "Switching…" : "Saving…", async () => {
    await backend.saveSettings(settings, secret === "" ? null : secret, confirmSwitch);
    applyTheme(settings.theme);
  });
}

async function useDemo(): Promise<void> {
  errors().clear();
  hideSwitch();
  await run(byId("settings-use-demo"), "Switching…", () => backend.useDemoMode());
}
