import { type CalendarDate } from '../shared/dates';
import { type StreamDefinition } from '../shared/decider';
import { type DomainEvent } from '../shared/envelope';
import { type FieldError } from '../shared/errors';
import { identifier } from '../shared/identifier';
import { streamReference } from '../shared/stream-reference';
import { arrayOf, bool, calendarDate, count, oneOf, optional, text, validator, type Check } from '../shared/validation';
import { type ApplicantKind, type Locale } from './state';

export const APPLICANT_KINDS: readonly ApplicantKind[] = ['school-district', 'school', 'library', 'library-system', 'consortium'];
export const LOCALES: readonly Locale[] = ['urban', 'rural'];

export interface ApplicantProfile {
  name: string;
  kind: ApplicantKind;
  usState: string;
  students: number;
  nslpEligibleStudents: number;
  economicallyDisadvantagedStudents: number;
  locale: Locale;
  cep: boolean;
  librarySquareFeet?: number;
  memberApplicantIds: string[];
}

export type ApplicantRegistered = DomainEvent<'ApplicantRegistered', ApplicantProfile>;
/** A full replacement profile that corrects the registration or an earlier correction. */
export type ApplicantProfileCorrected = DomainEvent<'ApplicantProfileCorrected', ApplicantProfile & { corrects: string; reason: string }>;
export type InterlocalAgreementApproved = DomainEvent<'InterlocalAgreementApproved', { program: string; esc: string; approvedOn: CalendarDate }>;
export type NeedEstimated = DomainEvent<
  'NeedEstimated',
  { area: string; devices: number; hotspots: number; unconnectedHouseholds: number; estimatedOn: CalendarDate }
>;
export type ProgramJoined = DomainEvent<'ProgramJoined', { program: string; joinedOn: CalendarDate }>;

export type ApplicantEvent = ApplicantRegistered | ApplicantProfileCorrected | InterlocalAgreementApproved | NeedEstimated | ProgramJoined;

const usStateCode: Check = (v, f) => (typeof v === 'string' && /^[A-Z]{2}$/.test(v) ? [] : [{ field: f, message: 'must be a two-letter state code like TX' }]);

const profileShape = {
  name: text,
  kind: oneOf(APPLICANT_KINDS),
  usState: usStateCode,
  students: count,
  nslpEligibleStudents: count,
  economicallyDisadvantagedStudents: count,
  locale: oneOf(LOCALES),
  cep: bool,
  librarySquareFeet: optional(count),
  memberApplicantIds: arrayOf(streamReference('applicant')),
};

/** Counts of a subset of students cannot exceed the students counted. */
function profileConsistency(data: unknown): FieldError[] {
  const d = data as Partial<Record<keyof ApplicantProfile, unknown>>;
  if (typeof d.students !== 'number') return [];
  const over = (field: 'nslpEligibleStudents' | 'economicallyDisadvantagedStudents'): FieldError[] =>
    typeof d[field] === 'number' && (d[field] as number) > (d.students as number) ? [{ field, message: 'must not exceed students' }] : [];
  return [...over('nslpEligibleStudents'), ...over('economicallyDisadvantagedStudents')];
}

const withProfileChecks =
  (shape: Record<string, Check>) =>
  (data: unknown): FieldError[] => {
    const shapeErrors = validator(shape)(data);
    return shapeErrors.length > 0 ? shapeErrors : profileConsistency(data);
  };

const exampleProfile: ApplicantProfile = {
  name: 'Houston ISD',
  kind: 'school-district',
  usState: 'TX',
  students: 196_550,
  nslpEligibleStudents: 155_000,
  economicallyDisadvantagedStudents: 156_000,
  locale: 'urban',
  cep: true,
  memberApplicantIds: [],
};

export const applicantEvents: StreamDefinition<ApplicantEvent>['events'] = {
  ApplicantRegistered: {
    description: 'An applicant (district/LEA, school, library, consortium) registered with its student counts and locale.',
    schemaVersion: 1,
    validate: withProfileChecks(profileShape),
    example: exampleProfile,
  },
  ApplicantProfileCorrected: {
    description: "A corrected full profile; `corrects` names the registration or correction event it replaces.",
    schemaVersion: 1,
    validate: withProfileChecks({ ...profileShape, corrects: identifier, reason: text }),
    example: { ...exampleProfile, economicallyDisadvantagedStudents: 155_500, corrects: '00000000-0000-0000-0000-000000000001', reason: 'PEIMS resubmission' },
  },
  InterlocalAgreementApproved: {
    description: "The school board approved an interlocal agreement with the program's education service center.",
    schemaVersion: 1,
    validate: validator({ program: streamReference('program'), esc: text, approvedOn: calendarDate }),
    example: { program: 'program-tx-connectivity', esc: 'Region 4 ESC', approvedOn: '2020-06-15' },
  },
  NeedEstimated: {
    description: 'Estimated need for one area: devices, hotspots and unconnected households (state checklist, "Use data to estimate the need").',
    schemaVersion: 1,
    validate: validator({ area: text, devices: count, hotspots: count, unconnectedHouseholds: count, estimatedOn: calendarDate }),
    example: { area: 'North attendance zone', devices: 4_200, hotspots: 1_100, unconnectedHouseholds: 950, estimatedOn: '2020-05-20' },
  },
  ProgramJoined: {
    description: 'The applicant joined a state program (e.g. requested to take part in its bulk purchase).',
    schemaVersion: 1,
    validate: validator({ program: streamReference('program'), joinedOn: calendarDate }),
    example: { program: 'program-tx-connectivity', joinedOn: '2020-06-01' },
  },
};
