// The settings dialog: the Zoho client, data centre, sign-in redirect and reminders, plus
// the diagnostics panel. A stored client secret is never shown.
import { backend, type RedirectMode, type Settings } from "./backend";
import { byId, closeButtons, errorText, FieldErrors, openDialog, show } from "./dom";

const dialog = () => byId<HTMLDialogElement>("settings-dialog");
const form = () => byId<HTMLFormElement>("settings-form");
const input = (id: string) => byId<HTMLInputElement>(id);
const errors = () => new FieldErrors(form(), byId("settings-error"));

let busy = false;

export function mountSettings(): void {
  closeButtons(dialog());
  byId("open-settings").addEventListener("click", () => void openSettings());
  form().addEventListener("submit", (event) => {
    event.preventDefault();
    void save();
  });
  byId("settings-use-demo").addEventListener("click", () => void useDemo());
  startAtLogin().addEventListener("change", () => void switchStartAtLogin());
}

export async function openSettings(): Promise<void> {
  const errs = errors();
  errs.clear();
  input("settings-client-secret").value = "";
  openDialog(dialog(), input("settings-client-id"));
  try {
    fill(await backend.getSettings());
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

function fill(settings: Settings): void {
  input("settings-client-id").value = settings.clientId ?? "";
  byId<HTMLSelectElement>("settings-data-centre").value = settings.dataCentre;
  byId<HTMLSelectElement>("settings-redirect-mode").value = settings.redirectMode;
  input("settings-reminder-minutes").value = String(settings.reminderMinutes);
  byId<HTMLTextAreaElement>("settings-endpoints").value = settings.endpoints ?? "";
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
    clientId: clientId === "" ? null : clientId,
    dataCentre: byId<HTMLSelectElement>("settings-data-centre").value,
    redirectMode: byId<HTMLSelectElement>("settings-redirect-mode").value as RedirectMode,
    reminderMinutes: reminder,
    endpoints: endpoints === "" ? null : endpoints,
  };
}

async function run(button: HTMLButtonElement, working: string, action: () => Promise<void>): Promise<void> {
  if (busy) return;
  busy = true;
  const label = button.textContent;
  button.disabled = true;
  button.textContent = working;
  try {
    await action();
    input("settings-client-secret").value = "";
    dialog().close();
  } catch (error) {
    errors().showError(error);
  } finally {
    busy = false;
    button.disabled = false;
    button.textContent = label;
  }
}

async function save(): Promise<void> {
  errors().clear();
  const settings = read();
  if (!settings) return;
  const secret = input("settings-client-secret").value.trim();
  await run(byId("settings-save"), "Saving…", () => backend.saveSettings(settings, secret === "" ? null : secret));
}

async function useDemo(): Promise<void> {
  errors().clear();
  await run(byId("settings-use-demo"), "Switching…", () => backend.useDemoMode());
}
