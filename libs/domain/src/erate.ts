import { type StreamDefinition } from './shared/decider';
import { type DomainEvent } from './shared/envelope';
import { assetStream } from './asset/stream';
import { fundingRequestStream } from './funding-request/stream';
import { procurementStream } from './procurement/stream';
import { providerStream } from './provider/stream';
import { ruleSetStream } from './rule-set/stream';

/**
 * The write path and projector see every stream through the erased StreamDefinition; each decider only
 * ever receives its own prefix's events and states, so the erasure is sound.
 */
const erased = <E extends DomainEvent, S>(definition: StreamDefinition<E, S>): StreamDefinition =>
  definition as unknown as StreamDefinition;

/**
 * The E-Rate streams: competitive bidding, funding requests, the asset register, service providers and the rule sets.
 */
export const erateStreams: StreamDefinition[] = [
  erased(procurementStream),
  erased(fundingRequestStream),
  erased(assetStream),
  erased(providerStream),
  erased(ruleSetStream),
];

export { procurementStream, fundingRequestStream, assetStream, providerStream };
export type * from './procurement/events';
export type { ProcurementState } from './procurement/state';
export type * from './funding-request/events';
export type { FrnState, FrnStatus, FrnLineState, FrnOffer, FrnDraft } from './funding-request/state';
export type * from './asset/events';
export type { AssetState } from './asset/state';
export type * from './provider/events';
export type { ProviderState } from './provider/state';

export type { ErateParams, DiscountBand } from './rule-set/erate-params';
export {
  builtInErateRuleSets,
  erateFsa2015,
  erate2025,
  erate2030,
  fundingYearOn,
  type ErateRuleSet,
} from './rule-set/erate-rule-sets';
export { ruleSetInForceRule } from './rules/erate/rule-set-in-force-rule';
export { ERATE_SOURCES, cfr } from './rule-set/erate-sources';
export { ruleSetStream } from './rule-set/stream';
export { ERATE_RULE_SET_STREAM, type RuleSetEvent } from './rule-set/events';
export { adoptionOf, type ErateRuleSetAdopted } from './rule-set/adoption';
export type { RuleSetState, AdoptedErateRuleSet } from './rule-set/state';
export { erateRuleSetErrors } from './rule-set/rule-set-validation';
export {
  knownErateRuleSets,
  erateRuleSetsAsOf,
  erateRuleSetForFundingYear,
  erateRuleSetNamed,
  type KnownErateRuleSet,
} from './rule-set/erate-rule-set-lookup';
export {
  ruleSetsReadModel,
  renderRuleSets,
  type RuleSetsView,
  type RuleSetView,
} from './rule-set/rule-sets-read-model';
export { preDiscountCostRule, type Deduction, type DeductionKind } from './rules/erate/pre-discount-cost-rule';
export { eligibleCostRule } from './rules/erate/eligible-cost-rule';
export { thirtyPercentRule, type ThirtyPercentOutcome, type DenialGround } from './rules/erate/thirty-percent-rule';
export { discountRateRule, type DiscountRate, type EntityDiscount } from './rules/erate/discount-rate-rule';
export { categoryTwoBudgetRule, type CategoryTwoBudget } from './rules/erate/category-two-budget-rule';
export {
  allowableContractDate,
  twentyEightDayWaitRule,
  form486DeadlineRule,
  recordsRetentionRule,
  tradeInEligibilityRule,
} from './rules/erate/program-dates-rules';
export { serviceDeliveryDeadlineRule } from './rules/erate/service-delivery-rule';
export { invoiceDeadlineRule } from './rules/erate/invoice-deadline-rule';
export { cipaCertificationRule } from './rules/erate/cipa-certification-rule';
export { form471WindowRule } from './rules/erate/form-471-window-rule';
export { giftRule } from './rules/erate/gift-rule';
export { providerDonationRule, grantIndependenceRule } from './rules/erate/provider-donation-rule';
export { priceWeightRule, costEffectiveSelectionRule, bidEligibleCost } from './rules/erate/bid-evaluation-rule';
export { inflatedEligibleCostRule, ineligibleIdentificationRule } from './rules/erate/frn-line-rules';
export { freeItemDeductionRule } from './rules/erate/free-item-deduction-rule';

export {
  fundingRequestReadModel,
  renderFundingRequest,
  type FundingRequestView,
  type FundingRequestLineView,
  type DeductionView,
  type TradeInApplied,
} from './erate-views/funding-request-read-model';
export {
  bidRecordReadModel,
  renderBidRecord,
  type BidRecordView,
  type BidView,
} from './erate-views/bid-record-read-model';
export {
  assetRegisterReadModel,
  renderAssetRegister,
  type AssetRegisterView,
  type AssetView,
} from './erate-views/asset-register-read-model';
export { erateFindingsForApplicant, erateFindingsForFrn } from './erate-views/erate-findings';
