// The create / edit form. It checks what it can before sending, shows each error at its
// field, and keeps the user's input on any failure.
import { backend, type EventDetails, type EventInput, type EventKind } from "./backend";
import { byId, closeButtons, el, FieldErrors, openDialog } from "./dom";
import { localWallClock, localZone, nextHalfHour, wallClock } from "./time";

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
const MAX_TOPIC = 200;

type Mode = { kind: "create" } | { kind: "edit"; eventKind: EventKind; key: string };

const dialog = () => byId<HTMLDialogElement>("event-form-dialog");
const form = () => byId<HTMLFormElement>("event-form");
const input = (id: string) => byId<HTMLInputElement>(id);

let mode: Mode = { kind: "create" };
let participants: string[] = [];
let saving = false;
let zones: Set<string> | null = null;
// A Rust `start` error belongs to the time field.
const errors = () => new FieldErrors(form(), byId("form-error"), { start: "time" });

export function mountEventForm(): void {
  closeButtons(dialog());
  byId("form-close").addEventListener("click", () => dialog().close());
  byId("form-cancel").addEventListener("click", () => dialog().close());
  form().addEventListener("submit", (event) => {
    event.preventDefault();
    void save();
  });
  byId("form-add-participant").addEventListener("click", () => addParticipant());
  input("form-participant").addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      addParticipant();
    }
  });
  byId("form-kind").addEventListener("change", () => {
    if (mode.kind === "create") byId("event-form-title").textContent = createTitle();
  });
  // A dialog must not close under a save in flight.
  dialog().addEventListener("cancel", (event) => {
    if (saving) event.preventDefault();
  });
}

/** An empty form; `start` and `minutes` default to the next half hour and 30 minutes. */
export function openCreateForm(start: Date = nextHalfHour(), minutes = 30, kind: EventKind = "meeting"): void {
  mode = { kind: "create" };
  const { date, time } = localWallClock(start);
  fill({ topic: "", agenda: "", date, time, durationMinutes: minutes, timezone: localZone(), participants: [] });
  byId<HTMLSelectElement>("form-kind").value = kind;
  byId("form-kind-field").hidden = false;
  byId("event-form-title").textContent = createTitle();
  open();
}

/** The form filled with an event's details, in the event's own zone. */
export function openEditForm(details: EventDetails): void {
  const event = details.event;
  mode = { kind: "edit", eventKind: event.kind, key: event.key };
  const { date, time } = wallClock(event.startMs, event.timezone);
  fill({
    topic: event.topic,
    agenda: details.agenda ?? "",
    date,
    time,
    durationMinutes: details.durationMinutes,
    timezone: event.timezone,
    participants: details.participants,
  });
  byId<HTMLSelectElement>("form-kind").value = event.kind;
  byId("form-kind-field").hidden = true;
  byId("event-form-title").textContent = event.kind === "webinar" ? "Edit webinar" : "Edit meeting";
  open();
}

function createTitle(): string {
  return byId<HTMLSelectElement>("form-kind").value === "webinar" ? "New webinar" : "New meeting";
}

function open(): void {
  errors().clear();
  setSaving(false);
  void loadZones();
  openDialog(dialog(), input("form-topic"));
}

function fill(values: EventInput): void {
  input("form-topic").value = values.topic;
  byId<HTMLTextAreaElement>("form-agenda").value = values.agenda;
  input("form-date").value = values.date;
  input("form-time").value = values.time;
  input("form-duration").value = String(values.durationMinutes);
  input("form-timezone").value = values.timezone;
  input("form-participant").value = "";
  participants = [...values.participants];
  renderParticipants();
}

async function loadZones(): Promise<void> {
  if (zones) return;
  const names = await backend.timeZones();
  zones = new Set(names);
  byId("form-timezones").replaceChildren(...names.map((name) => el("option", undefined, { value: name })));
}

function addParticipant(): boolean {
  const field = input("form-participant");
  const email = field.value.trim();
  const errs = errors();
  errs.set("participants", "");
  field.removeAttribute("aria-invalid");
  if (email === "") return true;
  if (!EMAIL.test(email)) {
    errs.set("participants", `“${email}” is not an email address.`);
    field.focus();
    return false;
  }
  if (!participants.some((p) => p.toLowerCase() === email.toLowerCase())) participants.push(email);
  field.value = "";
  renderParticipants();
  field.focus();
  return true;
}

function renderParticipants(): void {
  const list = byId<HTMLUListElement>("form-participants");
  list.replaceChildren(
    ...participants.map((email) => {
      const remove = el("button", "✕", {
        type: "button",
        class: "chip-remove",
        "aria-label": `Remove ${email}`,
        title: `Remove ${email}`,
      });
      remove.addEventListener("click", () => {
        participants = participants.filter((p) => p !== email);
        renderParticipants();
        input("form-participant").focus();
      });
      const item = el("li");
      item.append(el("span", email), remove);
      return item;
    }),
  );
}

function read(): EventInput {
  return {
    topic: input("form-topic").value.trim(),
    agenda: byId<HTMLTextAreaElement>("form-agenda").value.trim(),
    date: input("form-date").value,
    time: input("form-time").value,
    durationMinutes: Number(input("form-duration").value),
    timezone: input("form-timezone").value.trim(),
    participants: [...participants],
  };
}

/** The first problems the form can see by itself, by field. */
function check(values: EventInput): [string, string][] {
  const problems: [string, string][] = [];
  if (values.topic === "") problems.push(["topic", "Enter a topic."]);
  else if (values.topic.length > MAX_TOPIC) problems.push(["topic", `At most ${MAX_TOPIC} characters.`]);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) problems.push(["date", "Pick a date."]);
  if (!/^\d{2}:\d{2}$/.test(values.time)) problems.push(["time", "Pick a time."]);
  const minutes = values.durationMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    problems.push(["durationMinutes", "Between 1 and 1440 minutes."]);
  }
  if (values.timezone === "") problems.push(["timezone", "Pick a time zone."]);
  else if (zones && !zones.has(values.timezone)) {
    problems.push(["timezone", `“${values.timezone}” is not a known time zone.`]);
  }
  return problems;
}

function setSaving(on: boolean): void {
  saving = on;
  const button = byId<HTMLButtonElement>("form-save");
  button.disabled = on;
  button.textContent = on ? "Saving…" : "Save";
  byId<HTMLButtonElement>("form-cancel").disabled = on;
  form().setAttribute("aria-busy", String(on));
}

async function save(): Promise<void> {
  if (saving) return;
  const errs = errors();
  errs.clear();
  // Text still in the participant box counts: add it, or stop at its error.
  if (!addParticipant()) return;
  const values = read();
  const problems = check(values);
  if (problems.length > 0) {
    for (const [field, message] of problems) errs.set(field, message);
    errs.focusFirstInvalid();
    return;
  }
  setSaving(true);
  try {
    if (mode.kind === "create") {
      const kind = byId<HTMLSelectElement>("form-kind").value as EventKind;
      await backend.createEvent(kind, values);
    } else {
      await backend.updateEvent(mode.eventKind, mode.key, values);
    }
    setSaving(false);
    dialog().close();
  } catch (error) {
    setSaving(false);
    errs.showError(error);
  }
}
