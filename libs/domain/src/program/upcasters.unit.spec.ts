import { type Envelope } from '../shared/envelope';
import { programStream } from './stream';
import { LEGACY_RULE_SET_TERMS } from './legacy-terms';
import { type ProgramState } from './state';
import { programEstablishedV1ToV2 } from './upcasters';

const v1 = (ruleSet: string, costShare: unknown): Envelope => ({
  id: 'e1',
  stream: 'program-old',
  revision: 0,
  position: 7,
  type: 'ProgramEstablished',
  data: {
    name: 'Mississippi Connects',
    usState: 'MS',
    fundingSource: 'CARES Act',
    totalFunds: 20_000_000_000,
    costShare,
    ruleSet,
    establishedOn: '2020-07-01',
  },
  metadata: { schemaVersion: 1 },
  recordedAt: '2020-07-01T00:00:00.000Z',
});

const upcastAndFold = (e: Envelope): ProgramState => {
  const data = programEstablishedV1ToV2.upcast(e.data, e);
  expect(programStream.events.ProgramEstablished.validate(data)).toEqual([]);
  return programStream.decider.evolve(programStream.decider.initialState, {
    ...e,
    data,
    metadata: { schemaVersion: 2 },
  } as Parameters<typeof programStream.decider.evolve>[1]);
};

describe('ProgramEstablished v1 → v2 upcaster', () => {
  it('given a v1 Mississippi program naming state-ms-connects-2020, when folded, then it has the 80/20 terms its rule set held, effective on its establishment date', () => {
    const state = upcastAndFold(
      v1('state-ms-connects-2020', { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 }),
    );

    expect(state.termsVersions).toEqual([
      {
        version: 1,
        eventId: 'e1',
        position: 7,
        effectiveFrom: '2020-07-01',
        terms: {
          share: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
          interlocalAgreementRequired: false,
        },
      },
    ]);
    expect(state).toMatchObject({
      established: true,
      name: 'Mississippi Connects',
      totalFunds: 20_000_000_000,
      ruleSet: 'state-program-terms',
    });
  });

  it('given a v1 Texas program naming state-tx-connectivity-2020, when folded, then it gets the old working bands, marked unconfirmed', () => {
    const state = upcastAndFold(
      v1('state-tx-connectivity-2020', {
        kind: 'matching-by-economically-disadvantaged-share',
        tableId: 'tea-operation-connectivity-2020',
      }),
    );

    expect(state.termsVersions[0]?.terms).toEqual(LEGACY_RULE_SET_TERMS['state-tx-connectivity-2020']);
    expect(state.termsVersions[0]?.terms.unconfirmed).toMatch(/could not|never loaded|states only/);
    expect(state.termsVersions[0]?.terms.interlocalAgreementRequired).toBe(true);
  });

  it('leaves a v1 program naming a rule set that never existed unchanged, so the v2 check stops it as malformed rather than inventing terms', () => {
    const e = v1('state-zz', { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 });
    const data = programEstablishedV1ToV2.upcast(e.data, e);

    expect(data).toBe(e.data);
    expect(
      programStream.events.ProgramEstablished.validate(data)
        .map((x) => x.field)
        .sort(),
    ).toEqual(['costShare', 'terms']);
  });

  it("goes from schemaVersion 1 to the catalog's current version", () => {
    expect(programEstablishedV1ToV2).toMatchObject({
      type: 'ProgramEstablished',
      fromVersion: 1,
      toVersion: programStream.events.ProgramEstablished.schemaVersion,
    });
  });
});
