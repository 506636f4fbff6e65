import { type CalendarDate } from '../shared/dates';
import { type ProgramState } from './state';
import { type TermsVersion } from './terms';

/**
 * The terms that govern an order placed on `placedOn` and recorded at `placedPosition`: the latest
 * version in force that day among those recorded before the order, so a later amendment never
 * changes a figure decided under earlier terms. Null before the program's first terms take effect.
 */
export function termsInForce(
  program: ProgramState,
  placedOn: CalendarDate,
  placedPosition: number,
): TermsVersion | null {
  let found: TermsVersion | null = null;
  for (const v of program.termsVersions) if (v.position < placedPosition && v.effectiveFrom <= placedOn) found = v;
  return found;
}

/** The terms a program states now (its newest version), for views of the program itself. */
export const currentTerms = (program: ProgramState): TermsVersion | null =>
  program.termsVersions[program.termsVersions.length - 1] ?? null;
