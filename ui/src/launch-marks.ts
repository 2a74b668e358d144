// Named points of the launch (performance marks), read by the launch benchmark over
// WebDriver to see where the time to a painted calendar goes. Each is marked once.
const marked = new Set<string>();

export function markOnce(name: string, detail?: unknown): void {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(`zm:${name}`, { detail });
}
