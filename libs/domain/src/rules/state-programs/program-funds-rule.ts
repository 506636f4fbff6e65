import { type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { CITATIONS } from './citations';

/** A program cannot hand out more than the legislature appropriated (Mississippi: $200 million; Texas: $200 million). */
export const programFundsRule: Rule<{ totalFunds: Cents; allocated: Cents }, { overAllocated: boolean; excess: Cents }, null> = {
  id: 'state.funds.over-allocated',
  citation: CITATIONS.stateFunds,
  apply: ({ totalFunds, allocated }) => ({ overAllocated: allocated > totalFunds, excess: Math.max(0, allocated - totalFunds) }),
};
