import { assertNever } from '../../shared/errors';
import { mulDiv } from '../../shared/money';
import { type Rule } from '../../shared/rule';
import { type ApplicantDirectory } from '../../applicant/directory';
import { type Locale } from '../../applicant/events';
import { type ApplicantState } from '../../applicant/state';
import { type ErateCategory } from '../../funding-request/events';
import { ERATE_SOURCES, cfr } from '../../rule-set/erate-sources';
import { type ErateParams } from '../../rule-set/erate-params';

/** Counts are kept in ten-thousandths of a student so the CEP multiplier (in basis points) stays exact. */
const SCALE = 10_000;

/** One school's (or the applicant's own) counts as they enter the NSLP share. */
export interface SchoolCount {
  applicant: string;
  students: number;
  /** NSLP-eligible students as the profile records them. */
  nslpEligibleStudents: number;
  cep: boolean;
  /**
   * CEP: the directly certified students the multiplier applies to (the profile's NSLP count when none is recorded).
   */
  directlyCertifiedStudents: number | null;
  /**
   * Students counted as NSLP-eligible: the NSLP count, or under CEP directly certified × the CEP multiplier, capped at
   * students.
   */
  countedNslp: number;
  /** Under CEP, the multiplied count exceeded the school's students and was capped at them. */
  cepCapped: boolean;
  locale: Locale;
}

/**
 * Where an entity's NSLP share comes from: its own counts; its own schools (a district); its district
 * (a school in a district); the district it is located in (a library, a library system's main outlet).
 */
export type DiscountBasis = 'own' | 'district-wide' | 'school-of-district' | 'library-in-district' | 'library-system';

/** How one applicant's (or one consortium member's) discount was derived, every input and step. */
export interface EntityDiscount {
  applicant: string;
  kind: ApplicantState['kind'];
  basis: DiscountBasis;
  /** The district whose schools set the NSLP share, or null when the applicant's own counts do. */
  district: string | null;
  schools: SchoolCount[];
  totalStudents: number;
  totalNslp: number;
  /** Total NSLP ÷ total students in percent, before rounding (for reading, not for arithmetic). */
  nslpPercentUnrounded: number;
  /** The whole percent the matrix is read at. */
  nslpPercent: number;
  rounding: ErateParams['nslpRounding'];
  locale: Locale;
  /**
   * Rural when more than half of the schools (a library system: outlets) are; `own` uses the applicant's own locale.
   */
  localeBasis: { by: 'own' | 'schools' | 'outlets'; rural: number; of: number };
  band: string;
  ratePercent: number;
  /** Profile events of every applicant read. */
  sourceEventIds: string[];
}

/** A fact the derivation needed and did not find, so it fell back to the applicant's own counts. */
export interface DiscountGap {
  applicant: string;
  message: string;
  sourceEventIds: string[];
}

export interface DiscountRate {
  /** The discount (integer percent) on the request: the applicant's, or its consortium's average. */
  ratePercent: number;
  /** One entry for a single applicant, one per member for a consortium. */
  entities: EntityDiscount[];
  consortiumAveraged: boolean;
  /** Consortium members with no registered applicant stream, left out of the average. */
  missingMembers: string[];
  gaps: DiscountGap[];
}

export interface DiscountRateFacts {
  category: ErateCategory;
  applicantStream: string;
  directory: ApplicantDirectory;
}

const registered = (s: ApplicantState | undefined): s is ApplicantState => s?.registered === true;

function schoolCount(stream: string, a: ApplicantState, p: ErateParams): SchoolCount {
  const directlyCertified = a.cep ? (a.directlyCertifiedStudents ?? a.nslpEligibleStudents) : null;
  const multiplied =
    directlyCertified === null ? a.nslpEligibleStudents * SCALE : directlyCertified * p.cepMultiplierBasisPoints;
  const scaled = Math.min(a.students * SCALE, multiplied);
  return {
    applicant: stream,
    students: a.students,
    nslpEligibleStudents: a.nslpEligibleStudents,
    cep: a.cep,
    directlyCertifiedStudents: directlyCertified,
    countedNslp: scaled / SCALE,
    cepCapped: multiplied > scaled,
    locale: a.locale,
  };
}

/** The NSLP percentage as the matrix reads it: a whole percent, rounded as the rule set says. */
function roundedPercent(nslpScaled: number, students: number, rounding: ErateParams['nslpRounding']): number {
  if (students === 0) return 0;
  switch (rounding) {
    case 'whole-percent-half-up':
      return mulDiv(nslpScaled, 100, students * SCALE);
    default:
      return assertNever(rounding);
  }
}

interface NslpShare {
  schools: SchoolCount[];
  totalStudents: number;
  totalNslp: number;
  nslpPercentUnrounded: number;
  nslpPercent: number;
}

function nslpShare(counts: SchoolCount[], p: ErateParams): NslpShare {
  const totalStudents = counts.reduce((a, c) => a + c.students, 0);
  const scaled = counts.reduce((a, c) => a + Math.round(c.countedNslp * SCALE), 0);
  return {
    schools: counts,
    totalStudents,
    totalNslp: scaled / SCALE,
    nslpPercentUnrounded: totalStudents === 0 ? 0 : (scaled * 100) / (totalStudents * SCALE),
    nslpPercent: roundedPercent(scaled, totalStudents, p.nslpRounding),
  };
}

/** Rural when more than half of the places are. */
function majorityLocale(locales: readonly Locale[]): { locale: Locale; rural: number; of: number } {
  const rural = locales.filter((l) => l === 'rural').length;
  return { locale: rural * 2 > locales.length ? 'rural' : 'urban', rural, of: locales.length };
}

interface DistrictFigures {
  share: NslpShare;
  /** The district's schools' majority, or its own locale when it has no registered schools. */
  locale: EntityDiscount['localeBasis'] & { locale: Locale };
  bySchools: boolean;
  sourceEventIds: string[];
  gaps: DiscountGap[];
}

/**
 * Total NSLP ÷ total students over the district's registered schools (the district's own counts when it lists none).
 */
function districtFigures(
  district: string,
  d: ApplicantState,
  directory: ApplicantDirectory,
  p: ErateParams,
): DistrictFigures {
  const listed = directory.schoolsOf(district);
  const schools = listed.flatMap((s) => {
    const state = directory.get(s);
    return registered(state) ? [[s, state] as const] : [];
  });
  const missing = listed.filter((s) => !registered(directory.get(s)));
  const gaps =
    missing.length === 0
      ? []
      : [
          {
            applicant: district,
            message: `Schools ${missing.join(', ')} of ${district} are not registered and are left out of its district-wide discount`,
            sourceEventIds: d.profileEventIds,
          },
        ];
  if (schools.length === 0) {
    return {
      share: nslpShare([schoolCount(district, d, p)], p),
      locale: { by: 'own', rural: d.locale === 'rural' ? 1 : 0, of: 1, locale: d.locale },
      bySchools: false,
      sourceEventIds: d.profileEventIds,
      gaps,
    };
  }
  const majority = majorityLocale(schools.map(([, s]) => s.locale));
  return {
    share: nslpShare(
      schools.map(([s, state]) => schoolCount(s, state, p)),
      p,
    ),
    locale: { by: 'schools', ...majority },
    bySchools: true,
    sourceEventIds: [...d.profileEventIds, ...schools.flatMap(([, s]) => s.profileEventIds)],
    gaps,
  };
}

interface Derived {
  basis: DiscountBasis;
  district: string | null;
  share: NslpShare;
  locale: Locale;
  localeBasis: EntityDiscount['localeBasis'];
  sourceEventIds: string[];
  gaps: DiscountGap[];
}

const own = (stream: string, a: ApplicantState, p: ErateParams, gaps: DiscountGap[] = []): Derived => ({
  basis: 'own',
  district: null,
  share: nslpShare([schoolCount(stream, a, p)], p),
  locale: a.locale,
  localeBasis: { by: 'own', rural: a.locale === 'rural' ? 1 : 0, of: 1 },
  sourceEventIds: a.profileEventIds,
  gaps,
});

/** The district an applicant reads its NSLP share from, or a gap when it names one that is not registered. */
function namedDistrict(
  stream: string,
  a: ApplicantState,
  named: string | undefined,
  directory: ApplicantDirectory,
): { district?: [string, ApplicantState]; gaps: DiscountGap[] } {
  if (named === undefined) return { gaps: [] };
  const d = directory.get(named);
  if (registered(d)) return { district: [named, d], gaps: [] };
  return {
    gaps: [
      {
        applicant: stream,
        message: `${stream} names district ${named}, which is not registered: its own counts are used`,
        sourceEventIds: a.profileEventIds,
      },
    ],
  };
}

function derive(stream: string, a: ApplicantState, directory: ApplicantDirectory, p: ErateParams): Derived {
  switch (a.kind) {
    case 'school-district': {
      const f = districtFigures(stream, a, directory, p);
      const { locale, ...localeBasis } = f.locale;
      return {
        basis: f.bySchools ? 'district-wide' : 'own',
        district: f.bySchools ? stream : null,
        share: f.share,
        locale,
        localeBasis,
        sourceEventIds: f.sourceEventIds,
        gaps: f.gaps,
      };
    }
    case 'school': {
      const { district, gaps } = namedDistrict(stream, a, directory.districtOf(stream), directory);
      if (!district) return own(stream, a, p, gaps);
      // Every school in a district takes the district-wide discount, locale included.
      const f = districtFigures(district[0], district[1], directory, p);
      const { locale, ...localeBasis } = f.locale;
      return {
        basis: 'school-of-district',
        district: district[0],
        share: f.share,
        locale,
        localeBasis,
        sourceEventIds: [...a.profileEventIds, ...f.sourceEventIds],
        gaps: f.gaps,
      };
    }
    case 'library': {
      const { district, gaps } = namedDistrict(stream, a, a.locatedInDistrict, directory);
      if (!district) return own(stream, a, p, gaps);
      // A library takes the NSLP share of the district it is located in, with its own locale.
      const f = districtFigures(district[0], district[1], directory, p);
      return {
        ...own(stream, a, p),
        basis: 'library-in-district',
        district: district[0],
        share: f.share,
        sourceEventIds: [...a.profileEventIds, ...f.sourceEventIds],
        gaps: f.gaps,
      };
    }
    case 'library-system': {
      const outlets = a.memberApplicantIds.map((m) => directory.get(m)).filter(registered);
      const { district, gaps } = namedDistrict(stream, a, a.locatedInDistrict, directory);
      const f = district ? districtFigures(district[0], district[1], directory, p) : undefined;
      const majority = outlets.length > 0 ? majorityLocale(outlets.map((o) => o.locale)) : undefined;
      const base = own(stream, a, p, gaps);
      return {
        basis: 'library-system',
        district: district?.[0] ?? null,
        share: f?.share ?? base.share,
        locale: majority?.locale ?? a.locale,
        localeBasis: majority ? { by: 'outlets', rural: majority.rural, of: majority.of } : base.localeBasis,
        sourceEventIds: [
          ...a.profileEventIds,
          ...outlets.flatMap((o) => o.profileEventIds),
          ...(f?.sourceEventIds ?? []),
        ],
        gaps: [...gaps, ...(f?.gaps ?? [])],
      };
    }
    case 'consortium':
      return own(stream, a, p);
    default:
      return assertNever(a.kind);
  }
}

function entityDiscount(
  stream: string,
  a: ApplicantState,
  directory: ApplicantDirectory,
  category: ErateCategory,
  p: ErateParams,
): { entity: EntityDiscount; gaps: DiscountGap[] } {
  const d = derive(stream, a, directory, p);
  const band =
    [...p.discountMatrix].reverse().find((b) => d.share.nslpPercent * 100 >= b.fromBasisPoints) ?? p.discountMatrix[0]!;
  const rates = category === 1 ? band.category1 : band.category2;
  return {
    entity: {
      applicant: stream,
      kind: a.kind,
      basis: d.basis,
      district: d.district,
      ...d.share,
      rounding: p.nslpRounding,
      locale: d.locale,
      localeBasis: d.localeBasis,
      band: band.label,
      ratePercent: rates[d.locale],
      sourceEventIds: [...new Set(d.sourceEventIds)],
    },
    gaps: d.gaps,
  };
}

/** Half-up integer average, in exact integer arithmetic. */
const averageHalfUp = (values: readonly number[]): number =>
  Math.floor((2 * values.reduce((a, b) => a + b, 0) + values.length) / (2 * values.length));

/**
 * The discount matrix read at the NSLP percentage rounded to a whole percent, urban or rural. A
 * district's share is total NSLP ÷ total students over its schools (CEP per school: directly
 * certified × 1.6, capped at the school's students), rural when more than half its schools are; its
 * schools take the same discount. A library takes the share of the district it is located in with its
 * own locale; a library system the share of its main outlet's district and the locale of most of its
 * outlets. A consortium gets the simple average of its members' discounts, rounded half up.
 */
export const discountRateRule: Rule<DiscountRateFacts, DiscountRate, ErateParams> = {
  id: 'erate.discount-rate',
  citation: `${ERATE_SOURCES.calculatingDiscountRates}; ${cfr('54.505(b)–(c)')}; ${ERATE_SOURCES.modernizationOrder} ¶¶ 121, 207, 219 (CEP multiplier, rural district, consortium average)`,
  apply: (facts, p) => {
    const applicant = facts.directory.get(facts.applicantStream);
    if (!registered(applicant))
      return { ratePercent: 0, entities: [], consortiumAveraged: false, missingMembers: [], gaps: [] };
    const consortium = applicant.kind === 'consortium';
    const streams = consortium ? applicant.memberApplicantIds : [facts.applicantStream];
    const derived = streams.flatMap((s) => {
      const state = directoryState(facts.directory, s);
      return state ? [entityDiscount(s, state, facts.directory, facts.category, p)] : [];
    });
    const entities = derived.map((d) => d.entity);
    const ratePercent =
      entities.length === 0
        ? 0
        : consortium
          ? averageHalfUp(entities.map((e) => e.ratePercent))
          : entities[0]!.ratePercent;
    return {
      ratePercent,
      entities,
      consortiumAveraged: consortium,
      missingMembers: consortium ? streams.filter((s) => !directoryState(facts.directory, s)) : [],
      gaps: derived.flatMap((d) => d.gaps),
    };
  },
};

const directoryState = (directory: ApplicantDirectory, stream: string): ApplicantState | undefined => {
  const s = directory.get(stream);
  return registered(s) ? s : undefined;
};
