import { applyRate, type BasisPoints, type Cents, sum } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type FrnLine } from '../../funding-request/events';
import { type ErateParams } from '../../rule-set/erate-params';
import { ERATE_SOURCES } from '../../rule-set/erate-sources';

export interface EligibleCostFacts {
  lines: readonly FrnLine[];
  netPerLine: readonly Cents[];
  /** Declared eligible share per line id (the latest declaration wins). */
  costAllocations: ReadonlyMap<string, BasisPoints>;
  singleBundlePrice?: Cents;
}

export interface EligibleCost {
  eligiblePerLine: Cents[];
  eligible: Cents;
  ineligible: Cents;
  total: Cents;
  /** Single bundle price with only ancillary ineligible parts: the full bundle may be requested. */
  ancillaryException: boolean;
  /** Single bundle price with an ineligible part that is not ancillary: the costs are not separated. */
  unseparatedBundle: boolean;
  /** Lines that make the bundle unseparated. */
  unseparatedLineIds: string[];
}

const isAncillary = (l: FrnLine): boolean => l.ancillary && !l.specificallyRequested;

/**
 * Splits the net cost into eligible and ineligible parts: ineligible lines come out, mixed lines keep
 * their declared eligible share. A single price for a mixed bundle cannot be separated (Ex. 4), except
 * when every ineligible part is ancillary — standard in the offering and not specifically requested —
 * and then the full cost is eligible.
 */
export const eligibleCostRule: Rule<EligibleCostFacts, EligibleCost, ErateParams> = {
  id: 'erate.eligible-cost',
  citation: `${ERATE_SOURCES.freeServicesAdvisory}, "Basic Principles" (proportionate cost allocation) and Example 4`,
  apply: (facts) => {
    const bundled = facts.singleBundlePrice !== undefined;
    const unseparatedLineIds = bundled
      ? facts.lines.filter((l) => !l.eligible && !isAncillary(l)).map((l) => l.lineId)
      : [];
    const ancillaryException = bundled && unseparatedLineIds.length === 0 && facts.lines.some((l) => !l.eligible);
    const eligiblePerLine = facts.lines.map((l, i) => {
      const net = facts.netPerLine[i] ?? 0;
      if (!l.eligible) return ancillaryException ? net : 0;
      return applyRate(net, facts.costAllocations.get(l.lineId) ?? 10_000);
    });
    const total = sum([...facts.netPerLine]);
    const eligible = sum(eligiblePerLine);
    return {
      eligiblePerLine,
      eligible,
      ineligible: total - eligible,
      total,
      ancillaryException,
      unseparatedBundle: unseparatedLineIds.length > 0,
      unseparatedLineIds,
    };
  },
};
