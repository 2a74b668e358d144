// The UI's one door to the Rust side. Everything else imports from here, never from
// @tauri-apps/* or the generated bindings directly, so IPC stays typed and in one place.
import { commands, events, type AppError, type AppInfo, type ReceivedLink } from "./bindings";

export type { AppError, AppInfo, ReceivedLink };

/** Thrown for a failed command; `code` is stable and safe to branch on. */
export class BackendError extends Error {
  readonly code: AppError["code"];
  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
  }
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

function unwrap<T>(result: Result<T>): T {
  if (result.status === "error") throw new BackendError(result.error);
  return result.data;
}

export const backend = {
  appInfo: (): Promise<AppInfo> => commands.appInfo(),
  storeProbe: async (value: string): Promise<void> => {
    unwrap(await commands.keyringProbeStore(value));
  },
  readProbe: async (): Promise<string | null> => unwrap(await commands.keyringProbeRead()),
  deleteProbe: async (): Promise<void> => {
    unwrap(await commands.keyringProbeDelete());
  },
  receivedDeepLinks: (): Promise<ReceivedLink[]> => commands.receivedDeepLinks(),
  onDeepLink: (handler: (link: ReceivedLink) => void) =>
    events.receivedLink.listen((event) => handler(event.payload)),
};
