import { type Envelope } from '../shared/envelope';
import { LEGACY_RULE_SET_TERMS } from './legacy-terms';
import { stateProgramTerms } from './rule-sets';

/** Structurally the projections' `Upcaster`: the domain names it, the stores apply it on every read. */
export interface DomainUpcaster {
  type: string;
  fromVersion: number;
  toVersion: number;
  upcast: (data: unknown, event: Envelope) => unknown;
}

interface ProgramEstablishedV1 {
  name: string;
  usState: string;
  fundingSource: string;
  totalFunds: number;
  costShare: unknown;
  ruleSet: string;
  establishedOn: string;
}

/**
 * Schema 1 named a built-in rule set and a cost-share kind; the figures lived in that rule set.
 * Schema 2 states the terms, so a v1 program gets the terms its rule set held. A v1 stream naming a
 * rule set that never existed is returned unchanged: the v2 check then stops the stream as malformed.
 */
export const programEstablishedV1ToV2: DomainUpcaster = {
  type: 'ProgramEstablished',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => {
    const v1 = data as ProgramEstablishedV1;
    const terms = LEGACY_RULE_SET_TERMS[v1.ruleSet];
    if (!terms) return data;
    return {
      name: v1.name,
      usState: v1.usState,
      fundingSource: v1.fundingSource,
      totalFunds: v1.totalFunds,
      terms,
      ruleSet: stateProgramTerms.id,
      establishedOn: v1.establishedOn,
    };
  },
};

export const stateProgramUpcasters: readonly DomainUpcaster[] = [programEstablishedV1ToV2];
