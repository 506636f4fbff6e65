import { type ProgramState } from './state';
import { type ProgramTerms } from './terms';

/** A program needs an interlocal agreement when its terms say so or it set that participation requirement. */
export const requiresInterlocalAgreement = (program: ProgramState, terms: ProgramTerms | null): boolean =>
  terms?.interlocalAgreementRequired === true ||
  program.requirements.some((r) => r.requirement === 'interlocal-agreement');
