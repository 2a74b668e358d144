// The UI's one door to the Rust side. Everything else imports from here, never from
// @tauri-apps/* or the generated bindings directly, so IPC stays typed and in one place.
import {
  commands,
  events,
  type AppError,
  type AppInfo,
  type CalendarEvent,
  type ConnectionStatus,
  type DevicePrompt,
  type EventDetails,
  type EventInput,
  type EventKind,
  type EventLink,
  type GlobalShortcutStatus,
  type Mode,
  type ReceivedLink,
  type RedirectMode,
  type SessionStatus,
  type Settings,
  type SettingsView,
  type SignInState,
  type SyncProgress,
  type Theme,
  type UserSummary,
} from "./bindings";

export type {
  AppError,
  AppInfo,
  CalendarEvent,
  ConnectionStatus,
  DevicePrompt,
  EventDetails,
  EventInput,
  EventKind,
  EventLink,
  GlobalShortcutStatus,
  Mode,
  ReceivedLink,
  RedirectMode,
  SessionStatus,
  Settings,
  SettingsView,
  SignInState,
  SyncProgress,
  Theme,
  UserSummary,
};

/** Thrown for a failed command; `code` is stable and safe to branch on. */
export class BackendError extends Error {
  readonly code: AppError["code"];
  /** For `invalid_input`: the form field at fault (its camelCase name). */
  readonly field: string | null;
  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
    this.field = error.field ?? null;
  }
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

function unwrap<T>(result: Result<T>): T {
  if (result.status === "error") throw new BackendError(result.error);
  return result.data;
}

type Unlisten = () => void;

export const backend = {
  // Diagnostics.
  appInfo: (): Promise<AppInfo> => commands.appInfo(),
  storeProbe: async (value: string): Promise<void> => {
    unwrap(await commands.keyringProbeStore(value));
  },
  readProbe: async (): Promise<string | null> => unwrap(await commands.keyringProbeRead()),
  deleteProbe: async (): Promise<void> => {
    unwrap(await commands.keyringProbeDelete());
  },
  receivedDeepLinks: (): Promise<ReceivedLink[]> => commands.receivedDeepLinks(),

  // Session.
  sessionStatus: (): Promise<SessionStatus> => commands.sessionStatus(),
  signIn: async (): Promise<void> => {
    unwrap(await commands.signIn());
  },
  cancelSignIn: async (): Promise<void> => {
    unwrap(await commands.cancelSignIn());
  },
  signOut: async (): Promise<void> => {
    unwrap(await commands.signOut());
  },
  openVerificationUrl: async (): Promise<void> => {
    unwrap(await commands.openVerificationUrl());
  },
  /** Copies the diagnostics (never a secret) to the clipboard; returns the text copied. */
  copyDiagnostics: async (): Promise<string> => unwrap(await commands.copyDiagnostics()),
  copyVerificationUrl: async (): Promise<void> => {
    unwrap(await commands.copyVerificationUrl());
  },

  // Calendar.
  listEvents: async (fromMs: number, toMs: number, refresh: boolean): Promise<CalendarEvent[]> =>
    unwrap(await commands.listEvents(fromMs, toMs, refresh)),
  getEvent: async (kind: EventKind, key: string): Promise<EventDetails> =>
    unwrap(await commands.getEvent(kind, key)),
  createEvent: async (kind: EventKind, input: EventInput): Promise<CalendarEvent> =>
    unwrap(await commands.createEvent(kind, input)),
  updateEvent: async (kind: EventKind, key: string, input: EventInput): Promise<CalendarEvent> =>
    unwrap(await commands.updateEvent(kind, key, input)),
  rescheduleEvent: async (
    kind: EventKind,
    key: string,
    startMs: number,
    endMs: number,
  ): Promise<CalendarEvent> => unwrap(await commands.rescheduleEvent(kind, key, startMs, endMs)),
  deleteEvent: async (kind: EventKind, key: string): Promise<void> => {
    unwrap(await commands.deleteEvent(kind, key));
  },
  openEventLink: async (kind: EventKind, key: string, link: EventLink): Promise<void> => {
    unwrap(await commands.openEventLink(kind, key, link));
  },
  timeZones: (): Promise<string[]> => commands.timeZones(),
  searchEvents: async (query: string): Promise<CalendarEvent[]> => unwrap(await commands.searchEvents(query)),

  // The tray's quick-create window.
  quickDefaults: async (): Promise<EventInput> => unwrap(await commands.quickDefaults()),
  quickCreate: async (input: EventInput): Promise<CalendarEvent> => unwrap(await commands.quickCreate(input)),

  // Settings.
  getSettings: async (): Promise<SettingsView> => unwrap(await commands.getSettings()),
  /** Without `confirmSwitch`, leaving the endpoints one is signed in with answers `switch_not_confirmed`. */
  saveSettings: async (settings: Settings, clientSecret: string | null, confirmSwitch = false): Promise<void> => {
    unwrap(await commands.saveSettings(settings, clientSecret, confirmSwitch));
  },
  useDemoMode: async (): Promise<void> => {
    unwrap(await commands.useDemoMode());
  },
  theme: (): Promise<Theme> => commands.getTheme(),
  globalShortcutStatus: (): Promise<GlobalShortcutStatus> => commands.globalShortcutStatus(),
  getStartAtLogin: async (): Promise<boolean> => unwrap(await commands.getStartAtLogin()),
  setStartAtLogin: async (enabled: boolean): Promise<boolean> => unwrap(await commands.setStartAtLogin(enabled)),

  // Whether Zoho can be reached.
  connectionStatus: (): Promise<ConnectionStatus> => commands.connectionStatus(),

  /** The main window's first frame is on screen: the tray, the loops and the first sync may start. */
  firstFramePainted: (): Promise<void> => commands.firstFramePainted(),

  // Events from Rust.
  onDeepLink: (handler: (link: ReceivedLink) => void): Promise<Unlisten> =>
    events.receivedLink.listen((event) => handler(event.payload)),
  onSessionStatus: (handler: (status: SessionStatus) => void): Promise<Unlisten> =>
    events.sessionStatus.listen((event) => handler(event.payload)),
  onSignInFailed: (handler: (error: BackendError) => void): Promise<Unlisten> =>
    events.signInFailed.listen((event) => handler(new BackendError(event.payload))),
  onSyncProgress: (handler: (progress: SyncProgress) => void): Promise<Unlisten> =>
    events.syncProgress.listen((event) => handler(event.payload)),
  onDataChanged: (handler: () => void): Promise<Unlisten> =>
    events.dataChanged.listen(() => handler()),
  onConnectionStatus: (handler: (status: ConnectionStatus) => void): Promise<Unlisten> =>
    events.connectionStatus.listen((event) => handler(event.payload)),
};
