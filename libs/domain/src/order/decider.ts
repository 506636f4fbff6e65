import { type ApplicantState } from '../applicant/state';
import { type ContractState } from '../contract/state';
import { type Decider, type RecordFact, type RelatedStates } from '../shared/decider';
import { DomainError, assertNever } from '../shared/errors';
import { openProgram } from '../program/open-program';
import { requiresInterlocalAgreement } from '../program/requirements';
import { termsInForce } from '../program/terms-in-force';
import { type OrderEvent, type OrderLine, type OrderPlaced } from './events';
import { orderTotal } from './order-total';
import { evolveOrder, initialOrderState, type OrderState } from './state';

function awardedContract(related: RelatedStates, contract: string): ContractState {
  const state = related.get(contract) as ContractState | undefined;
  if (!state?.awarded) throw new DomainError('contract-not-awarded', `${contract} has not been awarded`);
  return state;
}

function refuseLinesOutsideCatalog(lines: readonly OrderLine[], contract: ContractState, contractStream: string): void {
  lines.forEach((line, i) => {
    const item = contract.catalog.find((c) => c.itemId === line.itemId);
    if (!item)
      throw new DomainError(
        'item-not-in-catalog',
        `lines[${i}].itemId ${line.itemId} is not in the catalog of ${contractStream}`,
      );
    if (item.kind !== line.kind)
      throw new DomainError(
        'item-kind-mismatch',
        `lines[${i}].kind is ${line.kind} but ${line.itemId} is a ${item.kind}`,
      );
  });
}

function refuseSharesNotMakingTotal(shares: { stateShare: number; districtShare: number }, total: number): void {
  if (shares.stateShare + shares.districtShare !== total) {
    throw new DomainError(
      'shares-do-not-add-up',
      `stateShare ${shares.stateShare} + districtShare ${shares.districtShare} must equal the order total ${total}`,
    );
  }
}

function refuseImpossiblePlacement(data: OrderPlaced['data'], related: RelatedStates): void {
  const program = openProgram(related, data.program);
  const applicant = related.get(data.applicant) as ApplicantState | undefined;
  if (!applicant?.registered)
    throw new DomainError('applicant-not-registered', `${data.applicant} has not been registered`);
  refuseLinesOutsideCatalog(data.lines, awardedContract(related, data.contract), data.contract);
  refuseSharesNotMakingTotal(data, orderTotal(data.lines));
  const terms = termsInForce(program, data.placedOn, Number.POSITIVE_INFINITY);
  // An applicant that never joined a program with participation requirements cannot order under it;
  // one that joined but has no approved agreement yet can, and the order is recorded but not counted.
  if (
    requiresInterlocalAgreement(program, terms?.terms ?? null) &&
    !applicant.programsJoined.some((p) => p.program === data.program)
  ) {
    throw new DomainError(
      'program-not-joined',
      `${data.applicant} has not joined ${data.program}, which requires an interlocal agreement`,
      'state.ila.order-before-agreement',
    );
  }
}

const placedAndLive = (state: OrderState, stream: string): void => {
  if (!state.placed) throw new DomainError('order-not-placed', `${stream} has not been placed`);
  if (state.cancelled)
    throw new DomainError('order-cancelled', `${stream} was cancelled on ${state.cancelled.cancelledOn}`);
};

/**
 * Refuses facts that cannot have happened to this order: a quote after placement, lines off the
 * contract's catalog, a placement under a program not open or not joined, shares that do not make the
 * total, facts on an order never placed or already cancelled, a payment above its claim, and claims,
 * breaches or remedies recorded twice.
 */
function decideOrder(command: RecordFact<OrderEvent>, state: OrderState, related: RelatedStates): OrderEvent[] {
  const event = command.event;
  const stream = command.stream;
  switch (event.type) {
    case 'QuoteReceived':
      if (state.placed)
        throw new DomainError('order-already-placed', `${stream} was already placed; quotes come before the order`);
      refuseLinesOutsideCatalog(event.data.lines, awardedContract(related, event.data.contract), event.data.contract);
      return [event];
    case 'OrderPlaced':
      if (state.placed) throw new DomainError('order-already-placed', `${stream} was already placed`);
      refuseImpossiblePlacement(event.data, related);
      return [event];
    case 'OrderSharesCorrected':
      placedAndLive(state, stream);
      refuseSharesNotMakingTotal(event.data, state.total);
      return [event];
    case 'OrderDelivered':
      placedAndLive(state, stream);
      if (state.delivered)
        throw new DomainError('order-already-delivered', `${stream} was delivered on ${state.delivered.deliveredOn}`);
      return [event];
    case 'OrderCancelled':
      placedAndLive(state, stream);
      if (state.delivered)
        throw new DomainError(
          'order-already-delivered',
          `${stream} was delivered on ${state.delivered.deliveredOn} and cannot be cancelled`,
        );
      return [event];
    case 'CostShareClaimed':
      placedAndLive(state, stream);
      if (state.claims.some((c) => c.claimId === event.data.claimId))
        throw new DomainError('claim-already-made', `Claim ${event.data.claimId} already exists on ${stream}`);
      return [event];
    case 'ReimbursementPaid': {
      const claim = state.claims.find((c) => c.claimId === event.data.claimId);
      if (!claim) throw new DomainError('claim-not-found', `No claim ${event.data.claimId} on ${stream}`);
      if (claim.paid + event.data.amount > claim.amount) {
        throw new DomainError(
          'reimbursement-above-claim',
          `Paying ${event.data.amount} would bring claim ${claim.claimId} to ${claim.paid + event.data.amount}, above the ${claim.amount} claimed`,
        );
      }
      return [event];
    }
    case 'SlaBreachReported':
      placedAndLive(state, stream);
      if (state.breaches.some((b) => b.breachId === event.data.breachId))
        throw new DomainError('breach-already-reported', `Breach ${event.data.breachId} already reported on ${stream}`);
      return [event];
    case 'SlaRemedyApplied': {
      const breach = state.breaches.find((b) => b.breachId === event.data.breachId);
      if (!breach)
        throw new DomainError('breach-not-reported', `No breach ${event.data.breachId} was reported on ${stream}`);
      if (breach.remedy)
        throw new DomainError(
          'breach-already-remedied',
          `Breach ${breach.breachId} was remedied on ${breach.remedy.appliedOn}`,
        );
      return [event];
    }
    default:
      return assertNever(event);
  }
}

export const orderDecider: Decider<OrderEvent, OrderState> = {
  initialState: initialOrderState,
  related: (command) => {
    const event = command.event;
    if (event.type === 'OrderPlaced') return [event.data.program, event.data.applicant, event.data.contract];
    if (event.type === 'QuoteReceived') return [event.data.contract];
    return [];
  },
  decide: decideOrder,
  evolve: evolveOrder,
};
