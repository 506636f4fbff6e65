import { type Rule } from '../../shared/rule';
import { ERATE_SOURCES, cfr } from '../../rule-set/erate-sources';

/**
 * A funding request is judged by the rule set for its funding year: discounts, Category 2 budgets and
 * deadlines are set per funding year. A year no adopted set covers gets this finding and no figures,
 * never another year's.
 */
export const ruleSetInForceRule: Pick<Rule<unknown, unknown>, 'id' | 'citation'> = {
  id: 'erate.rule-set-in-force',
  citation: `${cfr('54.507(a)')}; ${ERATE_SOURCES.categoryTwoOrder}`,
};

/** The words of the finding, for the request's funding year or the set its draft names. */
export const noRuleSetMessage = (fundingYear: number, named: string | undefined): string =>
  named === undefined
    ? `no rule set adopted for FY${fundingYear}`
    : `rule set ${named} named by the draft is not known to the ledger`;
