import { type CipaCertification } from '../../funding-request/events';
import { cipaCertificationRule } from './cipa-certification-rule';
import { erate2025 } from '../../rule-set/erate-rule-sets';

const judge = (cipa: CipaCertification | undefined, category: 1 | 2 = 1) =>
  cipaCertificationRule.apply(
    { category, form486: { filedOn: '2025-08-01', eventId: 'e-486', ...(cipa ? { cipa } : {}) } },
    erate2025.params,
  );

describe('CIPA certification on the Form 486 (47 CFR § 54.520)', () => {
  it('a compliant certification gives no finding', () => {
    expect(judge('compliant', 1)).toEqual([]);
    expect(judge('compliant', 2)).toEqual([]);
  });
  it('a Form 486 recorded without its certification: warning that it is not recorded', () => {
    expect(judge(undefined)).toEqual([
      {
        severity: 'warning',
        message: 'Form 486 filed on 2025-08-01: its CIPA certification is not recorded',
        sourceEventIds: ['e-486'],
      },
    ]);
  });
  it('certifying non-compliance is a violation', () => {
    expect(judge('not-compliant')).toEqual([
      {
        severity: 'violation',
        message:
          'Form 486 filed on 2025-08-01 records that the recipients do not comply with CIPA: no discounts on Internet access or internal connections',
        sourceEventIds: ['e-486'],
      },
    ]);
  });
  it('undertaking actions: a warning that it is allowed in the first funding year only', () => {
    expect(judge('undertaking-actions')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('allowed only in their first funding year'),
      }),
    ]);
  });
  it('"does not apply" (telecommunications only): a violation for Category 2 internal connections, an info reminder for Category 1', () => {
    expect(judge('not-applicable', 2)).toEqual([
      expect.objectContaining({
        severity: 'violation',
        message: expect.stringContaining('Category 2 internal connections are covered by CIPA'),
      }),
    ]);
    expect(judge('not-applicable', 1)).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: expect.stringContaining('telecommunications services only'),
      }),
    ]);
  });
});
