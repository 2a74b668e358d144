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
