import { assertNever } from '../../shared/errors';
import { allocate, applyRate, type Cents, mulDiv, sum } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type FrnLine } from '../../funding-request/events';
import { type FrnOffer } from '../../funding-request/state';
import { type ErateParams } from '../../rule-set/erate-params';
import { ERATE_SOURCES } from '../../rule-set/erate-sources';

export type DeductionKind =
  'price-reduction' | 'bundle-discount' | 'free-item' | 'prompt-payment-discount' | 'donation';

export interface Deduction {
  kind: DeductionKind;
  description: string;
  amount: Cents;
  /** The amount taken off each line, in line order; sums to `amount` exactly. */
  perLine: Cents[];
  /** How the amount was found, e.g. `$500.00 usual, $320.00 quoted`. */
  basis: string;
  sourceEventId: string;
}

export interface PreDiscountFacts {
  lines: readonly FrnLine[];
  /** One price quoted for all lines together; line prices then only weight its allocation. */
  singleBundlePrice?: Cents;
  /** Offers in recorded order, withdrawn ones left out. */
  offers: readonly FrnOffer[];
}

export interface PreDiscountCost {
  /** Usual cost of each line (quantity × usual unit price, or its share of a single bundle price). */
  usualPerLine: Cents[];
  usualCost: Cents;
  deductions: Deduction[];
  /** What will actually be charged and paid for each line after every deduction. */
  netPerLine: Cents[];
  netCost: Cents;
}

const lineUsual = (l: FrnLine): Cents => l.quantity * l.usualUnitPrice;

/** Weights for an allocation; lines with no cost share equally when every line is free of cost. */
const weightsOf = (amounts: readonly Cents[]): number[] =>
  amounts.every((a) => a === 0) ? amounts.map(() => 1) : [...amounts];

/**
 * Pre-discount cost is what will actually be charged and paid (Free Services Advisory, "Basic
 * Principles", Ex. 1 and Ex. 5). Every reduction, promotion, bundle discount, free item tied to the
 * purchase and donation tied to the bid comes off, in recorded order. A discount on several lines is
 * allocated across them in proportion to their cost (Ex. 2), so ineligible parts never ride on
 * program support; the value of free items and tied donations comes off the eligible lines (Ex. 3),
 * unless the request cost-allocates the free item, which spreads the paid total over lines and item.
 */
export const preDiscountCostRule: Rule<PreDiscountFacts, PreDiscountCost, ErateParams> = {
  id: 'erate.pre-discount-cost',
  citation: `${ERATE_SOURCES.freeServicesAdvisory}, "Basic Principles"; Examples 1, 2, 3 and 5`,
  apply: (facts) => {
    const usualLines = facts.lines.map(lineUsual);
    const usualPerLine =
      facts.singleBundlePrice === undefined ? usualLines : allocate(facts.singleBundlePrice, weightsOf(usualLines));
    const net = [...usualPerLine];
    const deductions: Deduction[] = [];
    const indexesOf = (lineIds: readonly string[] | undefined): number[] =>
      facts.lines.flatMap((l, i) => (lineIds === undefined || lineIds.includes(l.lineId) ? [i] : []));
    const eligibleIndexes = (): number[] => {
      const eligible = facts.lines.flatMap((l, i) => (l.eligible ? [i] : []));
      return eligible.length > 0 ? eligible : facts.lines.map((_, i) => i);
    };
    const take = (
      kind: DeductionKind,
      description: string,
      basis: string,
      sourceEventId: string,
      indexes: number[],
      wanted: Cents,
    ) => {
      const available = sum(indexes.map((i) => net[i]!));
      const amount = Math.min(Math.max(0, wanted), available);
      // Allocating against what each line still costs keeps every line at or above zero.
      const parts = allocate(amount, weightsOf(indexes.map((i) => net[i]!)));
      const perLine = net.map(() => 0);
      indexes.forEach((lineIndex, k) => {
        perLine[lineIndex] = parts[k]!;
        net[lineIndex]! -= parts[k]!;
      });
      if (amount > 0) deductions.push({ kind, description, amount, perLine, basis, sourceEventId });
    };

    for (const offer of facts.offers) {
      switch (offer.type) {
        case 'PriceReductionOffered': {
          const idx = indexesOf(offer.data.lineIds);
          const base = sum(idx.map((i) => net[i]!));
          const wanted = offer.data.amount ?? applyRate(base, offer.data.rateBasisPoints ?? 0);
          const basis =
            offer.data.amount !== undefined
              ? `${offer.data.amount} cents off`
              : `${offer.data.rateBasisPoints ?? 0} bp of ${base} cents`;
          take('price-reduction', offer.data.description, basis, offer.eventId, idx, wanted);
          break;
        }
        case 'BundleDiscountOffered': {
          const idx = indexesOf(offer.data.lineIds);
          const inRequest = sum(idx.map((i) => net[i]!));
          const outside = offer.data.partsOutsideRequestUsualCost ?? 0;
          const bundle = inRequest + outside;
          // The request's lines carry only their proportional part of the bundle discount (Ex. 2).
          const discount = Math.max(0, bundle - offer.data.quotedTotal);
          const share = bundle === 0 ? 0 : mulDiv(discount, inRequest, bundle);
          const basis = `${bundle} cents usual (${outside} outside the request), ${offer.data.quotedTotal} cents quoted together`;
          take('bundle-discount', offer.data.description, basis, offer.eventId, idx, share);
          break;
        }
        case 'PromptPaymentDiscountOffered': {
          const idx = indexesOf(undefined);
          const base = sum(idx.map((i) => net[i]!));
          take(
            'prompt-payment-discount',
            `Prompt payment within ${offer.data.withinDays} days`,
            `${offer.data.rateBasisPoints} bp of ${base} cents`,
            offer.eventId,
            idx,
            applyRate(base, offer.data.rateBasisPoints),
          );
          break;
        }
        case 'FreeItemOffered': {
          if (!offer.data.tiedToPurchase) break;
          const fmv = offer.data.fairMarketValue;
          if (offer.data.treatment === 'cost-allocate') {
            const idx = indexesOf(undefined);
            const paid = sum(idx.map((i) => net[i]!));
            // The price paid buys the lines and the free item together; the item's proportional share leaves the
            // request.
            const itemShare = paid + fmv === 0 ? 0 : mulDiv(paid, fmv, paid + fmv);
            take(
              'free-item',
              offer.data.description,
              `${paid} cents paid buys lines and items worth ${fmv} cents; item share allocated out`,
              offer.eventId,
              idx,
              itemShare,
            );
          } else {
            take(
              'free-item',
              offer.data.description,
              `fair market value ${fmv} cents subtracted`,
              offer.eventId,
              eligibleIndexes(),
              fmv,
            );
          }
          break;
        }
        case 'DonationRecorded':
          if (offer.data.tiedToBid)
            take(
              'donation',
              `${offer.data.description} from ${offer.data.donor}`,
              `donation tied to the bid, value ${offer.data.value} cents`,
              offer.eventId,
              eligibleIndexes(),
              offer.data.value,
            );
          break;
        case 'GrantReceived':
        case 'CostAllocationDeclared':
        case 'StateMatchCommitted':
          break;
        default:
          assertNever(offer);
      }
    }
    return { usualPerLine, usualCost: sum(usualPerLine), deductions, netPerLine: net, netCost: sum(net) };
  },
};
