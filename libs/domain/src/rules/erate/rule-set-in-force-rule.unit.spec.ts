import { noRuleSetMessage, ruleSetInForceRule } from './rule-set-in-force-rule';

describe('the finding of a request no set judges', () => {
  it('names the funding year, or the set the draft named', () => {
    expect(noRuleSetMessage(2031, undefined)).toBe('no rule set adopted for FY2031');
    expect(noRuleSetMessage(2026, 'erate-1999')).toBe(
      'rule set erate-1999 named by the draft is not known to the ledger',
    );
  });
  it('cites the funding-year rule by public name', () => {
    expect(ruleSetInForceRule).toEqual({
      id: 'erate.rule-set-in-force',
      citation: '47 CFR § 54.507(a) (Part 54, Subpart F); FCC 19-117 (Category Two Report and Order, December 3, 2019)',
    });
  });
});
