import { type CalendarDate } from '../shared/dates';
import { type Envelope } from '../shared/envelope';
import { assertNever } from '../shared/errors';
import { eventOf } from '../shared/event-of';
import { type ApplicantEvent, type ApplicantKind, type ApplicantProfile, type Locale } from './events';

/** An interlocal agreement with an education service center, approved for one state program. */
export interface InterlocalAgreement {
  /** The program stream the agreement is for, e.g. `program-tx-connectivity`. */
  program: string;
  /** The education service center the agreement is with, e.g. `ESC Region 4`. */
  esc: string;
  approvedOn: CalendarDate;
  eventId: string;
  position: number;
}

/** A need the applicant estimated for one area (a campus, attendance zone or county). */
export interface NeedEstimate {
  area: string;
  devices: number;
  hotspots: number;
  /** Households or sites in the area without adequate connectivity. */
  unconnectedHouseholds: number;
  estimatedOn: CalendarDate;
  eventId: string;
}

export interface CategoryTwoCount {
  fundingYear: number;
  students?: number;
  squareFeet?: number;
  eventId: string;
}

export interface ProgramMembership {
  program: string;
  joinedOn: CalendarDate;
  eventId: string;
}

/**
 * An applicant (district/LEA, school, library, consortium) as its stream's events fold it.
 * Field names are a contract: the E-Rate discount rule reads `students`, `nslpEligibleStudents`,
 * `locale`, `cep`, `librarySquareFeet`, `memberApplicantIds`, `district`, `directlyCertifiedStudents`,
 * `locatedInDistrict`, `tribal`, `categoryTwoCounts`.
 */
export interface ApplicantState {
  registered: boolean;
  name: string;
  kind: ApplicantKind;
  /** Two-letter US state code, e.g. `MS`, `TX`. */
  usState: string;
  students: number;
  nslpEligibleStudents: number;
  economicallyDisadvantagedStudents: number;
  locale: Locale;
  /** Community Eligibility Provision. */
  cep: boolean;
  librarySquareFeet?: number;
  /** A school's district (full stream name); the school takes the district-wide discount. */
  district?: string;
  /** A CEP school's directly certified students; absent, `nslpEligibleStudents` is that count. */
  directlyCertifiedStudents?: number;
  /** A library's (a library system's main outlet's) public school district, whose NSLP share it uses. */
  locatedInDistrict?: string;
  tribal?: boolean;
  /** Category 2 counts USAC validated, in recorded order (absent from states folded before these facts existed). */
  categoryTwoCounts?: CategoryTwoCount[];
  /** Full stream names of a consortium's members, e.g. `applicant-x`. */
  memberApplicantIds: string[];
  registeredEventId: string;
  /** Ids of the events that set the current profile (registration and each correction). */
  profileEventIds: string[];
  interlocalAgreements: InterlocalAgreement[];
  /** The latest estimate per area. */
  needs: NeedEstimate[];
  programsJoined: ProgramMembership[];
}

export const initialApplicantState: ApplicantState = {
  registered: false,
  name: '',
  kind: 'school-district',
  usState: '',
  students: 0,
  nslpEligibleStudents: 0,
  economicallyDisadvantagedStudents: 0,
  locale: 'urban',
  cep: false,
  memberApplicantIds: [],
  registeredEventId: '',
  profileEventIds: [],
  interlocalAgreements: [],
  needs: [],
  programsJoined: [],
};

const profileOf = (d: ApplicantProfile): ApplicantProfile => ({
  name: d.name,
  kind: d.kind,
  usState: d.usState,
  students: d.students,
  nslpEligibleStudents: d.nslpEligibleStudents,
  economicallyDisadvantagedStudents: d.economicallyDisadvantagedStudents,
  locale: d.locale,
  cep: d.cep,
  ...(d.librarySquareFeet === undefined ? {} : { librarySquareFeet: d.librarySquareFeet }),
  memberApplicantIds: d.memberApplicantIds,
  ...(d.district === undefined ? {} : { district: d.district }),
  ...(d.directlyCertifiedStudents === undefined ? {} : { directlyCertifiedStudents: d.directlyCertifiedStudents }),
  ...(d.locatedInDistrict === undefined ? {} : { locatedInDistrict: d.locatedInDistrict }),
  ...(d.tribal === undefined ? {} : { tribal: d.tribal }),
});

/** Clears the optional profile fields so a correction without them really removes them. */
const withoutOptionalProfile = (state: ApplicantState): ApplicantState => {
  const {
    librarySquareFeet: _sq,
    district: _d,
    directlyCertifiedStudents: _dc,
    locatedInDistrict: _l,
    tribal: _t,
    ...rest
  } = state;
  return rest;
};

export function evolveApplicant(state: ApplicantState, envelope: Envelope<ApplicantEvent>): ApplicantState {
  const event = eventOf(envelope);
  switch (event.type) {
    case 'ApplicantRegistered':
      return {
        ...withoutOptionalProfile(state),
        ...profileOf(event.data),
        registered: true,
        registeredEventId: envelope.id,
        profileEventIds: [envelope.id],
      };
    case 'ApplicantProfileCorrected':
      return {
        ...withoutOptionalProfile(state),
        ...profileOf(event.data),
        profileEventIds: [...state.profileEventIds, envelope.id],
      };
    case 'InterlocalAgreementApproved':
      return {
        ...state,
        interlocalAgreements: [
          ...state.interlocalAgreements,
          { ...event.data, eventId: envelope.id, position: envelope.position },
        ],
      };
    case 'NeedEstimated':
      return {
        ...state,
        needs: [...state.needs.filter((n) => n.area !== event.data.area), { ...event.data, eventId: envelope.id }],
      };
    case 'ProgramJoined':
      return { ...state, programsJoined: [...state.programsJoined, { ...event.data, eventId: envelope.id }] };
    case 'CategoryTwoCountValidated':
      return {
        ...state,
        categoryTwoCounts: [...(state.categoryTwoCounts ?? []), { ...event.data, eventId: envelope.id }],
      };
    default:
      return assertNever(event);
  }
}
