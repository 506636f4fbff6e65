import { stateProgramStreams } from '../src/state-programs';
import { erateStreams } from '../src/erate';
import { type ApplicantProfile } from '../src/applicant/events';
import { type FrnLine, type FundingRequestDrafted } from '../src/funding-request/events';
import { type BidLine, type BidReceived, type BidRequestPosted } from '../src/procurement/events';
import { type EventMetadata } from '../src/shared/envelope';
import { fact, type FactToRecord, Scenario } from './scenario';

/** A scenario over every stream of the ledger, so E-Rate views can read applicants too. */
export const erateScenario = (): Scenario => new Scenario([...stateProgramStreams, ...erateStreams]);

export const applicantRegistered = (
  stream: string,
  profile: Partial<ApplicantProfile> = {},
  metadata?: EventMetadata,
): FactToRecord =>
  fact(
    stream,
    'ApplicantRegistered',
    {
      name: 'Lincoln USD',
      kind: 'school-district',
      usState: 'MS',
      students: 1_000,
      nslpEligibleStudents: 600,
      economicallyDisadvantagedStudents: profile.nslpEligibleStudents ?? 600,
      locale: 'urban',
      cep: false,
      memberApplicantIds: [],
      ...profile,
    },
    metadata,
  );

export const frnLine = (line: Partial<FrnLine> & Pick<FrnLine, 'lineId'>): FrnLine => ({
  product: `Product ${line.lineId}`,
  model: `M-${line.lineId}`,
  location: 'District office',
  eligible: true,
  ancillary: false,
  specificallyRequested: true,
  quantity: 1,
  usualUnitPrice: 0,
  ...line,
});

export const frnDrafted = (
  stream: string,
  draft: Partial<FundingRequestDrafted> = {},
  metadata?: EventMetadata,
): FactToRecord =>
  fact(
    stream,
    'FundingRequestDrafted',
    {
      applicant: 'applicant-lea',
      category: 1,
      spin: '143000001',
      procurement: 'procurement-470',
      fundingYear: 2025,
      serviceStartDate: '2025-07-01',
      lines: [frnLine({ lineId: 'L1', usualUnitPrice: 10_000 })],
      ...draft,
    },
    metadata,
  );

export const bidRequestPosted = (
  stream: string,
  posted: Partial<BidRequestPosted> = {},
  metadata?: EventMetadata,
): FactToRecord =>
  fact(
    stream,
    'BidRequestPosted',
    {
      form470Number: '250001',
      applicant: 'applicant-lea',
      category: 1,
      servicesRequested: ['Internet access'],
      certifyDate: '2025-01-06',
      ...posted,
    },
    metadata,
  );

export const bidLine = (line: Partial<BidLine> = {}): BidLine => ({
  product: 'Internet access',
  model: 'IA-1G',
  eligible: true,
  ancillary: false,
  quantity: 1,
  usualUnitPrice: 100_000,
  ...line,
});

export const bidReceived = (stream: string, bid: Partial<BidReceived> & Pick<BidReceived, 'bidId'>): FactToRecord =>
  fact(stream, 'BidReceived', { spin: '143000001', receivedOn: '2025-01-20', lines: [bidLine()], ...bid });
