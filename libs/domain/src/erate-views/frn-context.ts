import { type FactsLookup } from '../shared/facts';
import { type ApplicantDirectory, applicantDirectory } from '../applicant/directory';
import { type ApplicantState } from '../applicant/state';
import { type AssetState } from '../asset/state';
import { type FrnState } from '../funding-request/state';
import { type ProcurementState } from '../procurement/state';
import { type ProviderState } from '../provider/state';
import { type ErateRuleSet } from '../rule-set/erate-rule-sets';
import { type DonationByProvider } from '../rules/erate/provider-donation-rule';

export type DraftedFrn = FrnState & { draft: NonNullable<FrnState['draft']> };

/** Everything around one FRN that its rules read: applicant and members, procurement, providers, trade-ins. */
export interface FrnContext {
  frn: string;
  state: DraftedFrn;
  /** The rule set that judges the request as of the lookup's position (`erateRuleSetOfFrn`). */
  ruleSet: ErateRuleSet;
  applicant?: ApplicantState;
  /** Members of a consortium, or the schools of a district, by stream. */
  members: Map<string, ApplicantState | undefined>;
  /** Every applicant the discount and budget rules may read (districts, schools, outlets, members). */
  directory: ApplicantDirectory;
  procurement?: ProcurementState;
  /** Donations by the FRN's provider and by subcontractors it engaged for this procurement or generally. */
  donations: DonationByProvider[];
  /** Assets whose trade-in value was applied to this FRN. */
  tradeIns: { asset: string; state: AssetState }[];
}

export function donationsAround(
  providerStream: string,
  procurement: string | undefined,
  facts: FactsLookup,
): DonationByProvider[] {
  const prime = facts.state<ProviderState>(providerStream);
  if (!prime) return [];
  const own = prime.donations.map((d) => ({ ...d, provider: providerStream }));
  const subs = prime.subcontractors
    .filter((s) => s.procurement === undefined || procurement === undefined || s.procurement === procurement)
    .flatMap((s) => {
      const stream = `provider-${s.subcontractorSpin}`;
      return (facts.state<ProviderState>(stream)?.donations ?? []).map((d) => ({
        ...d,
        provider: stream,
        asSubcontractorOf: providerStream,
      }));
    });
  return [...own, ...subs];
}

export function frnContext(frn: string, state: DraftedFrn, facts: FactsLookup, ruleSet: ErateRuleSet): FrnContext {
  const applicant = facts.state<ApplicantState>(state.draft.applicant);
  const members = new Map(
    (applicant?.memberApplicantIds ?? []).map((m) => [m, facts.state<ApplicantState>(m)] as const),
  );
  const tradeIns = facts
    .linkedFrom(frn, 'asset')
    .map((asset) => ({ asset, state: facts.state<AssetState>(asset) }))
    .filter((a): a is { asset: string; state: AssetState } => a.state?.tradeIn?.appliedToFrn === frn);
  return {
    frn,
    state,
    ruleSet,
    applicant,
    members,
    directory: applicantDirectory(facts),
    procurement: facts.state<ProcurementState>(state.draft.procurement),
    donations: donationsAround(`provider-${state.draft.spin}`, state.draft.procurement, facts),
    tradeIns,
  };
}
