// Small DOM helpers. Text only ever goes in as text: nothing here parses HTML.
import { BackendError } from "./backend";

/** Looks up an element that index.html is known to contain; a missing one is a bug. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element as T;
}

/** Shows a message in an output element, styled as an error when it is one. */
export function show(output: HTMLElement, text: string, isError = false): void {
  output.textContent = text;
  output.classList.toggle("error", isError);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Creates an element with text content and optional attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/**
 * Opens a modal dialog (focus moves into it; Escape closes it) and focuses `focus`. When it
 * closes, the focus goes back to where it was (or to `fallback()` when that is gone).
 */
export function openDialog(dialog: HTMLDialogElement, focus?: HTMLElement, fallback?: () => HTMLElement | null): void {
  if (!dialog.open) {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.addEventListener(
      "close",
      () => {
        // Another dialog may have taken the focus meanwhile (a confirmation opening the form).
        if (document.activeElement && document.activeElement !== document.body && !dialog.contains(document.activeElement)) return;
        // A control inside a dialog closed meanwhile (a search result that opened this) cannot
        // take the focus back.
        const usable = before && before.isConnected && before !== document.body && !before.closest("dialog:not([open])");
        const target = usable ? before : (fallback?.() ?? null);
        if (target) target.focus();
        // Nowhere to go back to: never leave the focus in a closed dialog's field, where
        // keys would still count as typing.
        else if (document.activeElement instanceof HTMLElement && dialog.contains(document.activeElement)) {
          document.activeElement.blur();
        }
      },
      { once: true },
    );
    dialog.showModal();
  }
  focus?.focus();
}

/** Wires the dialog's `[data-close]` buttons. */
export function closeButtons(dialog: HTMLDialogElement): void {
  for (const button of dialog.querySelectorAll<HTMLButtonElement>("[data-close]")) {
    button.addEventListener("click", () => dialog.close());
  }
}

/** Field-level errors of a form: `[data-error-for=<field>]` elements plus a general one. */
export class FieldErrors {
  constructor(
    private readonly root: HTMLElement,
    private readonly general: HTMLElement,
    /** Maps a Rust field name onto the field the form shows it at. */
    private readonly alias: Record<string, string> = {},
  ) {}

  clear(): void {
    for (const slot of this.root.querySelectorAll<HTMLElement>("[data-error-for]")) {
      slot.textContent = "";
      const input = this.inputFor(slot);
      input?.removeAttribute("aria-invalid");
      if (slot.id) input?.removeAttribute("aria-describedby");
    }
    this.general.textContent = "";
  }

  /** Shows `message` at `field`; false when the form has no such field. */
  set(field: string, message: string): boolean {
    const name = this.alias[field] ?? field;
    const slot = this.root.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(name)}"]`);
    if (!slot) return false;
    slot.textContent = message;
    const input = this.inputFor(slot);
    if (message === "") {
      input?.removeAttribute("aria-invalid");
      input?.removeAttribute("aria-describedby");
      return true;
    }
    // The message is the field's description, so a screen reader reads it with the field.
    if (!slot.id) slot.id = `${input?.id || name}-error`;
    input?.setAttribute("aria-invalid", "true");
    input?.setAttribute("aria-describedby", slot.id);
    return true;
  }

  /** Shows a failed command: bad input at its field, anything else in the general slot. */
  showError(error: unknown): void {
    if (error instanceof BackendError && error.code === "invalid_input" && error.field) {
      if (this.set(error.field, error.message)) {
        this.focusFirstInvalid();
        return;
      }
    }
    this.general.textContent = errorText(error);
  }

  focusFirstInvalid(): void {
    this.root.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }

  private inputFor(slot: HTMLElement): HTMLElement | null {
    const field = slot.closest(".field, .quick-field");
    return field?.querySelector<HTMLElement>("input, select, textarea") ?? null;
  }
}
