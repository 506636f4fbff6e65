import { type FactsLookup } from '../shared/facts';
import { type ApplicantState } from './state';

/**
 * The applicants an E-Rate rule may need around one request: a district's schools, the district a
 * school or library belongs to, a library system's outlets, a consortium's members.
 */
export interface ApplicantDirectory {
  get(stream: string): ApplicantState | undefined;
  /** A district's schools: its listed members, then schools that name it as their district; each once. */
  schoolsOf(district: string): string[];
}

function schoolsOf(district: string, state: (s: string) => ApplicantState | undefined, naming: readonly string[]): string[] {
  const listed = state(district)?.memberApplicantIds ?? [];
  const named = naming.filter((s) => state(s)?.kind === 'school' && state(s)?.district === district);
  return [...new Set([...listed, ...named])];
}

/** A directory over folded facts: schools naming a district are found through their link to it. */
export function applicantDirectory(facts: FactsLookup): ApplicantDirectory {
  const get = (s: string) => facts.state<ApplicantState>(s);
  return { get, schoolsOf: (district) => schoolsOf(district, get, facts.linkedFrom(district, 'applicant')) };
}

/** A directory over given states, for rule-level specs. */
export function applicantDirectoryOf(states: ReadonlyMap<string, ApplicantState | undefined>): ApplicantDirectory {
  const get = (s: string) => states.get(s);
  return { get, schoolsOf: (district) => schoolsOf(district, get, [...states.keys()]) };
}
