import { usd } from '@ledger/domain';
import { chromebooks, fact, hotspots } from '@ledger/domain/testing';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { lastPosition, postFacts, readModel } from '../support/recorded-facts';
import { statePrograms } from './state-program-facts';

// A state the ledger has never seen sets up its own program over HTTP: its terms are facts on the
// program's stream, amended with an effective date; every order's state share is earned or not, and
// the order and the program explain their figures with the terms version and the events behind them.

describe('acceptance: a new state states its own program terms, and explains every state-share dollar', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => ledger.close());

  const f = statePrograms('oh1');
  const program = 'program-ohio-devices-oh1';
  const district = 'applicant-columbus-oh1';
  const established = fact(program, 'ProgramEstablished', {
    name: 'Ohio Student Devices',
    usState: 'OH',
    fundingSource: 'State appropriation',
    totalFunds: usd(1_000_000),
    terms: {
      share: { kind: 'fixed-split', stateMaxPercent: 70, districtMinPercent: 30 },
      caps: { perOrder: usd(50_000) },
      eligibleItems: { kinds: ['device'] },
      interlocalAgreementRequired: false,
    },
    establishedOn: '2021-01-04',
  });
  const amended = fact(program, 'ProgramTermsAmended', {
    terms: {
      share: { kind: 'fixed-split', stateMaxPercent: 50, districtMinPercent: 50 },
      interlocalAgreementRequired: false,
    },
    effectiveFrom: '2021-03-01',
    reason: 'Second round: half of the remaining funds per order',
  });
  const post = (stream: string, type: string, data: unknown) =>
    ledger.request('POST', `/v1/streams/${stream}/events`, {
      key: ledger.keys.integration,
      body: { events: [{ type, data }] },
    });
  const auditorGet = (url: string) => ledger.request('GET', url, { key: ledger.keys.auditor });

  it('establish, order, amend, order again: each order is judged under the terms in force on its date, and explain names the terms version with positions', async () => {
    const posted = await postFacts(ledger, [
      established,
      ...f.mltiJoinedByMsAndTx(),
      fact(f.mlti, 'ParticipatingAddendumSigned', { usState: 'OH', role: 'master-contract', signedOn: '2021-01-04' }),
      f.registered(district, { name: 'Columbus City Schools', usState: 'OH' }),
      // $30,000 of Chromebooks (eligible) and $1,000 of hotspots (not): the state may pay 70% of $30,000 = $21,000.
      f.orderPlaced('order-oh-1', {
        program,
        applicant: district,
        lines: [chromebooks(100), hotspots(10)],
        stateShare: usd(21_000),
        districtShare: usd(10_000),
        placedOn: '2021-02-01',
      }),
      amended,
      // After the amendment: 50/50 with no cap and every line eligible.
      f.orderPlaced('order-oh-2', {
        program,
        applicant: district,
        lines: [chromebooks(100)],
        stateShare: usd(15_000),
        districtShare: usd(15_000),
        placedOn: '2021-03-01',
      }),
    ]);
    const at = lastPosition(posted);
    const idOf = (type: string) => posted.find((p) => p.type === type)!;

    const first = await auditorGet(`/v1/orders/oh-1/explain?asOf=${at}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      order: 'order-oh-1',
      program,
      ruleSet: 'state-program-terms',
      terms: {
        version: 1,
        eventId: idOf('ProgramEstablished').id,
        effectiveFrom: '2021-01-04',
        position: idOf('ProgramEstablished').position,
      },
      stateShare: usd(21_000),
      districtShare: usd(10_000),
      earnedStateShare: usd(21_000),
      earnedReason: 'terms-met',
    });
    const earnedStep = first.body.steps.find((s: { step: string }) => s.step === 'State share earned');
    expect(earnedStep.values).toMatchObject({
      maxStateShare: usd(21_000),
      minDistrictShare: usd(10_000),
      earnedStateShare: usd(21_000),
    });
    expect(earnedStep.sources.map((s: { type: string; position: number }) => [s.type, s.position])).toEqual([
      ['ProgramEstablished', idOf('ProgramEstablished').position],
      ['OrderPlaced', posted.find((p) => p.stream === 'order-oh-1')!.position],
    ]);

    const second = await auditorGet(`/v1/orders/oh-2/explain?asOf=${at}`);
    expect(second.body).toMatchObject({
      terms: { version: 2, eventId: idOf('ProgramTermsAmended').id, effectiveFrom: '2021-03-01' },
      earnedStateShare: usd(15_000),
      earnedReason: 'terms-met',
    });

    const programExplain = await auditorGet(`/v1/programs/ohio-devices-oh1/explain?asOf=${at}`);
    expect(programExplain.status).toBe(200);
    expect(programExplain.body).toMatchObject({
      program,
      funds: { total: usd(1_000_000), committed: usd(36_000), remaining: usd(964_000), overCommitted: 0 },
      terms: { version: 2, effectiveFrom: '2021-03-01' },
    });
    expect(programExplain.body.steps.map((s: { step: string }) => s.step)).toEqual([
      'Program funds',
      'Terms version 1',
      'Terms version 2',
      'Order order-oh-1',
      'Order order-oh-2',
      'Committed and remaining',
    ]);

    const view = await readModel(ledger, '/v1/orders/oh-1', at);
    expect(view.status).toBe(200);
    expect(view.body.data).toMatchObject({ earnedStateShare: usd(21_000), terms: { version: 1 } });
  });

  it('refuses (422, naming the rule) terms that contradict themselves, an unknown rule set and an overlapping amendment, and records nothing', async () => {
    const other = 'program-ohio-bad-oh1';
    const bad = (terms: unknown) => ({ ...(established.data as object), terms });
    const split = await post(
      other,
      'ProgramEstablished',
      bad({
        share: { kind: 'fixed-split', stateMaxPercent: 70, districtMinPercent: 20 },
        interlocalAgreementRequired: false,
      }),
    );
    expect(split.status).toBe(422);
    expect(split.body.code).toBe('terms.split-does-not-add-up');
    const bands = await post(
      other,
      'ProgramEstablished',
      bad({
        share: {
          kind: 'matching-by-economically-disadvantaged-share',
          bands: [
            { fromShare: 0, matchRate: 2_500 },
            { fromShare: 0, matchRate: 5_000 },
          ],
        },
        interlocalAgreementRequired: false,
      }),
    );
    expect(bands.body.code).toBe('terms.bands-out-of-order');
    const ruleSet = await post(other, 'ProgramEstablished', {
      ...(established.data as object),
      ruleSet: 'state-zz-2020',
    });
    expect(ruleSet.status).toBe(422);
    expect(ruleSet.body.code).toBe('unknown-rule-set');
    expect((await auditorGet(`/v1/streams/${other}`)).status).toBe(404);

    const overlap = await post(program, 'ProgramTermsAmended', {
      ...(amended.data as object),
      effectiveFrom: '2021-03-01',
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.code).toBe('terms.effective-dates-overlap');
  });

  it('explain answers 404 for an order never placed, and only auditors may call it', async () => {
    expect((await auditorGet('/v1/orders/none-such/explain')).status).toBe(404);
    expect((await ledger.request('GET', '/v1/orders/oh-1/explain', { key: ledger.keys.dashboard })).status).toBe(403);
  });
});
