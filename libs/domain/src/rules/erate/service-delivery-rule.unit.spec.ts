import { erate2025 } from '../../rule-set/erate-rule-sets';
import { type ServiceDeliveryFacts, serviceDeliveryDeadlineRule } from './service-delivery-rule';

const p = erate2025.params;
const judge = (f: Partial<ServiceDeliveryFacts> = {}) =>
  serviceDeliveryDeadlineRule.apply(
    { fundingYear: 2025, category: 1, draftEventId: 'e-draft', extensions: [], deliveries: [], ...f },
    p,
  );

describe('service delivery deadlines (47 CFR § 54.507(d))', () => {
  it('recurring services: June 30 after the funding year; unrecorded Category 1 is taken as recurring, and the finding says so', () => {
    const d = judge();
    expect([d.deadline, d.recurring]).toEqual(['2026-06-30', true]);
    expect(d.breaches).toEqual([
      {
        severity: 'info',
        message:
          'Services must be delivered by 2026-06-30 (recurring services of FY2025, not recorded on the request: Category 1 taken as recurring; deadline 2026-06-30)',
        sourceEventIds: ['e-draft'],
      },
    ]);
  });
  it('non-recurring services: September 30; unrecorded Category 2 is taken as non-recurring', () => {
    const d = judge({ category: 2 });
    expect([d.deadline, d.recurring, d.recurringBasis]).toEqual([
      '2026-09-30',
      false,
      'not recorded on the request: Category 2 taken as non-recurring',
    ]);
  });
  it('a recorded recurring flag overrides the category default', () => {
    expect([
      judge({ category: 2, recurring: true }).deadline,
      judge({ category: 1, recurring: false }).deadline,
    ]).toEqual(['2026-06-30', '2026-09-30']);
    expect(judge({ recurring: false }).recurringBasis).toBe('recorded on the request as non-recurring');
  });
  it('the last extension granted moves the deadline', () => {
    const d = judge({
      category: 2,
      extensions: [
        { newDeadline: '2027-03-31', grantedOn: '2026-08-01', reason: 'Back-ordered', eventId: 'e-x1' },
        { newDeadline: '2027-09-30', grantedOn: '2027-02-01', reason: 'Construction delay', eventId: 'e-x2' },
      ],
    });
    expect(d.deadline).toBe('2027-09-30');
    expect(d.breaches).toEqual([
      expect.objectContaining({
        severity: 'info',
        sourceEventIds: ['e-draft', 'e-x2'],
        message: expect.stringContaining('extended to 2027-09-30 on 2027-02-01 (Construction delay)'),
      }),
    ]);
  });
  it('service ending the day after the deadline is a violation; on the deadline, no violation', () => {
    expect(judge({ serviceEndDate: '2026-07-01' }).breaches).toEqual([
      {
        severity: 'violation',
        message:
          'Service runs to 2026-07-01, after the service delivery deadline 2026-06-30 (recurring services of FY2025, not recorded on the request: Category 1 taken as recurring; deadline 2026-06-30)',
        sourceEventIds: ['e-draft'],
      },
    ]);
    expect(judge({ serviceEndDate: '2026-06-30' }).breaches.map((b) => b.severity)).toEqual(['info']);
    expect(judge({ serviceEndDate: '2026-06-29' }).breaches.map((b) => b.severity)).toEqual(['info']);
  });
  it('a delivery after the deadline is a violation naming the delivery event; on or before the deadline, none', () => {
    const late = judge({
      category: 2,
      deliveries: [
        { description: 'Switches installed', deliveredOn: '2026-10-01', eventId: 'e-d1' },
        { description: 'APs installed', deliveredOn: '2026-09-30', eventId: 'e-d2' },
      ],
    });
    expect(late.breaches).toEqual([
      expect.objectContaining({
        severity: 'violation',
        sourceEventIds: ['e-draft', 'e-d1'],
        message: expect.stringMatching(
          /^Switches installed delivered on 2026-10-01, after the service delivery deadline 2026-09-30/,
        ),
      }),
    ]);
    const extended = judge({
      category: 2,
      deliveries: [{ description: 'Switches installed', deliveredOn: '2026-10-01', eventId: 'e-d1' }],
      extensions: [{ newDeadline: '2026-12-31', grantedOn: '2026-09-01', reason: 'r', eventId: 'e-x' }],
    });
    expect(extended.breaches.map((b) => b.severity)).toEqual(['info']);
  });
});
