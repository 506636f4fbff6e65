import { formatUsd } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type ProviderDonationMade } from '../../provider/events';
import { type Breach } from './breach';
import { type ErateParams } from '../../rule-set/erate-params';
import { ERATE_SOURCES } from '../../rule-set/erate-sources';

export interface DonationByProvider extends ProviderDonationMade {
  eventId: string;
  /** The provider stream that donated. */
  provider: string;
  /** The prime provider when the donor is its subcontractor. */
  asSubcontractorOf?: string;
}

export interface ProviderDonationFacts {
  donations: readonly DonationByProvider[];
  /** When judging one FRN: its applicant (and the consortium members it stands for) and its procurement. */
  frn?: { applicants: readonly string[]; procurement: string };
}

const donor = (d: DonationByProvider) =>
  d.asSubcontractorOf ? `Subcontractor ${d.provider} of ${d.asSubcontractorOf}` : `Provider ${d.provider}`;

/**
 * A provider (or its subcontractor) donating to an organisation earmarked for an applicant, or tied to
 * a bid, is a serious violation (Ex. 6): it subsidises the procurement. A grant from an organisation
 * completely independent of the provider is not. Judging one FRN, only donations that reach its
 * applicant or its procurement count.
 */
export const providerDonationRule: Rule<ProviderDonationFacts, Breach[], ErateParams> = {
  id: 'erate.provider-donation',
  citation: `${ERATE_SOURCES.freeServicesAdvisory}, Example 6 and "Additional Requirements and Restrictions" (subcontractors)`,
  apply: (facts) =>
    facts.donations.flatMap((d) => {
      const earmarked = d.earmarkedForApplicant && d.beneficiaryApplicant !== undefined;
      const tied = d.tiedToProcurement !== undefined;
      if (!earmarked && !tied) return [];
      const frn = facts.frn;
      const reachesFrn =
        frn === undefined ||
        (earmarked && frn.applicants.includes(d.beneficiaryApplicant!)) ||
        d.tiedToProcurement === frn.procurement;
      if (!reachesFrn) return [];
      const how = [
        earmarked ? `earmarked for ${d.beneficiaryApplicant}` : '',
        tied ? `tied to ${d.tiedToProcurement}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return [
        {
          severity: 'serious' as const,
          message: `${donor(d)} donated ${formatUsd(d.amount)} to ${d.recipientOrganization}, ${how}`,
          sourceEventIds: [d.eventId],
        },
      ];
    }),
};

/** Grants toward an E-Rate purchase must come from organisations completely independent of the provider (Ex. 6). */
export const grantIndependenceRule: Rule<
  { grants: readonly { grantor: string; amount: number; independentOfServiceProvider: boolean; eventId: string }[] },
  Breach[],
  ErateParams
> = {
  id: 'erate.bona-fide-grant',
  citation: `${ERATE_SOURCES.freeServicesAdvisory}, Example 6 (grants from bona fide organisations completely independent of the service provider)`,
  apply: ({ grants }) =>
    grants
      .filter((g) => !g.independentOfServiceProvider)
      .map((g) => ({
        severity: 'serious' as const,
        message: `Grant of ${formatUsd(g.amount)} from ${g.grantor} is not independent of the service provider`,
        sourceEventIds: [g.eventId],
      })),
};
