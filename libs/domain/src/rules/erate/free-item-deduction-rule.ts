import { formatUsd } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type FreeItemOffered } from '../../funding-request/events';
import { type Breach } from './breach';
import { type ErateParams } from '../../rule-set/erate-params';
import { ERATE_SOURCES } from '../../rule-set/erate-sources';

/**
 * A free item offered as a sales inducement must be subtracted at fair market value or cost-allocated
 * (Ex. 3). A request that does neither breaks the rule; the funding-request model subtracts the value
 * anyway, since that is all that may be requested.
 */
export const freeItemDeductionRule: Rule<
  { items: readonly (FreeItemOffered & { eventId: string })[] },
  Breach[],
  ErateParams
> = {
  id: 'erate.free-item-deduction',
  citation: `${ERATE_SOURCES.freeServicesAdvisory}, Example 3`,
  apply: ({ items }) =>
    items
      .filter((i) => i.tiedToPurchase && i.treatment === 'not-deducted')
      .map((i) => ({
        severity: 'violation' as const,
        message: `Free ${i.description} (fair market value ${formatUsd(i.fairMarketValue)}) was neither subtracted nor cost-allocated`,
        sourceEventIds: [i.eventId],
      })),
};
