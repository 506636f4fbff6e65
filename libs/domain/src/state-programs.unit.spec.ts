import { InvalidEventData } from './shared/errors';
import {
  applicantStream,
  type CooperativeContractAwarded,
  contractStream,
  orderStream,
  programStream,
  stateProgramStreams,
} from './state-programs';
import { Scenario, fact } from '../testing/scenario';

const fieldsOf = (errors: { field: string }[]) => errors.map((e) => e.field).sort();

describe('state-program event catalogs', () => {
  const everyEvent = stateProgramStreams.flatMap((d) =>
    Object.entries(d.events).map(([type, spec]) => [`${d.prefix}/${type}`, spec] as const),
  );

  it.each(everyEvent)(
    '%s: the example payload is valid, schemaVersion 1 (2 for ProgramEstablished, which states its terms), described',
    (name, spec) => {
      expect(spec.validate(spec.example)).toEqual([]);
      expect(spec.schemaVersion).toBe(name === 'program/ProgramEstablished' ? 2 : 1);
      expect(spec.description.length).toBeGreaterThan(10);
    },
  );

  it('an event type names a past fact', () => {
    for (const [name] of everyEvent) expect(name).toMatch(/(ed|Paid|Set)$/);
  });

  it('OrderPlaced names every bad field at once, including fields it does not know', () => {
    const errors = orderStream.events.OrderPlaced.validate({
      program: 'contract-x',
      contract: 'contract-mlti',
      applicant: '',
      placedOn: '2020-02-30',
      lines: [{ itemId: 'chromebook', kind: 'laptop', quantity: 0, unitPrice: 12.5 }],
      stateShare: -1,
      districtShare: 'all',
      discount: 5,
    });
    expect(fieldsOf(errors)).toEqual(
      [
        'applicant',
        'discount',
        'districtShare',
        'lines[0].kind',
        'lines[0].quantity',
        'lines[0].unitPrice',
        'placedOn',
        'program',
        'stateShare',
      ].sort(),
    );
  });

  it('ApplicantRegistered rejects subsets larger than the student count, by field', () => {
    const example = applicantStream.events.ApplicantRegistered.example as Record<string, unknown>;
    expect(
      applicantStream.events.ApplicantRegistered.validate({
        ...example,
        students: 100,
        nslpEligibleStudents: 101,
        economicallyDisadvantagedStudents: 150,
      }),
    ).toEqual([
      { field: 'nslpEligibleStudents', message: 'must not exceed students' },
      { field: 'economicallyDisadvantagedStudents', message: 'must not exceed students' },
    ]);
    expect(
      fieldsOf(
        applicantStream.events.ApplicantRegistered.validate({
          ...example,
          kind: 'college',
          usState: 'Texas',
          memberApplicantIds: ['frn-1'],
          cep: 'yes',
        }),
      ),
    ).toEqual(['cep', 'kind', 'memberApplicantIds[0]', 'usState']);
  });

  it('ProgramEstablished checks the terms by kind of share, and the v1 costShare field is no longer known', () => {
    const example = programStream.events.ProgramEstablished.example as Record<string, unknown>;
    const terms = (share: unknown) => ({ share, interlocalAgreementRequired: false });
    expect(
      fieldsOf(
        programStream.events.ProgramEstablished.validate({
          ...example,
          terms: terms({ kind: 'fixed-split', stateMaxPercent: 180, districtMinPercent: 20, tableId: 'x' }),
        }),
      ),
    ).toEqual(['terms.share.stateMaxPercent', 'terms.share.tableId']);
    expect(
      fieldsOf(
        programStream.events.ProgramEstablished.validate({
          ...example,
          terms: terms({ kind: 'grant' }),
          costShare: {},
          totalFunds: 1.5,
        }),
      ),
    ).toEqual(['costShare', 'terms.share.kind', 'totalFunds']);
  });

  it('CooperativeContractAwarded checks the tier ladder, unique items, SLA terms and the term', () => {
    const example = contractStream.events.CooperativeContractAwarded.example as CooperativeContractAwarded['data'];
    const item = example.catalog[0]!;
    const errors = contractStream.events.CooperativeContractAwarded.validate({
      ...example,
      catalog: [
        {
          ...item,
          priceTiers: [
            { minCohortQuantity: 10, unitPrice: 100 },
            { minCohortQuantity: 10, unitPrice: 120 },
          ],
        },
      ],
      sla: { remedyWithinDays: 0, remedies: ['refund'], repairReplacementCoverageEndsOn: '2023-06-31' },
    });
    expect(fieldsOf(errors)).toEqual([
      'catalog[0].priceTiers[0].minCohortQuantity',
      'catalog[0].priceTiers[1].minCohortQuantity',
      'catalog[0].priceTiers[1].unitPrice',
      'sla.remedies[0]',
      'sla.remedyWithinDays',
      'sla.repairReplacementCoverageEndsOn',
    ]);
    expect(
      fieldsOf(contractStream.events.CooperativeContractAwarded.validate({ ...example, catalog: [item, item] })),
    ).toEqual(['catalog[1].itemId']);
    expect(
      contractStream.events.CooperativeContractAwarded.validate({
        ...example,
        termStart: '2024-01-01',
        termEnd: '2023-01-01',
      }),
    ).toEqual([{ field: 'termEnd', message: 'must not be before termStart' }]);
  });

  it('a bad payload never reaches the decider: nothing is recorded', () => {
    const s = new Scenario(stateProgramStreams);
    expect(() =>
      s.record(fact('order-1', 'SlaRemedyApplied', { breachId: 'b 1', remedy: 'apology', appliedOn: 'soon' })),
    ).toThrow(InvalidEventData);
    expect(s.recorded).toEqual([]);
  });
});
