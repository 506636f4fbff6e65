import { erate2025 } from '../../rule-set/erate-rule-sets';
import { type InvoiceDeadlineFacts, invoiceDeadlineRule } from './invoice-deadline-rule';

const p = erate2025.params;
const invoice = (submittedOn: string, invoiceNumber = 'INV-1') => ({
  invoiceNumber,
  form: 'BEAR' as const,
  amount: 100_000,
  submittedOn,
  eventId: `e-${invoiceNumber}`,
});
const judge = (f: Partial<InvoiceDeadlineFacts> = {}) =>
  invoiceDeadlineRule.apply(
    {
      lastDayOfService: '2026-06-30',
      lastDayOfServiceEventIds: ['e-draft'],
      notification: { notifiedOn: '2025-08-20', eventId: 'e-notified' },
      invoices: [],
      payments: [],
      extensionRequests: [],
      ...f,
    },
    p,
  );

describe('invoice deadline (47 CFR § 54.514(a); USAC "Invoice Deadline Extensions")', () => {
  it('120 days after the last day of service when the Form 486 notification came earlier; open → info with the date', () => {
    expect(judge()).toEqual({
      dueOn: '2026-10-28',
      breaches: [
        {
          severity: 'info',
          message:
            'Invoices (BEAR or SPI) are due by 2026-10-28 (120 days after 2026-06-30, the later of the last day of service 2026-06-30 and the Form 486 notification date 2025-08-20)',
          sourceEventIds: ['e-draft', 'e-notified'],
        },
      ],
    });
  });
  it('120 days after the Form 486 notification when it came after the last day of service', () => {
    expect(judge({ notification: { notifiedOn: '2026-08-01', eventId: 'e-n' } }).dueOn).toBe('2026-11-29');
  });
  it('without the notification date the deadline is unknown: info with the earliest possible date', () => {
    const { notification: _none, ...rest } = {
      lastDayOfService: '2026-06-30',
      lastDayOfServiceEventIds: ['e-draft'],
      notification: undefined,
      invoices: [],
      payments: [],
      extensionRequests: [],
    };
    expect(invoiceDeadlineRule.apply(rest, p)).toEqual({
      dueOn: null,
      breaches: [
        {
          severity: 'info',
          message:
            'Invoices are due 120 days after the later of the last day of service 2026-06-30 and the Form 486 notification date, which is not recorded: not before 2026-10-28',
          sourceEventIds: ['e-draft'],
        },
      ],
    });
  });
  it('an invoice on the deadline gives no finding; the day after is a violation naming the invoice, the dates and the events', () => {
    expect(judge({ invoices: [invoice('2026-10-28')] }).breaches).toEqual([]);
    expect(judge({ invoices: [invoice('2026-10-27')] }).breaches).toEqual([]);
    expect(judge({ invoices: [invoice('2026-10-29')] }).breaches).toEqual([
      {
        severity: 'violation',
        message:
          'BEAR invoice INV-1 ($1,000.00) submitted on 2026-10-29, after the invoice deadline 2026-10-28 (120 days after 2026-06-30, the later of the last day of service 2026-06-30 and the Form 486 notification date 2025-08-20)',
        sourceEventIds: ['e-draft', 'e-notified', 'e-INV-1'],
      },
    ]);
  });
  it('one extension requested on the deadline adds 120 days; an invoice within it is on time, the day after it is late', () => {
    const ext = [{ requestedOn: '2026-10-28', eventId: 'e-ext' }];
    expect(judge({ extensionRequests: ext, invoices: [invoice('2027-02-25')] })).toEqual({
      dueOn: '2027-02-25',
      breaches: [],
    });
    expect(judge({ extensionRequests: ext, invoices: [invoice('2027-02-26')] }).breaches).toEqual([
      expect.objectContaining({
        severity: 'violation',
        sourceEventIds: ['e-draft', 'e-notified', 'e-ext', 'e-INV-1'],
        message: expect.stringContaining(
          'after the invoice deadline 2027-02-25 (120 days after 2026-06-30, the later of the last day of service 2026-06-30 and the Form 486 notification date 2025-08-20; extended by 120 days from 2026-10-28)',
        ),
      }),
    ]);
  });
  it('an extension requested the day after the deadline is not granted, and says so', () => {
    const v = judge({ extensionRequests: [{ requestedOn: '2026-10-29', eventId: 'e-ext' }] });
    expect(v.dueOn).toBe('2026-10-28');
    expect(v.breaches[0]).toEqual({
      severity: 'warning',
      message:
        'Invoice deadline extension requested on 2026-10-29 is not granted: it was requested after the deadline 2026-10-28 (120 days after 2026-06-30, the later of the last day of service 2026-06-30 and the Form 486 notification date 2025-08-20)',
      sourceEventIds: ['e-draft', 'e-notified', 'e-ext'],
    });
  });
  describe('an invoice recorded only as paid was submitted no later than it was paid', () => {
    const paid = (paidOn: string, invoiceNumber = 'INV-1') => ({
      invoiceNumber,
      amount: 100_000,
      paidOn,
      eventId: `e-paid-${invoiceNumber}`,
    });
    it('given a payment on the deadline and no submission recorded, then it counts as invoiced on time: no finding', () => {
      expect(judge({ payments: [paid('2026-10-28')] })).toEqual({ dueOn: '2026-10-28', breaches: [] });
    });
    it('given a payment the day after the deadline and no submission recorded, then not a violation: an info finding that the submission date is not recorded', () => {
      expect(judge({ payments: [paid('2026-10-29')] }).breaches).toEqual([
        {
          severity: 'info',
          message:
            'Invoice INV-1 ($1,000.00) was paid on 2026-10-29, after the invoice deadline 2026-10-28 (120 days after 2026-06-30, the later of the last day of service 2026-06-30 and the Form 486 notification date 2025-08-20); its submission date is not recorded, so whether it was submitted by the deadline is not known',
          sourceEventIds: ['e-draft', 'e-notified', 'e-paid-INV-1'],
        },
      ]);
    });
    it('given a payment after the deadline of an invoice submitted on time, then the recorded submission governs: no finding', () => {
      expect(judge({ invoices: [invoice('2026-10-28')], payments: [paid('2026-12-01')] }).breaches).toEqual([]);
    });
    it('given a payment within an extension, then no finding and the extension is named when paid after it', () => {
      const ext = [{ requestedOn: '2026-10-01', eventId: 'e-ext' }];
      expect(judge({ extensionRequests: ext, payments: [paid('2027-02-25')] }).breaches).toEqual([]);
      expect(judge({ extensionRequests: ext, payments: [paid('2027-02-26')] }).breaches).toEqual([
        expect.objectContaining({
          severity: 'info',
          sourceEventIds: ['e-draft', 'e-notified', 'e-ext', 'e-paid-INV-1'],
          message: expect.stringContaining(
            'after the invoice deadline 2027-02-25 (120 days after 2026-06-30, the later of the last day of service 2026-06-30 and the Form 486 notification date 2025-08-20; extended by 120 days from 2026-10-28); its submission date is not recorded',
          ),
        }),
      ]);
    });
  });
  it('a second extension is not granted: only one is allowed', () => {
    const v = judge({
      extensionRequests: [
        { requestedOn: '2026-10-01', eventId: 'e-ext1' },
        { requestedOn: '2027-02-01', eventId: 'e-ext2' },
      ],
      invoices: [invoice('2027-01-15')],
    });
    expect(v.dueOn).toBe('2027-02-25');
    expect(v.breaches).toEqual([
      {
        severity: 'warning',
        message:
          'Invoice deadline extension requested on 2027-02-01 is not granted: only 1 extension is allowed and the deadline is already 2027-02-25',
        sourceEventIds: ['e-ext1', 'e-ext2'],
      },
    ]);
  });
});
