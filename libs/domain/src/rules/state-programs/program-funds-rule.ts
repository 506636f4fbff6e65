import { type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { CITATIONS } from './citations';

export interface ProgramFundsOutcome {
  overAllocated: boolean;
  allocationExcess: Cents;
  overCommitted: boolean;
  commitmentExcess: Cents;
  /** What is left of the funds after earned commitments; never below zero (an excess is a finding instead). */
  remaining: Cents;
}

/**
 * A program cannot hand out or commit more than the legislature appropriated (the total funds the program recorded).
 */
export const programFundsRule: Rule<
  { totalFunds: Cents; allocated: Cents; committed: Cents },
  ProgramFundsOutcome,
  null
> = {
  id: 'state.funds.over-allocated',
  citation: CITATIONS.stateFunds,
  apply: ({ totalFunds, allocated, committed }) => ({
    overAllocated: allocated > totalFunds,
    allocationExcess: Math.max(0, allocated - totalFunds),
    overCommitted: committed > totalFunds,
    commitmentExcess: Math.max(0, committed - totalFunds),
    remaining: Math.max(0, totalFunds - committed),
  }),
};
