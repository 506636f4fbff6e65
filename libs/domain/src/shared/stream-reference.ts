import { type Check } from './validation';

/** A full stream name with the given prefix, e.g. `applicant-lea-12` for prefix `applicant`. */
export const streamReference =
  (prefix: string): Check =>
  (v, f) =>
    typeof v === 'string' &&
    v.startsWith(`${prefix}-`) &&
    v.length > prefix.length + 1 &&
    v.length <= 200 &&
    !/\s/.test(v)
      ? []
      : [{ field: f, message: `must be a ${prefix} stream name like ${prefix}-<id>` }];
