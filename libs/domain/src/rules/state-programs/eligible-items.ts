import { type Cents, sum } from '../../shared/money';
import { type OrderLine } from '../../order/events';
import { lineTotal } from '../../order/order-total';
import { type EligibleItems } from '../../program/terms';

/**
 * A line the state shares in: every line when the program names no eligible items, else one named by item id or line
 * kind.
 */
export const isEligible = (line: OrderLine, eligible: EligibleItems | undefined): boolean =>
  eligible === undefined ||
  (eligible.itemIds ?? []).includes(line.itemId) ||
  (eligible.kinds ?? []).includes(line.kind);

export const eligibleTotal = (lines: readonly OrderLine[], eligible: EligibleItems | undefined): Cents =>
  sum(lines.filter((l) => isEligible(l, eligible)).map(lineTotal));
