// Asks the user a yes/no question in #confirm-dialog.
import { byId, openDialog } from "./dom";

let pending: ((answer: boolean) => void) | null = null;

export function mountConfirm(): void {
  const dialog = byId<HTMLDialogElement>("confirm-dialog");
  const answer = (yes: boolean) => {
    const resolve = pending;
    pending = null;
    if (dialog.open) dialog.close();
    resolve?.(yes);
  };
  byId("confirm-yes").addEventListener("click", () => answer(true));
  byId("confirm-no").addEventListener("click", () => answer(false));
  // Escape (or any other close) means no.
  dialog.addEventListener("close", () => answer(false));
}

/** Resolves true when the user confirms; `yes` labels the confirming button. */
export function confirm(message: string, yes = "OK", danger = false): Promise<boolean> {
  const dialog = byId<HTMLDialogElement>("confirm-dialog");
  pending?.(false);
  byId("confirm-message").textContent = message;
  const yesButton = byId<HTMLButtonElement>("confirm-yes");
  yesButton.textContent = yes;
  yesButton.classList.toggle("danger", danger);
  yesButton.classList.toggle("primary", !danger);
  return new Promise((resolve) => {
    pending = resolve;
    openDialog(dialog, byId("confirm-no"));
  });
}
