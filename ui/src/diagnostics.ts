// The diagnostics panel: app info, a keyring probe and the deep links received.
import { backend, BackendError, type ReceivedLink } from "./backend";
import { byId, errorText, show } from "./dom";

export async function mountDiagnostics(): Promise<void> {
  const aboutOutput = byId("about-result");
  byId("about-button").addEventListener("click", async () => {
    const info = await backend.appInfo();
    show(aboutOutput, `${info.name} ${info.version} · scheme ${info.deepLinkScheme} · keyring service ${info.keyringService}`);
  });

  mountCopyDiagnostics();

  // The keyring probe exists in development builds only.
  const info = await backend.appInfo();
  byId("keyring-form").hidden = !info.debugBuild;
  byId("keyring-result").hidden = !info.debugBuild;
  if (info.debugBuild) mountKeyringProbe();

  const list = byId<HTMLUListElement>("deep-links");
  const addLink = (link: ReceivedLink) => {
    const item = document.createElement("li");
    item.textContent = `${link.url} (${link.kind === "oauth_callback" ? "sign-in callback" : "not handled"})`;
    item.dataset.kind = link.kind;
    list.append(item);
  };
  // Listen first, then read what arrived before the page loaded (a cold start), so no
  // link is missed; a link can then show twice at most, which the list tolerates.
  await backend.onDeepLink(addLink);
  for (const link of await backend.receivedDeepLinks()) addLink(link);
}

/** Copies version, mode, data centre, log folder and recent problems (never secrets). */
function mountCopyDiagnostics(): void {
  const button = byId<HTMLButtonElement>("copy-diagnostics");
  const output = byId("copy-diagnostics-result");
  button.addEventListener("click", async () => {
    button.disabled = true;
    show(output, "Copying…");
    try {
      await backend.copyDiagnostics();
      show(output, "Diagnostics copied: paste them into your report.");
    } catch (error) {
      show(output, `Could not copy the diagnostics: ${errorText(error)}`, true);
    } finally {
      button.disabled = false;
    }
  });
}

function mountKeyringProbe(): void {
  const form = byId<HTMLFormElement>("keyring-form");
  const input = byId<HTMLInputElement>("keyring-value");
  const output = byId("keyring-result");
  const run = async (action: () => Promise<string>) => {
    show(output, "Working…");
    try {
      show(output, await action());
    } catch (error) {
      const prefix = error instanceof BackendError ? `${error.code}: ` : "";
      show(output, prefix + errorText(error), true);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run(async () => {
      await backend.storeProbe(input.value);
      return "Stored in the keyring.";
    });
  });
  byId("keyring-read").addEventListener("click", () =>
    run(async () => {
      const value = await backend.readProbe();
      return value === null ? "Nothing stored." : `Read: ${value}`;
    }),
  );
  byId("keyring-delete").addEventListener("click", () =>
    run(async () => {
      await backend.deleteProbe();
      return "Deleted from the keyring.";
    }),
  );
}
