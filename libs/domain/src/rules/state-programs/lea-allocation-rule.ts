import { type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { CITATIONS } from './citations';

/** An LEA's counted orders should not commit more program funds than the program allocated to it. */
export const leaAllocationRule: Rule<{ allocated: Cents; committed: Cents }, { excess: Cents }, null> = {
  id: 'state.funds.lea-over-allocation',
  citation: CITATIONS.stateFunds,
  apply: ({ allocated, committed }) => ({ excess: Math.max(0, committed - allocated) }),
};
