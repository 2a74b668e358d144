// Dragging a month view's event to another day (pointer events: mouse, pen and touch alike,
// and what WebDriver's pointer actions drive). The keyboard's way to move an event is its
// edit form (E).

/** How far the pointer moves (px) before a press becomes a drag rather than a click. */
const DRAG_THRESHOLD_PX = 5;

type Drag = { button: HTMLElement; pointerId: number; x: number; y: number; from: string; dragging: boolean; over: HTMLElement | null };

/** The day cell under a point, if any. */
function dayAt(x: number, y: number): HTMLElement | null {
  return document.elementFromPoint(x, y)?.closest<HTMLElement>(".month-day[data-date]") ?? null;
}

/** Calls `drop(button, date)` when an event button is dragged onto another day's cell. */
export function enableMonthDrag(root: HTMLElement, drop: (button: HTMLElement, date: string) => void): void {
  let drag: Drag | null = null;
  // A drag ends with a click on whatever is under the pointer; that click is not a pick.
  let swallowClick = false;

  const highlight = (cell: HTMLElement | null) => {
    if (!drag || drag.over === cell) return;
    drag.over?.classList.remove("drop-target");
    drag.over = cell;
    cell?.classList.add("drop-target");
  };
  const end = (commit: boolean, x = 0, y = 0) => {
    if (!drag) return;
    const { button, from, dragging } = drag;
    highlight(null);
    button.classList.remove("dragging");
    root.classList.remove("dragging");
    drag = null;
    if (!dragging) return;
    swallowClick = true;
    // The click, if any, follows at once; none follows a drag released outside the window.
    setTimeout(() => (swallowClick = false), 0);
    const date = commit ? dayAt(x, y)?.dataset.date : undefined;
    if (date && date !== from) drop(button, date);
  };

  root.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || drag) return;
    const button = event.target instanceof Element ? event.target.closest<HTMLElement>("button.month-event") : null;
    const from = button?.closest<HTMLElement>(".month-day")?.dataset.date;
    if (!button || !from) return;
    drag = { button, pointerId: event.pointerId, x: event.clientX, y: event.clientY, from, dragging: false, over: null };
  });
  root.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    if (!drag.dragging) {
      if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < DRAG_THRESHOLD_PX) return;
      drag.dragging = true;
      drag.button.classList.add("dragging");
      root.classList.add("dragging");
      // Keeps the moves coming when the pointer leaves the button (and the window).
      root.setPointerCapture(event.pointerId);
    }
    event.preventDefault();
    highlight(dayAt(event.clientX, event.clientY));
  });
  root.addEventListener("pointerup", (event) => {
    if (drag && event.pointerId === drag.pointerId) end(true, event.clientX, event.clientY);
  });
  root.addEventListener("pointercancel", () => end(false));
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drag?.dragging) {
      event.preventDefault();
      end(false);
    }
  });
  root.addEventListener(
    "click",
    (event) => {
      if (!swallowClick) return;
      swallowClick = false;
      event.stopPropagation();
      event.preventDefault();
    },
    true,
  );
}
