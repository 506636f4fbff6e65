import { isCalendarDate } from './dates';
import { type FieldError } from './errors';

/**
 * Small, composable field checks for event data. Each returns the errors for one field so a
 * validator can report every bad field at once, each named by its path.
 */
export type Check = (value: unknown, field: string) => FieldError[];

const err = (field: string, message: string): FieldError[] => [{ field, message }];

export const cents: Check = (v, f) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
    ? []
    : err(f, 'must be a non-negative integer amount in cents');
export const count: Check = (v, f) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? [] : err(f, 'must be a non-negative integer');
export const positiveCount: Check = (v, f) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? [] : err(f, 'must be a positive integer');
export const percentInt: Check = (v, f) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100
    ? []
    : err(f, 'must be an integer percent from 0 to 100');
export const basisPoints: Check = (v, f) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000
    ? []
    : err(f, 'must be integer basis points from 0 to 10000');
export const calendarDate: Check = (v, f) => (isCalendarDate(v) ? [] : err(f, 'must be a calendar date YYYY-MM-DD'));
export const text: Check = (v, f) =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= 500
    ? []
    : err(f, 'must be a non-empty string of at most 500 characters');
export const bool: Check = (v, f) => (typeof v === 'boolean' ? [] : err(f, 'must be true or false'));
export const oneOf =
  <T extends string>(values: readonly T[]): Check =>
  (v, f) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? []
      : err(f, `must be one of ${values.join(', ')}`);
export const optional =
  (check: Check): Check =>
  (v, f) =>
    v === undefined ? [] : check(v, f);
export const arrayOf =
  (check: Check, { min = 0, max = 10_000 } = {}): Check =>
  (v, f) => {
    if (!Array.isArray(v)) return err(f, 'must be an array');
    if (v.length < min || v.length > max) return err(f, `must have ${min} to ${max} items`);
    return v.flatMap((item, i) => check(item, `${f}[${i}]`));
  };

/** An object with exactly these fields: unknown fields are errors, so typos never pass silently. */
export const object =
  (shape: Record<string, Check>): Check =>
  (v, f) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return err(f || '(data)', 'must be an object');
    const prefix = f ? `${f}.` : '';
    const record = v as Record<string, unknown>;
    const unknown = Object.keys(record)
      .filter((k) => !(k in shape))
      .flatMap((k) => err(`${prefix}${k}`, 'is not a known field'));
    return [...unknown, ...Object.entries(shape).flatMap(([k, check]) => check(record[k], `${prefix}${k}`))];
  };

export const validator = (shape: Record<string, Check>) => (data: unknown) => object(shape)(data, '');
