import { findingOf } from './breach';

describe('a breach becomes a finding about a subject', () => {
  it("carries the rule's id and citation, the rule set, the subject, and the breach's severity, message and events", () => {
    const rule = { id: 'erate.free-item-deduction', citation: 'Free Services Advisory, Example 3' };
    expect(
      findingOf(rule, 'erate-2025', 'frn-2499012345', {
        severity: 'violation',
        message: 'Free projector was not subtracted',
        sourceEventIds: ['evt-1', 'evt-2'],
      }),
    ).toEqual({
      ruleId: 'erate.free-item-deduction',
      ruleSet: 'erate-2025',
      citation: 'Free Services Advisory, Example 3',
      severity: 'violation',
      message: 'Free projector was not subtracted',
      sourceEventIds: ['evt-1', 'evt-2'],
      subject: 'frn-2499012345',
    });
  });
});
