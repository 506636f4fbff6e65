import { type ApplicantState } from '../applicant/state';
import { type ContractState } from '../contract/state';
import { type OrderState } from '../order/state';
import { type ProgramState } from '../program/state';
import { type CalendarDate, laterOf } from '../shared/dates';
import { type Cents, sum } from '../shared/money';
import { type FactsLookup } from '../shared/facts';
import { type RuleSet } from '../shared/rule';
import { termsInForce } from '../program/terms-in-force';
import { type TermsVersion } from '../program/terms';
import { quoteComparisonRule, type QuoteComparison } from '../rules/state-programs/quote-comparison-rule';
import { decideShare, type ShareDecision } from './share-decision';
import {
  agreementsForProgram,
  orderCountsRule,
  type OrderCountsOutcome,
} from '../rules/state-programs/interlocal-agreement-rule';
import { requiresInterlocalAgreement } from '../program/requirements';
import { orderPriceRule, type LinePriceCheck } from '../rules/state-programs/order-price-rule';
import { cooperativeContractRuleSets, type CooperativeContractParams } from '../contract/rule-sets';
import { stateProgramRuleSets, type StateProgramParams } from '../program/rule-sets';

export interface AssessedOrder {
  stream: string;
  order: OrderState;
  applicant: ApplicantState | undefined;
  contract: ContractState | undefined;
  counts: OrderCountsOutcome;
  /** Whether the order's state share is earned, under which terms, and why. */
  share: ShareDecision;
  prices: LinePriceCheck[];
  quotes: QuoteComparison[];
}

interface PlacedOrder {
  stream: string;
  order: OrderState;
  applicant: ApplicantState | undefined;
  contract: ContractState | undefined;
  counts: OrderCountsOutcome;
  terms: TermsVersion | null;
  prices: LinePriceCheck[];
}

export interface ProgramAssessment {
  programStream: string;
  program: ProgramState;
  ruleSet: RuleSet<StateProgramParams>;
  /**
   * The latest business date the program's facts reach; deadlines are judged against it, so replay is deterministic.
   */
  asOf: CalendarDate;
  orders: AssessedOrder[];
  /** Every applicant that joined, agreed, was allocated funds or ordered, in first-seen order. */
  participants: string[];
  contracts: Map<string, ContractState>;
}

const contractRuleSet = (contract: ContractState | undefined): RuleSet<CooperativeContractParams> | undefined =>
  contract ? cooperativeContractRuleSets[contract.ruleSet] : undefined;

/**
 * Units of each item a contract's cohort had ordered, across every program and state, up to any order:
 * the contract's orders are read once and summed in placement order, so asking for every order of a
 * program costs one pass over the contract, not one pass per order.
 */
export class CohortQuantities {
  private readonly placed: { position: number; totals: ReadonlyMap<string, number> }[] = [];

  constructor(contractStream: string, facts: FactsLookup) {
    const contract = facts.state<ContractState>(contractStream);
    const countsCancelled = contractRuleSet(contract)?.params.cohortCountsCancelledOrders ?? false;
    const counted: OrderState[] = [];
    for (const stream of facts.linkedFrom(contractStream, 'order')) {
      const o = facts.state<OrderState>(stream);
      if (o?.placed && (!o.cancelled || countsCancelled)) counted.push(o);
    }
    counted.sort((a, b) => a.placedPosition - b.placedPosition);
    let totals = new Map<string, number>();
    for (const o of counted) {
      totals = new Map(totals);
      for (const line of o.lines) totals.set(line.itemId, (totals.get(line.itemId) ?? 0) + line.quantity);
      this.placed.push({ position: o.placedPosition, totals });
    }
  }

  /** Through `order` (inclusive, by placement position), or through every counted order when null. */
  through(order: OrderState | null): ReadonlyMap<string, number> {
    const limit = order ? order.placedPosition : Number.POSITIVE_INFINITY;
    let low = 0;
    let high = this.placed.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.placed[mid]!.position <= limit) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? new Map() : this.placed[low - 1]!.totals;
  }
}

export function assessProgram(programStream: string, facts: FactsLookup): ProgramAssessment | undefined {
  const program = facts.state<ProgramState>(programStream);
  if (!program?.established) return undefined;
  const ruleSet = stateProgramRuleSets[program.ruleSet];
  if (!ruleSet) return undefined;
  const contracts = new Map<string, ContractState>();
  let asOf = program.lastFactOn;
  const placed: PlacedOrder[] = [];
  const orders: AssessedOrder[] = [];
  const cohorts = new Map<string, CohortQuantities>();
  const cohortOf = (contractStream: string): CohortQuantities => {
    let cohort = cohorts.get(contractStream);
    if (!cohort) cohorts.set(contractStream, (cohort = new CohortQuantities(contractStream, facts)));
    return cohort;
  };
  for (const stream of facts.linkedFrom(programStream, 'order')) {
    const order = facts.state<OrderState>(stream);
    if (!order?.placed) continue;
    asOf = laterOf(asOf, order.lastFactOn);
    const applicant = facts.state<ApplicantState>(order.applicant);
    const contract = facts.state<ContractState>(order.contract);
    if (contract) contracts.set(order.contract, contract);
    const agreements = agreementsForProgram(programStream, program, applicant?.interlocalAgreements ?? []);
    const terms = termsInForce(program, order.placedOn, order.placedPosition);
    const counts = orderCountsRule.apply(
      { required: requiresInterlocalAgreement(program, terms?.terms ?? null), placedOn: order.placedOn, agreements },
      null,
    );
    const prices = contract
      ? orderPriceRule.apply(
          {
            lines: order.lines,
            catalog: contract.catalog,
            cohortQuantityThrough: cohortOf(order.contract).through(order),
          },
          null,
        )
      : [];
    placed.push({ stream, order, applicant, contract, counts, terms, prices });
  }
  // Per-district caps are used up in placement order, so each order's decision is taken in that order.
  const earnedSoFar = new Map<string, Cents>();
  const decisions = new Map<string, ShareDecision>();
  for (const p of [...placed].sort((x, y) => x.order.placedPosition - y.order.placedPosition)) {
    const before = earnedSoFar.get(p.order.applicant) ?? 0;
    const share = decideShare({
      order: p.order,
      applicant: p.applicant,
      terms: p.terms,
      counts: p.counts.counts,
      earnedBefore: before,
    });
    earnedSoFar.set(p.order.applicant, before + share.earned);
    decisions.set(p.stream, share);
  }
  for (const p of placed) {
    const quotes = quoteComparisonRule.apply(
      { ordered: p.order.lines, quoted: p.order.quotes[p.order.quotes.length - 1]?.lines ?? [], tiers: p.prices },
      null,
    );
    orders.push({
      stream: p.stream,
      order: p.order,
      applicant: p.applicant,
      contract: p.contract,
      counts: p.counts,
      share: decisions.get(p.stream)!,
      prices: p.prices,
      quotes,
    });
  }
  const participants = [
    ...new Set([
      ...facts.linkedFrom(programStream, 'applicant'),
      ...program.allocations.map((a) => a.applicant),
      ...orders.map((o) => o.order.applicant),
    ]),
  ];
  for (const p of participants) {
    for (const a of facts.state<ApplicantState>(p)?.interlocalAgreements ?? [])
      if (a.program === programStream) asOf = laterOf(asOf, a.approvedOn);
  }
  return { programStream, program, ruleSet, asOf, orders, participants, contracts };
}

/**
 * Orders that commit program funds: placed, not cancelled, and counted (an agreement preceded them where one is
 * required).
 */
export const committingOrders = (assessment: ProgramAssessment): AssessedOrder[] =>
  assessment.orders.filter((o) => o.counts.counts && !o.order.cancelled);

/** What the program has committed: only the state shares its orders earned. */
export const committedBy = (orders: readonly AssessedOrder[]): Cents => sum(orders.map((o) => o.share.earned));
