// The settings dialog: the Zoho client, data centre, sign-in redirect and reminders, plus
// the diagnostics panel. A stored client secret is never shown, only whether there is one.
// Leaving the endpoints one is signed in with is confirmed first, naming the new hosts.
import { backend, BackendError, type RedirectMode, type Settings, type SettingsView } from "./backend";
import { byId, closeButtons, FieldErrors, openDialog } from "./dom";

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
  byId("settings-switch-confirm").addEventListener("click", () => void save(true));
  byId("settings-switch-cancel").addEventListener("click", () => hideSwitch(true));
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
  } catch (error) {
    errs.showError(error);
  }
}

function fill(settings: SettingsView): void {
  input("settings-client-secret").placeholder = settings.clientSecretStored ? "Stored (unchanged)" : "Not stored";
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
  await run(button, confirmSwitch ? "Switching…" : "Saving…", () =>
    backend.saveSettings(settings, secret === "" ? null : secret, confirmSwitch),
  );
}

async function useDemo(): Promise<void> {
  errors().clear();
  hideSwitch();
  await run(byId("settings-use-demo"), "Switching…", () => backend.useDemoMode());
}
