import { assertNever } from '../../shared/errors';
import { type Cents, mulDiv } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type ErateCategory } from '../../funding-request/events';
import { type Breach } from './breach';
import { ERATE_SOURCES } from '../../rule-set/erate-sources';
import { type ErateParams } from '../../rule-set/erate-params';

export interface StateMatchFacts {
  category: ErateCategory;
  /** The request's discount before any match, integer percent. */
  discountPercent: number;
  /** State (or Tribal) funding committed for the request's special construction, percent of its cost; 0 when none. */
  statePercent: number;
  eligibleCost: Cents;
  /** Eligible cost of the lines that are special construction. */
  specialConstructionCost: Cents;
}

/**
 * Why the match adds what it adds: `none` (no state funding), `applied`, or the reason it adds nothing:
 * a Category 2 request, or no line of special construction.
 */
export type StateMatchStatus = 'none' | 'applied' | 'category-2' | 'no-special-construction';

/** E-Rate share, state funding and the applicant's share: together, exactly the eligible pre-discount cost. */
export interface CostShares {
  status: StateMatchStatus;
  /** The state's percentage as committed. */
  statePercent: number;
  /** The state's percentage counted: what fits under the cap after the discount. */
  statePercentCounted: number;
  /** Extra discount points on special construction charges. */
  extraPoints: number;
  eligibleCost: Cents;
  specialConstructionCost: Cents;
  erateShare: Cents;
  stateFunding: Cents;
  applicantShare: Cents;
  /** What a finding about the match should say, or null when there is nothing to say. */
  note: Omit<Breach, 'sourceEventIds'> | null;
}

function statusOf(f: StateMatchFacts): StateMatchStatus {
  if (f.statePercent === 0) return 'none';
  if (f.category === 2) return 'category-2';
  return f.specialConstructionCost === 0 ? 'no-special-construction' : 'applied';
}

function noteOf(
  status: StateMatchStatus,
  f: StateMatchFacts,
  counted: number,
  extra: number,
  p: ErateParams,
): CostShares['note'] {
  switch (status) {
    case 'none':
      return null;
    case 'category-2':
      return {
        severity: 'warning',
        message: `The ${f.statePercent}% state match adds nothing: the additional discount applies only to Category 1 special construction, and this is a Category 2 request`,
      };
    case 'no-special-construction':
      return {
        severity: 'warning',
        message: `The ${f.statePercent}% state match adds nothing: the additional discount applies only to special construction charges, and no line of this request is special construction`,
      };
    case 'applied': {
      const full = Math.min(f.statePercent, p.stateMatch.maxExtraPoints);
      if (counted === f.statePercent && extra === full) return null;
      return {
        severity: 'info',
        message: `${f.discountPercent}% discount + ${f.statePercent}% state funding: the match is ${extra} points and the state's counted share ${counted}%, so discount, state funding and match stay within ${p.stateMatch.maxTotalPercent}%`,
      };
    }
    default:
      return assertNever(status);
  }
}

/**
 * The additional discount matching state funding for Category 1 special construction: one point per
 * point of state funding, at most `maxExtraPoints`, with discount + state funding + match never past
 * `maxTotalPercent`. The state's funding comes off the applicant's share. Each share is rounded once
 * (half up to the cent) from the exact total, so the three always add up to the eligible cost.
 */
export const stateMatchRule: Rule<StateMatchFacts, CostShares, ErateParams> = {
  id: 'erate.state-match',
  citation: `${ERATE_SOURCES.stateMatchPage}; ${ERATE_SOURCES.secondModernizationOrder} ¶ 62`,
  apply: (f, p) => {
    const status = statusOf(f);
    const room = Math.max(0, p.stateMatch.maxTotalPercent - f.discountPercent);
    const counted = status === 'applied' ? Math.min(f.statePercent, room) : 0;
    const extra =
      status === 'applied' ? Math.max(0, Math.min(counted, p.stateMatch.maxExtraPoints, room - counted)) : 0;
    const sc = status === 'applied' ? f.specialConstructionCost : 0;
    const erateShare = mulDiv(f.eligibleCost * f.discountPercent + sc * extra, 1, 100);
    const publicShare = mulDiv(f.eligibleCost * f.discountPercent + sc * (extra + counted), 1, 100);
    return {
      status,
      statePercent: f.statePercent,
      statePercentCounted: counted,
      extraPoints: extra,
      eligibleCost: f.eligibleCost,
      specialConstructionCost: f.specialConstructionCost,
      erateShare,
      stateFunding: publicShare - erateShare,
      applicantShare: f.eligibleCost - publicShare,
      note: noteOf(status, f, counted, extra, p),
    };
  },
};
