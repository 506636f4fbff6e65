import { type CalendarDate } from '../shared/dates';
import { type StreamDefinition } from '../shared/decider';
import { type DomainEvent } from '../shared/envelope';
import { type FieldError } from '../shared/errors';
import { identifier } from '../shared/identifier';
import { streamReference } from '../shared/stream-reference';
import { arrayOf, bool, calendarDate, count, oneOf, optional, text, validator, type Check } from '../shared/validation';

export type ApplicantKind = 'school-district' | 'school' | 'library' | 'library-system' | 'consortium';
export type Locale = 'urban' | 'rural';

export const APPLICANT_KINDS: readonly ApplicantKind[] = [
  'school-district',
  'school',
  'library',
  'library-system',
  'consortium',
];
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
  /** A school: the district (`applicant-…`) it belongs to; it takes that district's discount. */
  district?: string;
  /** A CEP school: its directly certified students; absent, `nslpEligibleStudents` is read as that count. */
  directlyCertifiedStudents?: number;
  /** A library, or a library system's main outlet: the public school district it is physically located in. */
  locatedInDistrict?: string;
  /** A Tribal library (its outlets take the Tribal library floor of Category 2 budgets). */
  tribal?: boolean;
}

export type ApplicantRegistered = DomainEvent<'ApplicantRegistered', ApplicantProfile>;
/** A full replacement profile that corrects the registration or an earlier correction. */
export type ApplicantProfileCorrected = DomainEvent<
  'ApplicantProfileCorrected',
  ApplicantProfile & { corrects: string; reason: string }
>;
export type InterlocalAgreementApproved = DomainEvent<
  'InterlocalAgreementApproved',
  { program: string; esc: string; approvedOn: CalendarDate }
>;
export type NeedEstimated = DomainEvent<
  'NeedEstimated',
  { area: string; devices: number; hotspots: number; unconnectedHouseholds: number; estimatedOn: CalendarDate }
>;
export type ProgramJoined = DomainEvent<'ProgramJoined', { program: string; joinedOn: CalendarDate }>;
/**
 * USAC validated the Category 2 student count (schools) or square footage (libraries) for a funding
 * year; the cycle's first validation is its baseline, later ones may raise it but never lower it.
 */
export type CategoryTwoCountValidated = DomainEvent<
  'CategoryTwoCountValidated',
  { fundingYear: number; students?: number; squareFeet?: number }
>;

export type ApplicantEvent =
  | ApplicantRegistered
  | ApplicantProfileCorrected
  | InterlocalAgreementApproved
  | NeedEstimated
  | ProgramJoined
  | CategoryTwoCountValidated;

const usStateCode: Check = (v, f) =>
  typeof v === 'string' && /^[A-Z]{2}$/.test(v)
    ? []
    : [{ field: f, message: 'must be a two-letter state code like TX' }];

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
  district: optional(streamReference('applicant')),
  directlyCertifiedStudents: optional(count),
  locatedInDistrict: optional(streamReference('applicant')),
  tribal: optional(bool),
};

const isLibraryKind = (kind: unknown): boolean => kind === 'library' || kind === 'library-system';

/** Facts that only some kinds of applicant can have. */
function kindConsistency(d: Partial<Record<keyof ApplicantProfile, unknown>>): FieldError[] {
  const errors: FieldError[] = [];
  if (d.district !== undefined && d.kind !== 'school')
    errors.push({ field: 'district', message: 'only a school belongs to a district' });
  if (d.locatedInDistrict !== undefined && !isLibraryKind(d.kind))
    errors.push({ field: 'locatedInDistrict', message: 'only a library or library system is located in a district' });
  if (d.tribal !== undefined && !isLibraryKind(d.kind))
    errors.push({ field: 'tribal', message: 'only a library or library system is recorded as Tribal' });
  return errors;
}

/** Counts of a subset of students cannot exceed the students counted. */
function profileConsistency(data: unknown): FieldError[] {
  const d = data as Partial<Record<keyof ApplicantProfile, unknown>>;
  if (typeof d.students !== 'number') return kindConsistency(d);
  const over = (
    field: 'nslpEligibleStudents' | 'economicallyDisadvantagedStudents' | 'directlyCertifiedStudents',
  ): FieldError[] =>
    typeof d[field] === 'number' && (d[field] as number) > (d.students as number)
      ? [{ field, message: 'must not exceed students' }]
      : [];
  return [
    ...over('nslpEligibleStudents'),
    ...over('economicallyDisadvantagedStudents'),
    ...over('directlyCertifiedStudents'),
    ...kindConsistency(d),
  ];
}

const withProfileChecks =
  (shape: Record<string, Check>) =>
  (data: unknown): FieldError[] => {
    const shapeErrors = validator(shape)(data);
    return shapeErrors.length > 0 ? shapeErrors : profileConsistency(data);
  };

const fundingYear: Check = (v, f) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1998 && v <= 2100
    ? []
    : [{ field: f, message: 'must be a funding year from 1998 to 2100' }];

const countGiven = (data: unknown): FieldError[] => {
  const d = data as { students?: unknown; squareFeet?: unknown };
  return d.students === undefined && d.squareFeet === undefined
    ? [{ field: 'students', message: 'give students, squareFeet or both' }]
    : [];
};

const withCrossChecks =
  (base: (d: unknown) => FieldError[], cross: (d: unknown) => FieldError[]) =>
  (data: unknown): FieldError[] => {
    const errors = base(data);
    return errors.length > 0 ? errors : cross(data);
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
    description:
      'An applicant (district/LEA, school, library, consortium) registered with its student counts and locale.',
    schemaVersion: 1,
    validate: withProfileChecks(profileShape),
    example: exampleProfile,
  },
  ApplicantProfileCorrected: {
    description: 'A corrected full profile; `corrects` names the registration or correction event it replaces.',
    schemaVersion: 1,
    validate: withProfileChecks({ ...profileShape, corrects: identifier, reason: text }),
    example: {
      ...exampleProfile,
      economicallyDisadvantagedStudents: 155_500,
      corrects: '00000000-0000-0000-0000-000000000001',
      reason: 'PEIMS resubmission',
    },
  },
  InterlocalAgreementApproved: {
    description: "The school board approved an interlocal agreement with the program's education service center.",
    schemaVersion: 1,
    validate: validator({ program: streamReference('program'), esc: text, approvedOn: calendarDate }),
    example: { program: 'program-tx-connectivity', esc: 'Region 4 ESC', approvedOn: '2020-06-15' },
  },
  NeedEstimated: {
    description:
      'Estimated need for one area: devices, hotspots and unconnected households (state checklist, "Use data to estimate the need").',
    schemaVersion: 1,
    validate: validator({
      area: text,
      devices: count,
      hotspots: count,
      unconnectedHouseholds: count,
      estimatedOn: calendarDate,
    }),
    example: {
      area: 'North attendance zone',
      devices: 4_200,
      hotspots: 1_100,
      unconnectedHouseholds: 950,
      estimatedOn: '2020-05-20',
    },
  },
  ProgramJoined: {
    description: 'The applicant joined a state program (e.g. requested to take part in its bulk purchase).',
    schemaVersion: 1,
    validate: validator({ program: streamReference('program'), joinedOn: calendarDate }),
    example: { program: 'program-tx-connectivity', joinedOn: '2020-06-01' },
  },
  CategoryTwoCountValidated: {
    description:
      'USAC validated the Category 2 student count (or library square footage) for a funding year; the budget cycle keeps the highest count validated so far.',
    schemaVersion: 1,
    validate: withCrossChecks(
      validator({ fundingYear, students: optional(count), squareFeet: optional(count) }),
      countGiven,
    ),
    example: { fundingYear: 2026, students: 196_550 },
  },
};
