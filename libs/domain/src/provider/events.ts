import { type CalendarDate } from '../shared/dates';
import { type StreamDefinition } from '../shared/decider';
import { type DomainEvent } from '../shared/envelope';
import { type Cents } from '../shared/money';
import { streamReference } from '../shared/stream-reference';
import { bool, calendarDate, cents, optional, text, validator } from '../shared/validation';

export interface ServiceProviderRegistered {
  spin: string;
  name: string;
  registeredOn: CalendarDate;
}
/** The provider engaged another provider (`provider-<spin>`) as subcontractor, optionally for one procurement. */
export interface SubcontractorEngaged {
  subcontractorSpin: string;
  engagedOn: CalendarDate;
  procurement?: string;
}
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

export const providerEvents: StreamDefinition<ProviderEvent>['events'] = {
  ServiceProviderRegistered: {
    description: 'A service provider registered its SPIN',
    schemaVersion: 1,
    validate: validator({ spin: text, name: text, registeredOn: calendarDate }),
    example: { spin: '143001234', name: 'Acme Networks', registeredOn: '2024-11-01' },
  },
  SubcontractorEngaged: {
    description: 'The provider engaged a subcontractor',
    schemaVersion: 1,
    validate: validator({
      subcontractorSpin: text,
      engagedOn: calendarDate,
      procurement: optional(streamReference('procurement')),
    }),
    example: { subcontractorSpin: '143009999', engagedOn: '2025-02-12', procurement: 'procurement-470-250001' },
  },
  ProviderDonationMade: {
    description: 'The provider donated money or goods to an organisation',
    schemaVersion: 1,
    validate: validator({
      donationId: text,
      recipientOrganization: text,
      beneficiaryApplicant: optional(streamReference('applicant')),
      amount: cents,
      madeOn: calendarDate,
      earmarkedForApplicant: bool,
      tiedToProcurement: optional(streamReference('procurement')),
      bonaFideIndependentGrant: bool,
    }),
    example: {
      donationId: 'D1',
      recipientOrganization: 'County Education Foundation',
      beneficiaryApplicant: 'applicant-lea-12',
      amount: 1_000_000,
      madeOn: '2025-01-15',
      earmarkedForApplicant: true,
      bonaFideIndependentGrant: false,
    },
  },
  GiftGiven: {
    description: 'The provider, an employee or an agent gave a gift to a person at an applicant',
    schemaVersion: 1,
    validate: validator({
      applicant: streamReference('applicant'),
      recipient: text,
      description: text,
      value: cents,
      givenOn: calendarDate,
      procurement: optional(streamReference('procurement')),
      givenBy: optional(text),
    }),
    example: {
      applicant: 'applicant-lea-12',
      recipient: 'Technology director',
      description: 'Basketball tickets',
      value: 12_000,
      givenOn: '2025-01-20',
      procurement: 'procurement-470-250001',
      givenBy: 'Account manager',
    },
  },
};
