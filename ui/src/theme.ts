// The colour theme: the desktop's light or dark preference (`prefers-color-scheme`), or the
// Settings override. styles.css holds both palettes; this only picks one, on <html>.
import type { Theme } from "./backend";

const dark = window.matchMedia("(prefers-color-scheme: dark)");
let chosen: Theme = "system";

function resolved(): "light" | "dark" {
  if (chosen === "system") return dark.matches ? "dark" : "light";
  return chosen;
}

function paint(): void {
  document.documentElement.dataset.theme = resolved();
}

/** Applies `theme`; with "system" the page follows the desktop when it changes. */
export function applyTheme(theme: Theme): void {
  chosen = theme;
  paint();
}

// Painted once before anything asks Rust, so the first frame already follows the desktop.
paint();
dark.addEventListener("change", paint);
