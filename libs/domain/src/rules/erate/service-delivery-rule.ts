import { type CalendarDate } from '../../shared/dates';
import { type Rule } from '../../shared/rule';
import { type Breach } from './breach';
import { cfr } from '../../rule-set/erate-sources';
import { type ErateParams } from '../../rule-set/erate-params';

export interface ServiceDeliveryFacts {
  fundingYear: number;
  category: 1 | 2;
  /** As recorded on the draft; absent on requests drafted before the field existed. */
  recurring?: boolean;
  draftEventId: string;
  /** Deadline extensions USAC granted, in recorded order; the last one stands. */
  extensions: readonly { newDeadline: CalendarDate; grantedOn: CalendarDate; reason: string; eventId: string }[];
  serviceEndDate?: CalendarDate;
  deliveries: readonly { description: string; deliveredOn: CalendarDate; eventId: string }[];
}

export interface ServiceDelivery {
  deadline: CalendarDate;
  recurring: boolean;
  /** How the request was judged recurring or not, in words. */
  recurringBasis: string;
  breaches: Breach[];
}

/**
 * Recurring services are delivered by June 30 and non-recurring services (one-time purchases) by
 * September 30 of the year the funding year ends, unless USAC extended the deadline. Requests that do
 * not say whether they are recurring are judged by category: Category 1 (data transmission, Internet
 * access) recurring, Category 2 (internal connections) non-recurring.
 */
export const serviceDeliveryDeadlineRule: Rule<ServiceDeliveryFacts, ServiceDelivery, ErateParams> = {
  id: 'erate.service-delivery-deadline',
  citation: `${cfr('54.507(d)')} (service delivery deadlines and extensions)`,
  apply: (f, p) => {
    const recurring = f.recurring ?? f.category === 1;
    const recurringBasis =
      f.recurring === undefined
        ? `not recorded on the request: Category ${f.category} taken as ${recurring ? 'recurring' : 'non-recurring'}`
        : `recorded on the request as ${recurring ? 'recurring' : 'non-recurring'}`;
    const base = `${f.fundingYear + 1}-${recurring ? p.serviceDelivery.recurringLastDay : p.serviceDelivery.nonRecurringLastDay}`;
    const extension = f.extensions.at(-1);
    const deadline = extension?.newDeadline ?? base;
    const how = `${recurring ? 'recurring' : 'non-recurring'} services of FY${f.fundingYear}, ${recurringBasis}; deadline ${base}${extension ? `, extended to ${extension.newDeadline} on ${extension.grantedOn} (${extension.reason})` : ''}`;
    const deadlineEvents = [f.draftEventId, ...(extension ? [extension.eventId] : [])];
    // No end date recorded: service runs to the deadline, which is never late.
    const serviceEnd = f.serviceEndDate ?? deadline;
    const late: Breach[] = [
      ...(serviceEnd > deadline
        ? [
            {
              severity: 'violation' as const,
              message: `Service runs to ${serviceEnd}, after the service delivery deadline ${deadline} (${how})`,
              sourceEventIds: deadlineEvents,
            },
          ]
        : []),
      ...f.deliveries
        .filter((d) => d.deliveredOn > deadline)
        .map((d) => ({
          severity: 'violation' as const,
          message: `${d.description} delivered on ${d.deliveredOn}, after the service delivery deadline ${deadline} (${how})`,
          sourceEventIds: [...deadlineEvents, d.eventId],
        })),
    ];
    const info: Breach = {
      severity: 'info',
      message: `Services must be delivered by ${deadline} (${how})`,
      sourceEventIds: deadlineEvents,
    };
    return { deadline, recurring, recurringBasis, breaches: late.length > 0 ? late : [info] };
  },
};
