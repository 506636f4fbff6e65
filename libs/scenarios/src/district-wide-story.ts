import { type ApplicantProfile, type FrnLine } from '@ledger/domain';
import { AppendRecorder } from './append-recorder';
import { type ScenarioAppend } from './scenario-append';

/** The district-wide tour's stream names. */
export const districtWideStreams = (tag: string) => ({
  district: `applicant-${tag}-district`,
  school: (n: number) => `applicant-${tag}-school-${n}`,
  library: `applicant-${tag}-library`,
  specialConstruction: `frn-${tag}-special-construction`,
  districtSwitches: `frn-${tag}-district-switches`,
  schoolAccessPoints: `frn-${tag}-school-access-points`,
  fy2026AccessPoints: `frn-${tag}-fy2026-access-points`,
});

const profile = (
  p: Partial<ApplicantProfile> & Pick<ApplicantProfile, 'name' | 'kind' | 'students'>,
): ApplicantProfile => ({
  usState: 'MS',
  nslpEligibleStudents: 0,
  economicallyDisadvantagedStudents: 0,
  locale: 'urban',
  cep: false,
  memberApplicantIds: [],
  ...p,
});

const line = (lineId: string, product: string, usualUnitPrice: number, more: Partial<FrnLine> = {}): FrnLine => ({
  lineId,
  product,
  model: `M-${lineId}`,
  location: 'District',
  eligible: true,
  ancillary: false,
  specificallyRequested: true,
  quantity: 1,
  usualUnitPrice,
  ...more,
});

/**
 * A district of four schools (the student counts of E-Rate Central's FY2021 budget example), two of
 * them CEP and one of those capped at its enrolment, with a library located in it: every school and the
 * library take the district-wide NSLP share (1,017 of 1,723 = 59% → 80%), the district is urban with
 * two of four schools rural, its Category 2 budget is $167 × its validated 1,723 students, and a
 * special-construction request with 10% state funding gets a 10-point match (80 + 10 + 10 = 100%).
 * That request then goes through the deadlines applicants miss (commitment, Form 486 with its CIPA
 * certification, USAC's notification, an invoice in time); the provider gives the district's technology
 * director a gift above $20; and a school files a FY2026 request under the FY2026–2030 rule set.
 */
export function* districtWideStory(
  scenario: string,
  seed: number,
  tag: string,
  spin: string,
): Generator<ScenarioAppend> {
  const rec = new AppendRecorder(scenario, seed);
  const s = districtWideStreams(tag);
  const on = '2025-01-06';
  const schools: Partial<ApplicantProfile>[] = [
    { students: 529, cep: true, directlyCertifiedStudents: 200, nslpEligibleStudents: 320 },
    { students: 576, nslpEligibleStudents: 300 },
    { students: 247, cep: true, directlyCertifiedStudents: 200, nslpEligibleStudents: 247, locale: 'rural' },
    { students: 371, nslpEligibleStudents: 150, locale: 'rural' },
  ];
  yield rec.fact(
    s.district,
    'ApplicantRegistered',
    profile({
      name: 'Magnolia Consolidated School District',
      kind: 'school-district',
      students: 1_723,
      nslpEligibleStudents: 1_017,
    }),
    on,
  );
  for (const [i, school] of schools.entries()) {
    yield rec.fact(
      s.school(i + 1),
      'ApplicantRegistered',
      profile({ name: `Magnolia School ${i + 1}`, kind: 'school', students: 0, district: s.district, ...school }),
      on,
    );
  }
  yield rec.fact(
    s.library,
    'ApplicantRegistered',
    profile({
      name: 'Magnolia Public Library',
      kind: 'library',
      students: 0,
      locale: 'rural',
      librarySquareFeet: 4_000,
      locatedInDistrict: s.district,
    }),
    on,
  );
  yield rec.fact(s.district, 'CategoryTwoCountValidated', { fundingYear: 2021, students: 1_700 }, '2021-02-01');
  yield rec.fact(s.district, 'CategoryTwoCountValidated', { fundingYear: 2024, students: 1_723 }, '2024-02-01');

  const drafted = (frn: string, applicant: string, category: 1 | 2, lines: FrnLine[]) =>
    rec.fact(
      frn,
      'FundingRequestDrafted',
      {
        applicant,
        category,
        spin,
        procurement: `procurement-${tag}-470`,
        fundingYear: 2025,
        serviceStartDate: '2025-07-01',
        lines,
      },
      '2025-03-10',
    );
  yield drafted(s.specialConstruction, s.district, 1, [
    line('SC', 'Fiber special construction to School 4', 10_000_000, { specialConstruction: true }),
    line('IA', 'Internet access 1 Gbps', 1_200_000),
  ]);
  yield rec.fact(
    s.specialConstruction,
    'StateMatchCommitted',
    { statePercent: 10, source: 'State broadband special construction fund' },
    '2025-03-12',
  );
  yield drafted(s.districtSwitches, s.district, 2, [line('SW', 'Network switches', 20_000_000)]);
  yield drafted(s.schoolAccessPoints, s.school(2), 2, [line('AP', 'Wireless access points', 6_000_000)]);

  // The special-construction request committed at its E-Rate share (80% + 10 match points: $99,600), then
  // Form 486 (CIPA certified), USAC's notification and an invoice well before the invoice deadline.
  yield rec.fact(
    s.specialConstruction,
    'FundingRequestSubmitted',
    { form471Number: `${tag}-471-1`, submittedOn: '2025-03-20' },
    '2025-03-20',
  );
  yield rec.fact(
    s.specialConstruction,
    'FundingCommitted',
    { amount: 9_960_000, committedOn: '2025-06-16' },
    '2025-06-16',
  );
  yield rec.fact(s.specialConstruction, 'Form486Filed', { filedOn: '2025-08-01', cipa: 'compliant' }, '2025-08-01');
  yield rec.fact(s.specialConstruction, 'Form486Notified', { notifiedOn: '2025-08-20' }, '2025-08-20');
  yield rec.fact(
    s.specialConstruction,
    'InvoiceSubmitted',
    { invoiceNumber: `${tag}-BEAR-1`, form: 'BEAR', amount: 9_960_000, submittedOn: '2025-12-15' },
    '2025-12-15',
  );
  // A gift above the $20 an item limit from the provider, found on the district's compliance.
  yield rec.fact(
    `provider-${spin}`,
    'GiftGiven',
    {
      applicant: s.district,
      recipient: 'Technology director',
      description: 'Concert tickets',
      value: 3_500,
      givenOn: '2025-02-10',
      givenBy: 'Account manager',
    },
    '2025-02-10',
  );
  // FY2026: judged under erate-2030 ($201.57 a student), filed within the FY2026 Form 471 window.
  yield rec.fact(
    s.fy2026AccessPoints,
    'FundingRequestDrafted',
    {
      applicant: s.school(3),
      category: 2,
      spin,
      procurement: `procurement-${tag}-470`,
      fundingYear: 2026,
      serviceStartDate: '2026-07-01',
      lines: [line('AP', 'Wireless access points', 4_000_000)],
    },
    '2026-01-26',
  );
  yield rec.fact(
    s.fy2026AccessPoints,
    'FundingRequestSubmitted',
    { form471Number: `${tag}-471-2`, submittedOn: '2026-03-02' },
    '2026-03-02',
  );
}
