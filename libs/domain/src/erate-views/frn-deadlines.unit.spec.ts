import { usd } from '../shared/money';
import { refusalCode } from '../../testing/refusal-code';
import { fact } from '../../testing/scenario';
import { applicantRegistered, bidRequestPosted, erateScenario, frnDrafted } from '../../testing/erate-fixtures';
import { renderFundingRequest } from './funding-request-read-model';

const FRN = 'frn-1';
const P = 'procurement-470';
const lea = applicantRegistered('applicant-lea');
const render = (s: ReturnType<typeof erateScenario>) => renderFundingRequest(FRN, s.facts)!;
const of = (s: ReturnType<typeof erateScenario>, ruleId: string) =>
  render(s).findings.filter((f) => f.ruleId === ruleId);
const submitted = (submittedOn: string) => fact(FRN, 'FundingRequestSubmitted', { form471Number: '251', submittedOn });
const committed = (committedOn = '2025-06-15') => fact(FRN, 'FundingCommitted', { amount: usd(8_000), committedOn });

describe('FRN deadlines, as findings with rule id, rule set, citation, dates and source events', () => {
  describe('the 28-day wait bars the Form 471 (47 CFR § 54.503(c)(4))', () => {
    const world = (submittedOn: string) =>
      erateScenario().given(
        lea,
        bidRequestPosted(P, { certifyDate: '2025-01-06' }),
        frnDrafted(FRN),
        submitted(submittedOn),
      );
    it('given a Form 471 submitted the day before the allowable contract date, then a violation with both dates and events', () => {
      const s = world('2025-02-02');
      expect(of(s, 'erate.allowable-contract-date')).toEqual([
        {
          ruleId: 'erate.allowable-contract-date',
          ruleSet: 'erate-2025',
          citation: expect.stringContaining('47 CFR § 54.503(c)(4)'),
          severity: 'violation',
          subject: FRN,
          message:
            'Form 471 251 submitted on 2025-02-02, before the allowable contract date 2025-02-03 (Form 470 certified 2025-01-06, + 28 days)',
          sourceEventIds: [s.idOf('BidRequestPosted'), s.idOf('FundingRequestSubmitted')],
        },
      ]);
    });
    it('given a Form 471 submitted on the allowable contract date, then no finding', () => {
      expect(of(world('2025-02-03'), 'erate.allowable-contract-date')).toEqual([]);
    });
  });

  describe('Form 471 window (FY2026: January 21 – April 1, 2026)', () => {
    const fy2026 = (certifyDate: string, submittedOn: string) =>
      erateScenario().given(
        lea,
        bidRequestPosted(P, { certifyDate }),
        frnDrafted(FRN, { fundingYear: 2026, serviceStartDate: '2026-07-01' }, { ruleSet: 'erate-2030' }),
        submitted(submittedOn),
      );
    it('given a Form 470 certified 28 days before the close and a Form 471 filed on the last day, then no window finding', () => {
      expect(of(fy2026('2026-03-04', '2026-04-01'), 'erate.form-471-window')).toEqual([]);
    });
    it('given a Form 471 filed the day after the window closed, then a violation naming the window', () => {
      const s = fy2026('2026-01-05', '2026-04-02');
      expect(of(s, 'erate.form-471-window')).toEqual([
        expect.objectContaining({
          ruleSet: 'erate-2030',
          severity: 'violation',
          sourceEventIds: [s.idOf('FundingRequestDrafted'), s.idOf('FundingRequestSubmitted')],
          message: expect.stringMatching(
            /^Form 471 submitted on 2026-04-02, outside the FY2026 Form 471 window 2026-01-21 – 2026-04-01/,
          ),
        }),
      ]);
    });
    it('given a funding year whose window is not recorded, then an info finding saying so', () => {
      const s = erateScenario().given(lea, frnDrafted(FRN));
      expect(of(s, 'erate.form-471-window')).toEqual([
        expect.objectContaining({
          severity: 'info',
          message:
            'The FY2025 Form 471 window is not recorded in the rule set; the filing date cannot be checked against it',
        }),
      ]);
    });
  });

  describe('CIPA certification on the Form 486 (47 CFR § 54.520)', () => {
    const filed = (data: object) =>
      erateScenario().given(
        lea,
        frnDrafted(FRN),
        submitted('2025-03-20'),
        committed(),
        fact(FRN, 'Form486Filed', { filedOn: '2025-08-01', ...data }),
      );
    it('given a Form 486 certifying compliance, then no CIPA finding', () => {
      expect(of(filed({ cipa: 'compliant' }), 'erate.cipa-certification')).toEqual([]);
    });
    it('given a Form 486 stored without a certification, then a warning that it is not recorded', () => {
      const s = filed({});
      expect(of(s, 'erate.cipa-certification')).toEqual([
        expect.objectContaining({
          severity: 'warning',
          sourceEventIds: [s.idOf('Form486Filed')],
          message: 'Form 486 filed on 2025-08-01: its CIPA certification is not recorded',
        }),
      ]);
    });
    it('given a Form 486 certifying non-compliance, then a violation', () => {
      expect(of(filed({ cipa: 'not-compliant' }), 'erate.cipa-certification').map((f) => f.severity)).toEqual([
        'violation',
      ]);
    });
  });

  describe('invoice deadline (47 CFR § 54.514(a))', () => {
    const invoicing = () =>
      erateScenario().given(
        lea,
        frnDrafted(FRN),
        submitted('2025-03-20'),
        committed(),
        fact(FRN, 'Form486Filed', { filedOn: '2025-08-01', cipa: 'compliant' }),
        fact(FRN, 'Form486Notified', { notifiedOn: '2025-08-20' }),
      );
    const invoice = (submittedOn: string) =>
      fact(FRN, 'InvoiceSubmitted', { invoiceNumber: 'INV-1', form: 'SPI', amount: usd(4_000), submittedOn });
    it('given a commitment and a Form 486 notification, then the deadline is 120 days after the last day of service, shown as a date and an info finding', () => {
      const s = invoicing();
      expect(render(s).dates.invoiceDueOn).toBe('2026-10-28');
      expect(of(s, 'erate.invoice-deadline')).toEqual([
        expect.objectContaining({
          severity: 'info',
          message: expect.stringMatching(/^Invoices \(BEAR or SPI\) are due by 2026-10-28/),
          sourceEventIds: [s.idOf('FundingRequestDrafted'), s.idOf('Form486Notified')],
        }),
      ]);
    });
    it('given an invoice on the deadline, then no finding; the day after, a violation', () => {
      expect(of(invoicing().given(invoice('2026-10-28')), 'erate.invoice-deadline')).toEqual([]);
      const late = invoicing().given(invoice('2026-10-29'));
      expect(of(late, 'erate.invoice-deadline')).toEqual([
        expect.objectContaining({
          severity: 'violation',
          sourceEventIds: [
            late.idOf('FundingRequestDrafted'),
            late.idOf('Form486Notified'),
            late.idOf('InvoiceSubmitted'),
          ],
          message: expect.stringMatching(
            /^SPI invoice INV-1 \(\$4,000.00\) submitted on 2026-10-29, after the invoice deadline 2026-10-28/,
          ),
        }),
      ]);
    });
    it('given an invoice recorded only as paid, on the deadline, then it counts as invoiced: no "due by" finding', () => {
      const s = invoicing().given(
        fact(FRN, 'InvoicePaid', { invoiceNumber: 'INV-1', amount: usd(4_000), paidOn: '2026-10-28' }),
      );
      expect(of(s, 'erate.invoice-deadline')).toEqual([]);
    });
    it('given an invoice recorded only as paid, the day after the deadline, then not late: an info finding that its submission date is not recorded', () => {
      const s = invoicing().given(
        fact(FRN, 'InvoicePaid', { invoiceNumber: 'INV-1', amount: usd(4_000), paidOn: '2026-10-29' }),
      );
      expect(of(s, 'erate.invoice-deadline')).toEqual([
        expect.objectContaining({
          severity: 'info',
          sourceEventIds: [s.idOf('FundingRequestDrafted'), s.idOf('Form486Notified'), s.idOf('InvoicePaid')],
          message: expect.stringMatching(
            /^Invoice INV-1 \(\$4,000.00\) was paid on 2026-10-29, after the invoice deadline 2026-10-28 .*; its submission date is not recorded/,
          ),
        }),
      ]);
    });
    it('given an extension requested on the deadline, then the deadline moves 120 days and the late invoice is on time', () => {
      const s = invoicing().given(
        fact(FRN, 'InvoiceDeadlineExtensionRequested', { requestedOn: '2026-10-28' }),
        invoice('2026-10-29'),
      );
      expect(render(s).dates.invoiceDueOn).toBe('2027-02-25');
      expect(of(s, 'erate.invoice-deadline')).toEqual([]);
    });
    it('refuses a notification without a Form 486 or before it, an invoice before commitment, and an invoice number twice', () => {
      const early = erateScenario().given(lea, frnDrafted(FRN), submitted('2025-03-20'), committed());
      expect(refusalCode(() => early.record(fact(FRN, 'Form486Notified', { notifiedOn: '2025-08-20' })))).toBe(
        'frn-form-486-not-filed',
      );
      early.record(fact(FRN, 'Form486Filed', { filedOn: '2025-08-01' }));
      expect(refusalCode(() => early.record(fact(FRN, 'Form486Notified', { notifiedOn: '2025-07-31' })))).toBe(
        'frn-form-486-notified-before-filing',
      );
      early.record(fact(FRN, 'Form486Notified', { notifiedOn: '2025-08-01' }));
      expect(refusalCode(() => early.record(fact(FRN, 'Form486Notified', { notifiedOn: '2025-08-02' })))).toBe(
        'frn-form-486-already-notified',
      );
      const uncommitted = erateScenario().given(lea, frnDrafted(FRN));
      expect(refusalCode(() => uncommitted.record(invoice('2025-10-01')))).toBe('frn-not-committed');
      expect(
        refusalCode(() =>
          uncommitted.record(fact(FRN, 'InvoiceDeadlineExtensionRequested', { requestedOn: '2025-10-01' })),
        ),
      ).toBe('frn-not-committed');
      const s = invoicing().given(invoice('2026-01-01'));
      expect(refusalCode(() => s.record(invoice('2026-02-01')))).toBe('frn-invoice-duplicate');
    });
  });

  describe('service delivery deadlines and record retention', () => {
    it('golden, USAC "Document Retention": recurring Internet access of FY2021 is kept until June 30, 2032', () => {
      const v = render(
        erateScenario().given(
          lea,
          frnDrafted(FRN, { fundingYear: 2021, serviceStartDate: '2021-07-01', recurring: true }),
        ),
      );
      expect([v.dates.serviceDeliveryDeadline, v.dates.recordsRetainedUntil]).toEqual(['2022-06-30', '2032-06-30']);
      expect(v.findings).toContainEqual(
        expect.objectContaining({
          ruleId: 'erate.records-retention',
          citation: expect.stringContaining('USAC "Document Retention" page'),
          message:
            'Keep procurement and service records until 2032-06-30: 10 years after the later of the FY2021 last day 2022-06-30 and the service delivery deadline 2022-06-30 (recurring services, recorded on the request as recurring)',
        }),
      );
    });
    it('given a Category 2 request with no recurring flag, then the September 30 deadline, and the finding states the default', () => {
      const s = erateScenario().given(lea, frnDrafted(FRN, { category: 2 }));
      expect(render(s).dates.serviceDeliveryDeadline).toBe('2026-09-30');
      expect(of(s, 'erate.service-delivery-deadline')).toEqual([
        expect.objectContaining({
          severity: 'info',
          message:
            'Services must be delivered by 2026-09-30 (non-recurring services of FY2025, not recorded on the request: Category 2 taken as non-recurring; deadline 2026-09-30)',
        }),
      ]);
    });
    it('given delivery the day after the deadline, then a violation; given an extension, then the deadline and the retention move with it', () => {
      const s = erateScenario().given(
        lea,
        frnDrafted(FRN, { category: 2 }),
        fact(FRN, 'ServiceDelivered', { description: 'Switches installed', deliveredOn: '2026-10-01' }),
      );
      expect(of(s, 'erate.service-delivery-deadline')).toEqual([
        expect.objectContaining({
          severity: 'violation',
          sourceEventIds: [s.idOf('FundingRequestDrafted'), s.idOf('ServiceDelivered')],
        }),
      ]);
      s.record(
        fact(FRN, 'ServiceDeliveryDeadlineExtended', {
          newDeadline: '2027-09-30',
          grantedOn: '2026-09-15',
          reason: 'Equipment back-ordered',
        }),
      );
      const v = render(s);
      expect([v.dates.serviceDeliveryDeadline, v.dates.recordsRetainedUntil]).toEqual(['2027-09-30', '2037-09-30']);
      expect(of(s, 'erate.service-delivery-deadline').map((f) => f.severity)).toEqual(['info']);
    });
    it('given a service end date after the recurring deadline, then a violation', () => {
      const s = erateScenario().given(lea, frnDrafted(FRN, { serviceEndDate: '2026-07-01' }));
      expect(of(s, 'erate.service-delivery-deadline').map((f) => [f.severity, f.message.slice(0, 82)])).toEqual([
        ['violation', 'Service runs to 2026-07-01, after the service delivery deadline 2026-06-30 (recurr'],
      ]);
    });
  });
});
