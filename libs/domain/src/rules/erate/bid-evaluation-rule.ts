import { type Cents, formatUsd, sum } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type BidReceived, type EvaluationFactor } from '../../procurement/events';
import { type Breach } from './breach';
import { type ErateParams } from '../../rule-set/erate-params';
import { ERATE_SOURCES, cfr } from '../../rule-set/erate-sources';

/**
 * The eligible cost a bid offers, ineligible extras not counted: its eligible lines, or its single
 * bundle price when every ineligible part is ancillary; null when a single price hides ineligible parts.
 */
export function bidEligibleCost(bid: Pick<BidReceived, 'lines' | 'bundlePrice'>): Cents | null {
  if (bid.bundlePrice !== undefined) return bid.lines.every((l) => l.eligible || l.ancillary) ? bid.bundlePrice : null;
  return sum(bid.lines.filter((l) => l.eligible).map((l) => l.quantity * l.usualUnitPrice));
}

/** Price must be the factor with the greatest weight: no other single factor may weigh as much. */
export const priceWeightRule: Rule<{ factors: readonly EvaluationFactor[]; eventId: string }, Breach[], ErateParams> = {
  id: 'erate.price-most-heavily-weighted',
  citation: `${cfr('54.503(c)(2)(ii)(B)')}; ${cfr('54.511(a)')}; ${ERATE_SOURCES.freeServicesAdvisory}, "Prohibited Practice Examples" (most cost-effective solution)`,
  apply: ({ factors, eventId }) => {
    const price = factors.filter((f) => f.isPrice);
    const priceWeight = Math.max(0, ...price.map((f) => f.weightPercent));
    if (price.length === 0)
      return [{ severity: 'violation', message: 'The bid evaluation has no price factor', sourceEventIds: [eventId] }];
    const rivals = factors.filter((f) => !f.isPrice && f.weightPercent >= priceWeight);
    return rivals.length === 0
      ? []
      : [
          {
            severity: 'violation',
            message: `Price weighs ${priceWeight}%, but ${rivals.map((r) => `${r.name} weighs ${r.weightPercent}%`).join(', ')}`,
            sourceEventIds: [eventId],
          },
        ];
  },
};

export interface SelectionFacts {
  bids: readonly (BidReceived & { eventId: string })[];
  selection: { bidId: string; reason?: string; eventId: string };
}

/** The most cost-effective bid must win; a winner that is not the cheapest on eligible cost needs a recorded reason. */
export const costEffectiveSelectionRule: Rule<SelectionFacts, Breach[], ErateParams> = {
  id: 'erate.cost-effective-selection',
  citation: `${cfr('54.511(a)')}; ${ERATE_SOURCES.freeServicesAdvisory}, "Prohibited Practice Examples" (select the most cost-effective solution)`,
  apply: ({ bids, selection }) => {
    const priced = bids
      .map((b) => ({ bid: b, cost: bidEligibleCost(b) }))
      .filter((x): x is { bid: (typeof bids)[number]; cost: Cents } => x.cost !== null);
    const winner = priced.find((x) => x.bid.bidId === selection.bidId);
    if (!winner) return [];
    const cheapest = priced.reduce((a, b) => (b.cost < a.cost ? b : a));
    if (winner.cost <= cheapest.cost || selection.reason !== undefined) return [];
    return [
      {
        severity: 'violation',
        message: `Bid ${winner.bid.bidId} (${formatUsd(winner.cost)} eligible) was selected over bid ${cheapest.bid.bidId} (${formatUsd(cheapest.cost)} eligible) with no reason recorded`,
        sourceEventIds: [selection.eventId, winner.bid.eventId, cheapest.bid.eventId],
      },
    ];
  },
};
