import { type Decider, type RecordFact, type RelatedStates } from '../shared/decider';
import { DomainError, assertNever } from '../shared/errors';
import { assertKnownErateRuleSet, relatedRuleSets } from '../rule-set/known-rule-set';
import { type ProcurementEvent } from './events';
import { evolveProcurement, initialProcurementState, type ProcurementState } from './state';

const refuse = (code: string, message: string): never => {
  throw new DomainError(code, message);
};

/**
 * Refuses bids, evaluations, selections and contracts on a bid request never posted, and references to bids never
 * received.
 */
function decideProcurement(
  command: RecordFact<ProcurementEvent>,
  state: ProcurementState,
  related: RelatedStates,
): ProcurementEvent[] {
  const { event, stream } = command;
  if (event.type === 'BidRequestPosted') {
    if (state.posted)
      refuse('procurement-already-posted', `${stream} was already posted as Form 470 ${state.posted.form470Number}`);
    assertKnownErateRuleSet(command.metadata, related);
    return [event];
  }
  if (!state.posted)
    return refuse(
      'procurement-not-posted',
      `${stream} has no BidRequestPosted; a ${event.type} needs a posted Form 470`,
    );
  const bidIds = new Set(state.bids.map((b) => b.bidId));
  const needBid = (bidId: string) => {
    if (!bidIds.has(bidId)) refuse('procurement-bid-unknown', `${stream} has received no bid ${bidId}`);
  };
  switch (event.type) {
    case 'BidReceived':
      if (bidIds.has(event.data.bidId))
        refuse('procurement-bid-duplicate', `${stream} already has bid ${event.data.bidId}`);
      return [event];
    case 'BidEvaluationRecorded': {
      const factorNames = new Set(event.data.factors.map((f) => f.name));
      for (const s of event.data.scores) {
        needBid(s.bidId);
        if (!factorNames.has(s.factor))
          refuse(
            'procurement-factor-unknown',
            `Score for bid ${s.bidId} names factor ${s.factor}, which the evaluation does not list`,
          );
      }
      return [event];
    }
    case 'VendorSelected':
      needBid(event.data.bidId);
      return [event];
    case 'ContractSigned':
      needBid(event.data.bidId);
      if (state.contract)
        refuse('procurement-contract-duplicate', `${stream} already has contract ${state.contract.contractNumber}`);
      return [event];
    default:
      return assertNever(event);
  }
}

export const procurementDecider: Decider<ProcurementEvent, ProcurementState> = {
  initialState: initialProcurementState,
  related: (command) => (command.event.type === 'BidRequestPosted' ? relatedRuleSets(command.metadata) : []),
  decide: decideProcurement,
  evolve: evolveProcurement,
};
