// FullCalendar renders with Preact 10, which copies a component's vnode on every re-render
// with a for-in assignment loop. Each vnode has an own `constructor: undefined` (Preact's
// guard against JSON-injected vnodes), and the app runs with Tauri's `freezePrototype`, so
// assigning `constructor` onto the fresh `{}` hits the frozen Object.prototype's read-only
// `constructor` and throws ("Attempted to assign to readonly property").
//
// Preact's `_diff` hook (mangled `__b`, stable across Preact 10 and used by its own hooks
// and devtools) sees every vnode before it can be copied: keep the guard property (still
// own and undefined, so Preact's check holds) but make it non-enumerable, so the copy
// loop skips it. Import this before rendering the calendar.
import { options } from "@fullcalendar/core/preact.js";

type VNodeHook = (vnode: object) => void;
const hooks = options as typeof options & { __b?: VNodeHook };
const previous = hooks.__b;

hooks.__b = (vnode) => {
  if (Object.prototype.propertyIsEnumerable.call(vnode, "constructor")) {
    Object.defineProperty(vnode, "constructor", {
      value: undefined,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  previous?.(vnode);
};
