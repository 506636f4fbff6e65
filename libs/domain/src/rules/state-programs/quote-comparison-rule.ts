import { type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type OrderLine } from '../../order/events';
import { CITATIONS } from './citations';
import { type LinePriceCheck } from './order-price-rule';

export interface QuoteComparisonFacts {
  ordered: readonly OrderLine[];
  /** The lines of the latest quote received before the order; empty when there was none. */
  quoted: readonly OrderLine[];
  /** The contract's tier price for each ordered item at the cohort quantity (the order price rule's checks). */
  tiers: readonly LinePriceCheck[];
}

/** One ordered line beside its quote and its tier price. */
export interface QuoteComparison {
  itemId: string;
  quantity: number;
  orderedUnitPrice: Cents;
  quotedUnitPrice: Cents | null;
  tierUnitPrice: Cents | null;
  /** What the line costs above its quote (0 when at or below it, or unquoted). */
  aboveQuote: Cents;
  aboveTier: Cents;
}

/** An order should cost what the vendor quoted, and no more than the tier the cohort reached. */
export const quoteComparisonRule: Rule<QuoteComparisonFacts, QuoteComparison[], null> = {
  id: 'coop.quote.price-above-quote',
  citation: CITATIONS.naspoCohort,
  apply: ({ ordered, quoted, tiers }) =>
    ordered.map((line) => {
      const quotedUnitPrice = quoted.find((q) => q.itemId === line.itemId)?.unitPrice ?? null;
      const tierUnitPrice = tiers.find((t) => t.itemId === line.itemId)?.tierUnitPrice ?? null;
      return {
        itemId: line.itemId,
        quantity: line.quantity,
        orderedUnitPrice: line.unitPrice,
        quotedUnitPrice,
        tierUnitPrice,
        aboveQuote: quotedUnitPrice === null ? 0 : Math.max(0, line.unitPrice - quotedUnitPrice) * line.quantity,
        aboveTier: tierUnitPrice === null ? 0 : Math.max(0, line.unitPrice - tierUnitPrice) * line.quantity,
      };
    }),
};
