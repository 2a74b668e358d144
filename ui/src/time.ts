// Dates and times for people: the local zone, a meeting's own zone, and form values.

/** The zone this computer is set to, e.g. "Europe/Berlin". */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

const localDateTime = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
});

const shortDateTime = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "Sat, Nov 28, 2026, 10:00 – 10:30 AM UTC" in the local zone. */
export function localRange(startMs: number, endMs: number): string {
  return localDateTime.formatRange(new Date(startMs), new Date(endMs));
}

/** "Sat, Nov 28, 10:00 AM", local. */
export function shortLocal(ms: number): string {
  return shortDateTime.format(new Date(ms));
}

export function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  const h = `${hours} h`;
  return rest === 0 ? h : `${h} ${rest} min`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The wall-clock date (YYYY-MM-DD) and time (HH:MM) of `ms` in `zone`. */
export function wallClock(ms: number, zone: string): { date: string; time: string } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(ms));
  } catch {
    return wallClock(ms, "UTC");
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return { date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
}

/** The local date and time of a Date, for the form. */
export function localWallClock(date: Date): { date: string; time: string } {
  return {
    date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    time: `${pad(date.getHours())}:${pad(date.getMinutes())}`,
  };
}

/** The next half hour from now, local. */
export function nextHalfHour(now = new Date()): Date {
  const next = new Date(now);
  next.setSeconds(0, 0);
  next.setMinutes(next.getMinutes() < 30 ? 30 : 60);
  return next;
}
