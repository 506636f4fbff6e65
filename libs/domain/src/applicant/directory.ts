import { type FactsLookup } from '../shared/facts';
import { type ApplicantState } from './state';

/**
 * The applicants an E-Rate rule may need around one request: a district's schools, the district a
 * school or library belongs to, a library system's outlets and an outlet's system, a consortium's members.
 */
export interface ApplicantDirectory {
  get(stream: string): ApplicantState | undefined;
  /** A district's schools: its listed members, then schools that name it as their district; each once. */
  schoolsOf(district: string): string[];
  /**
   * The district a school belongs to: the one it names, else a school district that lists it as a
   * member (how membership was recorded before schools named their district), so both ways of recording
   * it give the same district-wide discount and budget as `schoolsOf`.
   */
  districtOf(school: string): string | undefined;
  /** The library system that lists a library outlet as a member (the profile has no field naming it). */
  librarySystemOf(outlet: string): string | undefined;
}

function schoolsOf(
  district: string,
  state: (s: string) => ApplicantState | undefined,
  naming: readonly string[],
): string[] {
  const listed = state(district)?.memberApplicantIds ?? [];
  const named = naming.filter((s) => state(s)?.kind === 'school' && state(s)?.district === district);
  return [...new Set([...listed, ...named])];
}

function districtOf(
  school: string,
  state: (s: string) => ApplicantState | undefined,
  linked: readonly string[],
): string | undefined {
  const named = state(school)?.district;
  if (named !== undefined) return named;
  return linked.find(
    (d) => state(d)?.kind === 'school-district' && state(d)?.memberApplicantIds.includes(school) === true,
  );
}

function librarySystemOf(
  outlet: string,
  state: (s: string) => ApplicantState | undefined,
  linked: readonly string[],
): string | undefined {
  return linked.find(
    (s) => state(s)?.kind === 'library-system' && state(s)?.memberApplicantIds.includes(outlet) === true,
  );
}

/**
 * A directory over folded facts: schools naming a district, and districts listing a school, are found through their
 * links.
 */
export function applicantDirectory(facts: FactsLookup): ApplicantDirectory {
  const get = (s: string) => facts.state<ApplicantState>(s);
  return {
    get,
    schoolsOf: (district) => schoolsOf(district, get, facts.linkedFrom(district, 'applicant')),
    districtOf: (school) => districtOf(school, get, facts.linkedFrom(school, 'applicant')),
    librarySystemOf: (outlet) => librarySystemOf(outlet, get, facts.linkedFrom(outlet, 'applicant')),
  };
}

/** A directory over given states, for rule-level specs. */
export function applicantDirectoryOf(states: ReadonlyMap<string, ApplicantState | undefined>): ApplicantDirectory {
  const get = (s: string) => states.get(s);
  const streams = [...states.keys()];
  return {
    get,
    schoolsOf: (district) => schoolsOf(district, get, streams),
    districtOf: (school) => districtOf(school, get, streams),
    librarySystemOf: (outlet) => librarySystemOf(outlet, get, streams),
  };
}
