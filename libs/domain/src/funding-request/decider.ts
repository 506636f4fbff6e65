import { type Decider, type RecordFact, type RelatedStates } from '../shared/decider';
import { DomainError, assertNever } from '../shared/errors';
import { formatUsd } from '../shared/money';
import { assertKnownErateRuleSet, relatedRuleSets } from '../rule-set/known-rule-set';
import { type FrnEvent } from './events';
import { committedAmount, evolveFrn, type FrnState, initialFrnState } from './state';

const refuse = (code: string, message: string): never => {
  throw new DomainError(code, message);
};

/**
 * Refuses only facts that cannot have happened on this FRN: anything before it was drafted, a second
 * draft or submission, a commitment before submission, money on an FRN never committed. Offers that
 * break the Free Services Advisory are recorded; the funding-request model turns them into findings.
 */
function decideFrn(command: RecordFact<FrnEvent>, state: FrnState, related: RelatedStates): FrnEvent[] {
  const { event, stream } = command;
  if (event.type === 'FundingRequestDrafted') {
    if (state.draft) refuse('frn-already-drafted', `${stream} was already drafted`);
    assertKnownErateRuleSet(command.metadata, related);
    return [event];
  }
  if (!state.draft)
    return refuse('frn-not-drafted', `${stream} has no FundingRequestDrafted; record the draft before ${event.type}`);
  const lineIds = new Set(state.lines.map((l) => l.lineId));
  const unknownLines = (ids: readonly string[] | undefined) => (ids ?? []).filter((id) => !lineIds.has(id));
  switch (event.type) {
    case 'FundingRequestLineCorrected': {
      const line = state.lines.find((l) => l.lineId === event.data.line.lineId);
      if (!line) refuse('frn-line-unknown', `${stream} has no line ${event.data.line.lineId}`);
      if (line && line.lastSetBy !== event.data.correctsEventId) {
        refuse(
          'frn-correction-stale',
          `Line ${line.lineId} was last set by event ${line.lastSetBy}, not ${event.data.correctsEventId}`,
        );
      }
      return [event];
    }
    case 'PriceReductionOffered':
    case 'BundleDiscountOffered': {
      const unknown = unknownLines(event.data.lineIds);
      if (unknown.length > 0) refuse('frn-line-unknown', `${stream} has no line ${unknown.join(', ')}`);
      return [event];
    }
    case 'CostAllocationDeclared':
      if (!lineIds.has(event.data.lineId)) refuse('frn-line-unknown', `${stream} has no line ${event.data.lineId}`);
      return [event];
    case 'FreeItemOffered':
    case 'PromptPaymentDiscountOffered':
    case 'DonationRecorded':
    case 'GrantReceived':
    case 'StateMatchCommitted':
      return [event];
    case 'FundingRequestOfferWithdrawn': {
      const offer = state.offers.find((o) => o.eventId === event.data.withdrawnEventId);
      if (!offer)
        refuse(
          'frn-offer-unknown',
          `${stream} has no offer, donation, grant or allocation with event id ${event.data.withdrawnEventId}`,
        );
      if (offer?.withdrawnBy)
        refuse('frn-offer-already-withdrawn', `Event ${offer.eventId} was already withdrawn by ${offer.withdrawnBy}`);
      return [event];
    }
    case 'FundingRequestSubmitted':
      if (state.submission)
        refuse(
          'frn-already-submitted',
          `${stream} was already submitted as Form 471 ${state.submission.form471Number}`,
        );
      return [event];
    case 'FundingCommitted':
      if (!state.submission) return refuse('frn-not-submitted', `${stream} cannot be committed before it is submitted`);
      if (state.status !== 'submitted')
        refuse('frn-not-awaiting-decision', `${stream} is ${state.status}; only a submitted request can be committed`);
      if (event.data.committedOn < state.submission.submittedOn) {
        refuse(
          'frn-commitment-before-submission',
          `Commitment on ${event.data.committedOn} precedes submission on ${state.submission.submittedOn}`,
        );
      }
      return [event];
    case 'FundingReduced': {
      if (!state.commitment) return refuse('frn-not-committed', `${stream} has no commitment to reduce`);
      const left = committedAmount(state);
      if (event.data.amount > left)
        refuse(
          'frn-reduction-exceeds-commitment',
          `Reduction of ${formatUsd(event.data.amount)} exceeds the ${formatUsd(left)} committed`,
        );
      return [event];
    }
    case 'FundingDenied':
      if (!state.submission) refuse('frn-not-submitted', `${stream} cannot be denied before it is submitted`);
      if (state.status !== 'submitted')
        refuse('frn-not-awaiting-decision', `${stream} is ${state.status}; only a submitted request can be denied`);
      return [event];
    case 'Form486Filed':
      if (!state.commitment)
        refuse('frn-not-committed', `${stream} has no funding commitment; Form 486 follows the commitment`);
      return [event];
    case 'Form486Notified':
      if (!state.form486)
        return refuse('frn-form-486-not-filed', `${stream} has no Form 486; its notification follows the filing`);
      if (state.form486Notification)
        refuse(
          'frn-form-486-already-notified',
          `${stream} was already notified on ${state.form486Notification.notifiedOn}`,
        );
      if (event.data.notifiedOn < state.form486.filedOn)
        refuse(
          'frn-form-486-notified-before-filing',
          `Notification on ${event.data.notifiedOn} precedes the Form 486 filed on ${state.form486.filedOn}`,
        );
      return [event];
    case 'InvoiceSubmitted':
      if (!state.commitment) refuse('frn-not-committed', `${stream} has no funding commitment to invoice against`);
      if (state.invoiceSubmissions.some((i) => i.invoiceNumber === event.data.invoiceNumber))
        refuse('frn-invoice-duplicate', `Invoice ${event.data.invoiceNumber} was already submitted on ${stream}`);
      return [event];
    case 'InvoiceDeadlineExtensionRequested':
      if (!state.commitment)
        refuse('frn-not-committed', `${stream} has no funding commitment whose invoice deadline could be extended`);
      return [event];
    case 'ServiceDeliveryDeadlineExtended':
    case 'ServiceDelivered':
      return [event];
    case 'InvoicePaid':
      if (!state.commitment) refuse('frn-not-committed', `${stream} has no funding commitment to invoice against`);
      if (state.invoices.some((i) => i.invoiceNumber === event.data.invoiceNumber))
        refuse('frn-invoice-duplicate', `Invoice ${event.data.invoiceNumber} was already paid on ${stream}`);
      return [event];
    default:
      return assertNever(event);
  }
}

export const frnDecider: Decider<FrnEvent, FrnState> = {
  initialState: initialFrnState,
  related: (command) => (command.event.type === 'FundingRequestDrafted' ? relatedRuleSets(command.metadata) : []),
  decide: decideFrn,
  evolve: evolveFrn,
};
