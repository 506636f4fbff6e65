import { formatUsd } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type FrnLineState } from '../../funding-request/state';
import { type BidReceived } from '../../procurement/events';
import { type Breach } from './breach';
import { type ErateParams } from '../../rule-set/erate-params';
import { ERATE_SOURCES } from '../../rule-set/erate-sources';

/**
 * Ineligible components are identified by product name, model number and location, in the request and in the asset
 * register.
 */
export const ineligibleIdentificationRule: Rule<
  {
    items: readonly {
      label: string;
      eligible: boolean;
      product?: string;
      model?: string;
      location?: string;
      sourceEventIds: string[];
    }[];
  },
  Breach[],
  ErateParams
> = {
  id: 'erate.ineligible-identification',
  citation: `${ERATE_SOURCES.freeServicesAdvisory}, "Basic Principles" (identify ineligible components: product name, model number, location)`,
  apply: ({ items }) =>
    items.flatMap((item) => {
      if (item.eligible) return [];
      const missing = (['product', 'model', 'location'] as const).filter((k) => !item[k]);
      return missing.length === 0
        ? []
        : [
            {
              severity: 'violation' as const,
              message: `Ineligible ${item.label} lacks ${missing.join(', ')}`,
              sourceEventIds: item.sourceEventIds,
            },
          ];
    }),
};

/**
 * Eligible costs may not be inflated to offset discounts elsewhere: an eligible line may not cost more per unit than
 * the provider bid.
 */
export const inflatedEligibleCostRule: Rule<
  { lines: readonly FrnLineState[]; bids: readonly (BidReceived & { eventId: string })[] },
  Breach[],
  ErateParams
> = {
  id: 'erate.inflated-eligible-cost',
  citation: `${ERATE_SOURCES.freeServicesAdvisory}, "Basic Principles" (costs may not be inflated to compensate for discounts on other components)`,
  apply: ({ lines, bids }) =>
    lines.flatMap((line) => {
      if (!line.eligible) return [];
      for (const bid of bids) {
        const bidLine = bid.lines.find(
          (b) =>
            b.product === line.product && (b.model === undefined || line.model === undefined || b.model === line.model),
        );
        if (bidLine && line.usualUnitPrice > bidLine.usualUnitPrice) {
          return [
            {
              severity: 'violation' as const,
              message: `Line ${line.lineId} (${line.product}) requests ${formatUsd(line.usualUnitPrice)} a unit; bid ${bid.bidId} priced it at ${formatUsd(bidLine.usualUnitPrice)}`,
              sourceEventIds: [line.lastSetBy, bid.eventId],
            },
          ];
        }
      }
      return [];
    }),
};
