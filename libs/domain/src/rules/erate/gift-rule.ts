import { type GiftGiven } from '../../provider/events';
import { formatUsd } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type Breach } from './breach';
import { ERATE_SOURCES, cfr } from '../../rule-set/erate-sources';
import { type ErateParams } from '../../rule-set/erate-params';
import { fundingYearOf } from './program-dates-rules';

/** A gift as the rule judges it: the provider stream is the source, its employees and agents counted together. */
export type GiftByProvider = Omit<GiftGiven, 'givenBy'> & { provider: string; eventId: string };

/**
 * A service provider (with its employees and agents, one source) may give a person at an applicant
 * nothing worth more than $20 an item, nor more than $50 in a funding year (July 1 – June 30). The
 * limits hold all year, not only while a competition is open (FCC 10-175).
 */
export const giftRule: Rule<{ gifts: readonly GiftByProvider[] }, Breach[], ErateParams> = {
  id: 'erate.gift-rules',
  citation: `${cfr('54.503(d)')}; ${ERATE_SOURCES.giftRules}; ${ERATE_SOURCES.giftOrder}`,
  apply: ({ gifts }, p) => {
    const during = (g: GiftByProvider) => (g.procurement ? `, during ${g.procurement}` : '');
    const perItem: Breach[] = gifts
      .filter((g) => g.value > p.gifts.perItemMax)
      .map((g) => ({
        severity: 'violation',
        message: `${g.provider} gave ${g.recipient} of ${g.applicant} ${g.description} worth ${formatUsd(g.value)} on ${g.givenOn}${during(g)}: more than ${formatUsd(p.gifts.perItemMax)} an item`,
        sourceEventIds: [g.eventId],
      }));
    const groups = new Map<string, GiftByProvider[]>();
    for (const g of gifts) {
      const key = JSON.stringify([g.provider, g.applicant, g.recipient, fundingYearOf(g.givenOn)]);
      groups.set(key, [...(groups.get(key) ?? []), g]);
    }
    const perYear: Breach[] = [...groups.values()].flatMap((group) => {
      const total = group.reduce((a, g) => a + g.value, 0);
      if (total <= p.gifts.perSourcePerFundingYearMax) return [];
      const first = group[0]!;
      return [
        {
          severity: 'violation' as const,
          message: `${first.provider} gave ${first.recipient} of ${first.applicant} gifts worth ${formatUsd(total)} in FY${fundingYearOf(first.givenOn)} (${group.map((g) => `${g.givenOn} ${g.description} ${formatUsd(g.value)}`).join('; ')}): more than ${formatUsd(p.gifts.perSourcePerFundingYearMax)} from one source in a funding year`,
          sourceEventIds: group.map((g) => g.eventId),
        },
      ];
    });
    return [...perItem, ...perYear];
  },
};
