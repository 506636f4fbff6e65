import { type FactsLookup } from '../shared/facts';
import { type Finding, SEVERITY_ORDER } from '../shared/finding';
import { type ProviderState } from '../provider/state';
import { findingOf } from '../rules/erate/breach';
import { erateRuleSetOnDate } from '../rule-set/erate-rule-set-lookup';
import { giftRule } from '../rules/erate/gift-rule';
import { providerDonationRule } from '../rules/erate/provider-donation-rule';
import { renderAssetRegister } from './asset-register-read-model';
import { renderBidRecord } from './bid-record-read-model';
import { renderFundingRequest } from './funding-request-read-model';

const key = (f: Finding): string => `${f.ruleId}|${f.subject}|${f.message}|${f.sourceEventIds.join(',')}`;

const ordered = (findings: Finding[]): Finding[] => {
  const seen = new Set<string>();
  return findings
    .filter((f) => (seen.has(key(f)) ? false : (seen.add(key(f)), true)))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
};

/** Findings of one FRN: its own rules and those of the assets it funded. */
export function erateFindingsForFrn(frnStream: string, facts: FactsLookup): Finding[] {
  return ordered([
    ...(renderFundingRequest(frnStream, facts)?.findings ?? []),
    ...(renderAssetRegister(frnStream, facts)?.findings ?? []),
  ]);
}

/**
 * Donations by providers that name this applicant or are tied to one of its procurements, judged on
 * the donor's own stream by the rule set each donation names, else the one for the day it was made.
 */
function donationFindingsFor(applicantStream: string, facts: FactsLookup): Finding[] {
  const procurements = facts.linkedFrom(applicantStream, 'procurement');
  const providers = [
    ...new Set([
      ...facts.linkedFrom(applicantStream, 'provider'),
      ...procurements.flatMap((p) => facts.linkedFrom(p, 'provider')),
    ]),
  ];
  return providers.flatMap((provider) =>
    (facts.state<ProviderState>(provider)?.donations ?? [])
      .filter(
        (d) =>
          d.beneficiaryApplicant === applicantStream ||
          (d.tiedToProcurement !== undefined && procurements.includes(d.tiedToProcurement)),
      )
      .flatMap((d) => {
        const ruleSet = erateRuleSetOnDate(facts, d.ruleSet, d.madeOn);
        return providerDonationRule
          .apply({ donations: [{ ...d, provider }] }, ruleSet.params)
          .map((b) => findingOf(providerDonationRule, ruleSet.id, provider, b));
      }),
  );
}

/**
 * Gifts by providers to people at this applicant, judged per provider under the rule set of each
 * funding year's gifts (the gift rules count a funding year's gifts together).
 */
function giftFindingsFor(applicantStream: string, facts: FactsLookup): Finding[] {
  return facts.linkedFrom(applicantStream, 'provider').flatMap((provider) => {
    const gifts = (facts.state<ProviderState>(provider)?.gifts ?? []).filter((g) => g.applicant === applicantStream);
    const judgedBy = gifts.map((g) => ({ gift: g, ruleSet: erateRuleSetOnDate(facts, g.ruleSet, g.givenOn) }));
    return [...new Set(judgedBy.map((j) => j.ruleSet))].flatMap((ruleSet) => {
      const judged = judgedBy.filter((j) => j.ruleSet === ruleSet).map((j) => ({ ...j.gift, provider }));
      return giftRule.apply({ gifts: judged }, ruleSet.params).map((b) => findingOf(giftRule, ruleSet.id, provider, b));
    });
  });
}

/** Every E-Rate finding about an applicant: its FRNs and their assets, its procurements, donations that name it. */
export function erateFindingsForApplicant(applicantStream: string, facts: FactsLookup): Finding[] {
  return ordered([
    ...facts.linkedFrom(applicantStream, 'frn').flatMap((frn) => erateFindingsForFrn(frn, facts)),
    ...facts.linkedFrom(applicantStream, 'procurement').flatMap((p) => renderBidRecord(p, facts)?.findings ?? []),
    ...donationFindingsFor(applicantStream, facts),
    ...giftFindingsFor(applicantStream, facts),
  ]);
}
