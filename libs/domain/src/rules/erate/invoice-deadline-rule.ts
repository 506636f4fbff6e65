import { addDays, type CalendarDate, laterOf } from '../../shared/dates';
import { formatUsd, type Cents } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type Breach } from './breach';
import { ERATE_SOURCES, cfr } from '../../rule-set/erate-sources';
import { type ErateParams } from '../../rule-set/erate-params';

export interface InvoiceDeadlineFacts {
  /** The last date to receive service: the request's service end date, else its service delivery deadline. */
  lastDayOfService: CalendarDate;
  /** Events behind the last day of service (the draft, an extension of the delivery deadline). */
  lastDayOfServiceEventIds: string[];
  notification?: { notifiedOn: CalendarDate; eventId: string };
  invoices: readonly {
    invoiceNumber: string;
    form: 'BEAR' | 'SPI';
    amount: Cents;
    submittedOn: CalendarDate;
    eventId: string;
  }[];
  /** Invoices USAC paid; one with no submission of its number recorded was submitted on or before its payment. */
  payments: readonly { invoiceNumber: string; amount: Cents; paidOn: CalendarDate; eventId: string }[];
  extensionRequests: readonly { requestedOn: CalendarDate; eventId: string }[];
}

export interface InvoiceDeadline {
  /** The deadline in force, extension included; null while the Form 486 notification date is not recorded. */
  dueOn: CalendarDate | null;
  breaches: Breach[];
}

/**
 * Invoices (BEAR or SPI) are due 120 days after the later of the last date to receive service and the
 * Form 486 notification date. One extension of 120 days is granted when requested on or before the
 * deadline; a request after it, or beyond the one allowed, extends nothing. An invoice recorded only as
 * paid was submitted no later than its payment date.
 */
export const invoiceDeadlineRule: Rule<InvoiceDeadlineFacts, InvoiceDeadline, ErateParams> = {
  id: 'erate.invoice-deadline',
  citation: `${cfr('54.514(a)')}; ${ERATE_SOURCES.invoiceExtensions}`,
  apply: (f, p) => {
    if (!f.notification) {
      return {
        dueOn: null,
        breaches: [
          {
            severity: 'info',
            message: `Invoices are due ${p.invoiceDueDays} days after the later of the last day of service ${f.lastDayOfService} and the Form 486 notification date, which is not recorded: not before ${addDays(f.lastDayOfService, p.invoiceDueDays)}`,
            sourceEventIds: f.lastDayOfServiceEventIds,
          },
        ],
      };
    }
    const start = laterOf(f.lastDayOfService, f.notification.notifiedOn);
    const original = addDays(start, p.invoiceDueDays);
    const basis = `${p.invoiceDueDays} days after ${start}, the later of the last day of service ${f.lastDayOfService} and the Form 486 notification date ${f.notification.notifiedOn}`;
    const baseEvents = [...f.lastDayOfServiceEventIds, f.notification.eventId];
    let dueOn = original;
    let granted = 0;
    const grantedBy: string[] = [];
    const extensionBreaches: Breach[] = [];
    for (const r of f.extensionRequests) {
      if (granted >= p.invoiceExtensionsAllowed) {
        extensionBreaches.push({
          severity: 'warning',
          message: `Invoice deadline extension requested on ${r.requestedOn} is not granted: only ${p.invoiceExtensionsAllowed} extension is allowed and the deadline is already ${dueOn}`,
          sourceEventIds: [...grantedBy, r.eventId],
        });
      } else if (r.requestedOn > dueOn) {
        extensionBreaches.push({
          severity: 'warning',
          message: `Invoice deadline extension requested on ${r.requestedOn} is not granted: it was requested after the deadline ${dueOn} (${basis})`,
          sourceEventIds: [...baseEvents, r.eventId],
        });
      } else {
        granted += 1;
        grantedBy.push(r.eventId);
        dueOn = addDays(dueOn, p.invoiceExtensionDays);
      }
    }
    const extended = granted > 0 ? `; extended by ${p.invoiceExtensionDays} days from ${original}` : '';
    const late: Breach[] = f.invoices
      .filter((i) => i.submittedOn > dueOn)
      .map((i) => ({
        severity: 'violation',
        message: `${i.form} invoice ${i.invoiceNumber} (${formatUsd(i.amount)}) submitted on ${i.submittedOn}, after the invoice deadline ${dueOn} (${basis}${extended})`,
        sourceEventIds: [...baseEvents, ...grantedBy, i.eventId],
      }));
    // A payment whose submission is not recorded was submitted no later than it was paid: on time when
    // paid by the deadline; paid after it, the submission date is unknown, so it is not called late.
    const paidOnly = f.payments.filter((pay) => !f.invoices.some((i) => i.invoiceNumber === pay.invoiceNumber));
    const unknown: Breach[] = paidOnly
      .filter((pay) => pay.paidOn > dueOn)
      .map((pay) => ({
        severity: 'info',
        message: `Invoice ${pay.invoiceNumber} (${formatUsd(pay.amount)}) was paid on ${pay.paidOn}, after the invoice deadline ${dueOn} (${basis}${extended}); its submission date is not recorded, so whether it was submitted by the deadline is not known`,
        sourceEventIds: [...baseEvents, ...grantedBy, pay.eventId],
      }));
    const open: Breach[] =
      f.invoices.length === 0 && paidOnly.length === 0
        ? [
            {
              severity: 'info',
              message: `Invoices (BEAR or SPI) are due by ${dueOn} (${basis}${extended})`,
              sourceEventIds: [...baseEvents, ...grantedBy],
            },
          ]
        : [];
    return { dueOn, breaches: [...extensionBreaches, ...late, ...unknown, ...open] };
  },
};
