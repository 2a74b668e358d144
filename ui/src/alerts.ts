// The app-wide alert area (#app-error): every error that is not shown next to a field.
import { BackendError } from "./backend";
import { byId, el, errorText } from "./dom";

const MAX_MESSAGES = 4;

const area = () => byId("app-error");
const list = () => byId<HTMLUListElement>("app-error-list");

export function mountAlerts(): void {
  byId("app-error-dismiss").addEventListener("click", clearAlerts);
}

/** Shows an error message (once, however often it is reported). */
export function showAlert(error: unknown): void {
  const message = errorText(error);
  const items = list();
  for (const item of items.children) {
    if (item.textContent === message) return;
  }
  const item = el("li", message);
  if (error instanceof BackendError) item.dataset.code = error.code;
  items.append(item);
  while (items.children.length > MAX_MESSAGES) items.firstElementChild?.remove();
  area().hidden = false;
}

export function clearAlerts(): void {
  list().replaceChildren();
  area().hidden = true;
}
