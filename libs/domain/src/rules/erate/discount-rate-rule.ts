import { type BasisPoints } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type ApplicantState } from '../../applicant/state';
import { type ErateCategory } from '../../funding-request/events';
import { type ErateParams } from './erate-params';

/** How one school, district or library's discount was found. */
export interface EntityDiscount {
  applicant: string;
  kind: ApplicantState['kind'];
  students: number;
  nslpEligibleStudents: number;
  /** NSLP share before the CEP multiplier, basis points rounded down. */
  nslpBasisPoints: BasisPoints;
  cep: boolean;
  /** The share the matrix was read at: NSLP share, ×1.6 and capped at 100% under CEP. */
  matrixBasisPoints: BasisPoints;
  locale: 'urban' | 'rural';
  /** How the locale was decided: the applicant's own, or by its schools (rural when more than half are). */
  localeBasis: 'own' | 'schools';
  band: string;
  ratePercent: number;
}

export interface DiscountRate {
  /** The discount before any state match, integer percent. */
  matrixRatePercent: number;
  stateMatchPoints: number;
  ratePercent: number;
  /** One entry for a single applicant, one per member for a consortium. */
  entities: EntityDiscount[];
  consortiumAveraged: boolean;
  /** Consortium members with no registered applicant stream, left out of the average. */
  missingMembers: string[];
}

export interface DiscountRateFacts {
  category: ErateCategory;
  applicantStream: string;
  applicant: ApplicantState;
  /** States of the applicant's members (a consortium's members, a district's schools), by stream. */
  members: ReadonlyMap<string, ApplicantState | undefined>;
  statePercent: number;
}

function entityDiscount(stream: string, a: ApplicantState, schools: ApplicantState[], category: ErateCategory, p: ErateParams): EntityDiscount {
  const nslpBasisPoints = a.students === 0 ? 0 : Math.floor((a.nslpEligibleStudents * 10_000) / a.students);
  const matrixBasisPoints = a.cep ? Math.min(10_000, Math.floor((nslpBasisPoints * p.cepMultiplierBasisPoints) / 10_000)) : nslpBasisPoints;
  const bySchools = a.kind === 'school-district' && schools.length > 0;
  const locale = bySchools ? (schools.filter((s) => s.locale === 'rural').length * 2 > schools.length ? 'rural' : 'urban') : a.locale;
  const band = [...p.discountMatrix].reverse().find((b) => matrixBasisPoints >= b.fromBasisPoints) ?? p.discountMatrix[0]!;
  const rates = category === 1 ? band.category1 : band.category2;
  return {
    applicant: stream, kind: a.kind, students: a.students, nslpEligibleStudents: a.nslpEligibleStudents, nslpBasisPoints, cep: a.cep, matrixBasisPoints,
    locale, localeBasis: bySchools ? 'schools' : 'own', band: band.label, ratePercent: rates[locale],
  };
}

/** Half-up integer average, in exact integer arithmetic. */
const averageHalfUp = (values: readonly number[]): number => Math.floor((2 * values.reduce((a, b) => a + b, 0) + values.length) / (2 * values.length));

/**
 * The discount matrix read at the applicant's NSLP share (×1.6 under CEP, capped at 100%), urban or
 * rural (a district is rural when more than half its schools are); a consortium gets the simple
 * average of its members' discounts rounded half up; a state match adds up to ten points, one per
 * point of match, never past 100%.
 */
export const discountRateRule: Rule<DiscountRateFacts, DiscountRate, ErateParams> = {
  id: 'erate.discount-rate',
  citation: '47 CFR § 54.505(b)–(c); FCC 14-99 ¶¶ 121, 207, 219 (CEP 1.6, rural district, consortium average); FCC 14-189 ¶ 62 (state match)',
  apply: (facts, p) => {
    const memberStates = [...facts.members.entries()];
    const registered = memberStates.filter((e): e is [string, ApplicantState] => e[1]?.registered === true);
    const missingMembers = memberStates.filter(([, s]) => s?.registered !== true).map(([id]) => id);
    const consortium = facts.applicant.kind === 'consortium';
    const entities = consortium
      ? registered.map(([id, s]) => entityDiscount(id, s, [], facts.category, p))
      : [entityDiscount(facts.applicantStream, facts.applicant, registered.map(([, s]) => s), facts.category, p)];
    const matrixRatePercent = entities.length === 0 ? 0 : consortium ? averageHalfUp(entities.map((e) => e.ratePercent)) : entities[0]!.ratePercent;
    const stateMatchPoints = Math.max(0, Math.min(facts.statePercent, p.stateMatch.maxExtraPoints, p.stateMatch.maxTotalPercent - matrixRatePercent));
    return {
      matrixRatePercent, stateMatchPoints, ratePercent: matrixRatePercent + stateMatchPoints, entities, consortiumAveraged: consortium,
      missingMembers: consortium ? missingMembers : [],
    };
  },
};
