// The tray's quick-create window: topic, start (next half hour), duration, participants.
// One job: create a meeting and get out of the way (Rust closes the window on success).
import { backend, type EventInput } from "../backend";
import { byId, errorText, FieldErrors } from "../dom";
import { applyTheme } from "../theme";

function render(defaults: EventInput): HTMLFormElement {
  const form = document.createElement("form");
  form.id = "quick-form";
  form.noValidate = true;
  const heading = document.createElement("h1");
  heading.textContent = "Schedule a meeting";
  form.append(heading);

  const field = (name: string, label: string, input: HTMLInputElement) => {
    const wrapper = document.createElement("label");
    wrapper.className = "quick-field";
    const caption = document.createElement("span");
    caption.textContent = label;
    input.id = `quick-${name}`;
    input.name = name;
    const error = document.createElement("small");
    error.className = "field-error";
    error.dataset.errorFor = name;
    error.setAttribute("aria-live", "polite");
    wrapper.append(caption, input, error);
    form.append(wrapper);
  };
  const input = (type: string, value: string, attributes: Record<string, string> = {}) => {
    const element = document.createElement("input");
    element.type = type;
    element.value = value;
    for (const [name, attribute] of Object.entries(attributes)) element.setAttribute(name, attribute);
    return element;
  };

  field("topic", "Topic", input("text", defaults.topic, { required: "", maxlength: "200", placeholder: "What is it about?" }));
  field("date", "Date", input("date", defaults.date, { required: "" }));
  field("time", "Start", input("time", defaults.time, { required: "" }));
  field("durationMinutes", "Duration (minutes)", input("number", String(defaults.durationMinutes), { min: "1", max: "1440", step: "5" }));
  field("participants", "Participants (emails, comma-separated)", input("text", "", { placeholder: "ana@example.com, li@example.com" }));

  const zone = document.createElement("p");
  zone.className = "muted";
  zone.id = "quick-timezone";
  zone.textContent = `Time zone: ${defaults.timezone}`;
  const formError = document.createElement("p");
  formError.id = "quick-error";
  formError.className = "error";
  formError.setAttribute("role", "alert");
  const submit = document.createElement("button");
  submit.type = "submit";
  submit.id = "quick-save";
  submit.className = "primary";
  submit.textContent = "Create meeting";
  form.append(zone, formError, submit);
  return form;
}

/** The form's errors; a Rust `start` error belongs to the time field. */
const errorsOf = (form: HTMLFormElement) => new FieldErrors(form, byId("quick-error"), { start: "time" });

async function start(): Promise<void> {
  backend.theme().then(applyTheme, (error: unknown) => console.error("theme", error));
  const defaults = await backend.quickDefaults();
  const form = render(defaults);
  byId("quick-app").append(form);
  const errors = errorsOf(form);
  form.querySelector<HTMLInputElement>("#quick-topic")?.focus();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.clear();
    const value = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value ?? "";
    const input: EventInput = {
      ...defaults,
      topic: value("topic"),
      date: value("date"),
      time: value("time"),
      durationMinutes: Number.parseInt(value("durationMinutes"), 10) || 0,
      participants: value("participants").split(/[,\s]+/).filter((email) => email.length > 0),
    };
    const submit = byId<HTMLButtonElement>("quick-save");
    submit.disabled = true;
    submit.textContent = "Creating…";
    try {
      await backend.quickCreate(input);
    } catch (error) {
      errors.showError(error);
    } finally {
      submit.disabled = false;
      submit.textContent = "Create meeting";
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") window.close();
  });
  document.body.dataset.ready = "true";
}

/** The window could not start (Rust did not answer, say): say so instead of a blank page. */
function showStartError(error: unknown): void {
  const message = document.createElement("p");
  message.id = "quick-start-error";
  message.className = "error";
  message.setAttribute("role", "alert");
  message.textContent = `The quick-create window could not start: ${errorText(error)}`;
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Close";
  close.addEventListener("click", () => window.close());
  byId("quick-app").replaceChildren(message, close);
  close.focus();
  document.body.dataset.ready = "true";
}

start().catch(showStartError);
