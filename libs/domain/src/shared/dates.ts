/** Calendar dates are `YYYY-MM-DD` strings, interpreted in UTC so no time zone moves a deadline. */
export type CalendarDate = string;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(v: unknown): v is CalendarDate {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // 29 February plus a year that is not leap falls on 28 February, as a person counting years would.
  const target = new Date(Date.UTC(y + years, m - 1, 1));
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export const laterOf = (a: CalendarDate, b: CalendarDate): CalendarDate => (a >= b ? a : b);

/** Whole days from a to b (positive when b is later). */
export const daysBetween = (a: CalendarDate, b: CalendarDate): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The calendar date of an ISO instant or date, in UTC. */
export const calendarDateOf = (isoInstantOrDate: string): CalendarDate => isoInstantOrDate.slice(0, 10);
