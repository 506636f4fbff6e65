import { type CalendarDate } from '../shared/dates';
import { type DomainEvent } from '../shared/envelope';
import { type FieldError } from '../shared/errors';
import { type Cents } from '../shared/money';
import { streamReference } from '../shared/stream-reference';
import { bool, calendarDate, cents, optional, text, validator } from '../shared/validation';

export interface ServiceProviderRegistered { spin: string; name: string; registeredOn: CalendarDate }
/** The provider engaged another provider (`provider-<spin>`) as subcontractor, optionally for one procurement. */
export interface SubcontractorEngaged { subcontractorSpin: string; engagedOn: CalendarDate; procurement?: string }
export interface ProviderDonationMade {
  donationId: string;
  /** The organisation that received the money, e.g. a grant foundation or the applicant itself. */
  recipientOrganization: string;
  /** The applicant that benefits, when the donation names or reaches one. */
  beneficiaryApplicant?: string;
  amount: Cents;
  madeOn: CalendarDate;
  earmarkedForApplicant: boolean;
  /** The procurement the donation is tied to, when it is. */
  tiedToProcurement?: string;
  /** A grant by an organisation completely independent of the provider. */
  bonaFideIndependentGrant: boolean;
}

/**
 * A gift by the provider, one of its employees or agents, to a person at an applicant. Recorded
 * whatever its value; the gift rules judge it.
 */
export interface GiftGiven {
  applicant: string;
  /** The person at the applicant who received it. */
  recipient: string;
  description: string;
  /** The item's value. */
  value: Cents;
  givenOn: CalendarDate;
  /** The procurement under way when it was given, if any. */
  procurement?: string;
  /** The employee or agent who gave it, when not the company itself. */
  givenBy?: string;
}

export type ProviderEvent =
  | DomainEvent<'ServiceProviderRegistered', ServiceProviderRegistered>
  | DomainEvent<'SubcontractorEngaged', SubcontractorEngaged>
  | DomainEvent<'ProviderDonationMade', ProviderDonationMade>
  | DomainEvent<'GiftGiven', GiftGiven>;

export type ProviderEventType = ProviderEvent['type'];

export const providerEventValidators: Record<ProviderEventType, (data: unknown) => FieldError[]> = {
  ServiceProviderRegistered: validator({ spin: text, name: text, registeredOn: calendarDate }),
  SubcontractorEngaged: validator({ subcontractorSpin: text, engagedOn: calendarDate, procurement: optional(streamReference('procurement')) }),
  ProviderDonationMade: validator({
    donationId: text, recipientOrganization: text, beneficiaryApplicant: optional(streamReference('applicant')), amount: cents, madeOn: calendarDate,
    earmarkedForApplicant: bool, tiedToProcurement: optional(streamReference('procurement')), bonaFideIndependentGrant: bool,
  }),
  GiftGiven: validator({
    applicant: streamReference('applicant'), recipient: text, description: text, value: cents, givenOn: calendarDate,
    procurement: optional(streamReference('procurement')), givenBy: optional(text),
  }),
};
