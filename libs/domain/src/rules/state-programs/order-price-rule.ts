import { type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type CatalogItem } from '../../contract/events';
import { type OrderLine } from '../../order/events';
import { CITATIONS } from './citations';
import { volumeTierRule } from './volume-tier-rule';

export interface OrderPriceFacts {
  lines: readonly OrderLine[];
  catalog: readonly CatalogItem[];
  /** Units of each item the cohort had ordered through this order, this order's own units included. */
  cohortQuantityThrough: ReadonlyMap<string, number>;
}

export interface LinePriceCheck {
  itemId: string;
  unitPrice: Cents;
  tierUnitPrice: Cents;
  overcharge: Cents;
}

/** A participating order pays the tier price its cohort has reached; a higher unit price is an overcharge. */
export const orderPriceRule: Rule<OrderPriceFacts, LinePriceCheck[], null> = {
  id: 'coop.volume-tier.price-above-tier',
  citation: CITATIONS.naspoCohort,
  apply: ({ lines, catalog, cohortQuantityThrough }) =>
    lines.flatMap((line) => {
      const item = catalog.find((c) => c.itemId === line.itemId);
      if (!item) return [];
      const tier = volumeTierRule.apply(
        { cohortQuantity: cohortQuantityThrough.get(line.itemId) ?? line.quantity },
        item.priceTiers,
      ).reached;
      return [
        {
          itemId: line.itemId,
          unitPrice: line.unitPrice,
          tierUnitPrice: tier.unitPrice,
          overcharge: Math.max(0, line.unitPrice - tier.unitPrice) * line.quantity,
        },
      ];
    }),
};
