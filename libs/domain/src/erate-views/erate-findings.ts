import { type FactsLookup } from '../shared/facts';
import { type Finding, SEVERITY_ORDER } from '../shared/finding';
import { type ProviderState } from '../provider/state';
import { findingOf } from '../rules/erate/breach';
import { erateRuleSetFor } from '../rules/erate/erate-rule-sets';
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
  return ordered([...(renderFundingRequest(frnStream, facts)?.findings ?? []), ...(renderAssetRegister(frnStream, facts)?.findings ?? [])]);
}

/** Donations by providers (and their subcontractors) that name this applicant, judged on the provider's own stream. */
function donationFindingsFor(applicantStream: string, facts: FactsLookup): Finding[] {
  return facts.linkedFrom(applicantStream, 'provider').flatMap((provider) => {
    const state = facts.state<ProviderState>(provider);
    if (!state) return [];
    return state.donations
      .filter((d) => d.beneficiaryApplicant === applicantStream)
      .flatMap((d) => {
        const ruleSet = erateRuleSetFor({ occurredAt: d.madeOn }, d.madeOn);
        return providerDonationRule.apply({ donations: [{ ...d, provider }] }, ruleSet.params).map((b) => findingOf(providerDonationRule, ruleSet.id, provider, b));
      });
  });
}

/** Every E-Rate finding about an applicant: its FRNs and their assets, its procurements, donations that name it. */
export function erateFindingsForApplicant(applicantStream: string, facts: FactsLookup): Finding[] {
  return ordered([
    ...facts.linkedFrom(applicantStream, 'frn').flatMap((frn) => erateFindingsForFrn(frn, facts)),
    ...facts.linkedFrom(applicantStream, 'procurement').flatMap((p) => renderBidRecord(p, facts)?.findings ?? []),
    ...donationFindingsFor(applicantStream, facts),
  ]);
}
