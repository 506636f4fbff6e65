import { type Cents, sum } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type CostShareClaim } from '../../order/state';
import { CITATIONS } from './citations';

/** A district claims back only the state share its order earned; the rest is its own cost share. */
export const claimRule: Rule<
  { earned: Cents; claims: readonly CostShareClaim[] },
  { claimed: Cents; excess: Cents },
  null
> = {
  id: 'state.claim-above-state-share',
  citation: CITATIONS.txConnectivity,
  apply: ({ earned, claims }) => {
    const claimed = sum(claims.map((c) => c.amount));
    return { claimed, excess: Math.max(0, claimed - earned) };
  },
};
