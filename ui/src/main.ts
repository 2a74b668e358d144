import { backend } from "./backend";
import { mountDiagnostics } from "./diagnostics";
import { byId } from "./dom";

async function start(): Promise<void> {
  const info = await backend.appInfo();
  byId("app-version").textContent = `v${info.version}`;
  await mountDiagnostics();
  document.body.dataset.ready = "true";
}

void start();
