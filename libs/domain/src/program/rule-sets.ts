import { type RuleSet } from '../shared/rule';
import { SHARE_KINDS, type ShareKind } from './terms';

/**
 * What a state-program rule set holds: the meaning of each kind of term a program may state. The
 * figures (shares, bands, caps) are never here; each program records its own as facts on its stream.
 */
export interface StateProgramParams {
  shareKinds: readonly ShareKind[];
}

export const stateProgramTerms: RuleSet<StateProgramParams> = {
  id: 'state-program-terms',
  effectiveFrom: '2020-03-27',
  description:
    "A program's recorded terms: a fixed split (state maximum, district minimum), a flat match or a match by economically disadvantaged share, caps, eligible items, interlocal agreement.",
  params: { shareKinds: SHARE_KINDS },
};

export const stateProgramRuleSets: Readonly<Record<string, RuleSet<StateProgramParams>>> = {
  [stateProgramTerms.id]: stateProgramTerms,
};

export const STATE_PROGRAM_RULE_SET_IDS: readonly string[] = Object.keys(stateProgramRuleSets);
