import { applicantStream } from './applicant/stream';
import { contractStream } from './contract/stream';
import { orderStream } from './order/stream';
import { programStream } from './program/stream';
import { type StreamDefinition } from './shared/decider';
import { type DomainEvent } from './shared/envelope';

/**
 * The write path and projector handle every stream through the erased StreamDefinition; each
 * definition's decider only ever sees its own prefix's events and states, so the erasure is sound.
 */
const erased = <E extends DomainEvent, S>(definition: StreamDefinition<E, S>): StreamDefinition =>
  definition as unknown as StreamDefinition;

/** The state-program half of the domain: applicants, state programs, cooperative contracts and orders. */
export const stateProgramStreams: StreamDefinition[] = [
  erased(applicantStream),
  erased(programStream),
  erased(contractStream),
  erased(orderStream),
];

export { applicantStream, contractStream, orderStream, programStream };
export * from './applicant/state';
export * from './applicant/events';
export * from './program/state';
export * from './program/events';
export * from './program/terms';
export { termsInForce, currentTerms } from './program/terms-in-force';
export { UNCONFIRMED_TX_WORKING_BANDS } from './program/legacy-terms';
export { stateProgramUpcasters, programEstablishedV1ToV2, type DomainUpcaster } from './program/upcasters';
export * from './program/rule-sets';
export * from './contract/state';
export * from './contract/events';
export * from './contract/rule-sets';
export * from './order/state';
export * from './order/events';
export { orderTotal, lineTotal } from './order/order-total';
export { CITATIONS as STATE_PROGRAM_CITATIONS, STATE_PROGRAM_SOURCES } from './rules/state-programs/citations';
export * from './rules/state-programs/fixed-split-cost-share-rule';
export * from './rules/state-programs/flat-match-rule';
export * from './rules/state-programs/earned-share-rule';
export * from './rules/state-programs/eligible-items';
export * from './rules/state-programs/quote-comparison-rule';
export * from './rules/state-programs/economically-disadvantaged-match-rule';
export * from './rules/state-programs/interlocal-agreement-rule';
export * from './rules/state-programs/volume-tier-rule';
export * from './rules/state-programs/order-price-rule';
export * from './rules/state-programs/sla-remedy-rule';
export * from './rules/state-programs/program-funds-rule';
export * from './rules/state-programs/participating-addendum-rule';
export * from './rules/state-programs/claim-rule';
export * from './rules/state-programs/lea-allocation-rule';
export * from './program-dashboard/program-dashboard-read-model';
export {
  programFindings,
  stateProgramFindingsForApplicant,
  PROGRAM_OVER_COMMITTED,
  TERMS_UNCONFIRMED,
} from './program-dashboard/program-findings';
export * from './program-dashboard/order-view-read-model';
export { type ShareDecision, type ShareReason } from './program-dashboard/share-decision';
