import { usd } from '../shared/money';
import { fact } from '../../testing/scenario';
import {
  MS,
  chromebooks,
  mltiJoinedByMsAndTx,
  msConnectsEstablished,
  newScenario,
  orderPlaced,
  registered,
} from '../../testing/state-program-fixtures';
import { refusalCode } from '../../testing/refusal-code';
import { type OrderState } from './state';

const JACKSON = 'applicant-jackson';
const placed = orderPlaced('order-1', {
  program: MS,
  applicant: JACKSON,
  lines: [chromebooks(10)],
  stateShare: usd(2_400),
  districtShare: usd(600),
});
const givenPlaced = () =>
  newScenario().given(msConnectsEstablished(), ...mltiJoinedByMsAndTx(), registered(JACKSON), placed);

describe('order decider: refuses only impossible facts', () => {
  it('records an order that breaks the cost-share rule (a finding, not a refusal)', () => {
    const s = newScenario().given(msConnectsEstablished(), ...mltiJoinedByMsAndTx(), registered(JACKSON));
    expect(
      s.record(
        orderPlaced('order-1', {
          program: MS,
          applicant: JACKSON,
          lines: [chromebooks(10)],
          stateShare: usd(3_000),
          districtShare: 0,
        }),
      ),
    ).toHaveLength(1);
  });

  it.each([
    ['the program was never established', [...mltiJoinedByMsAndTx(), registered(JACKSON)], 'program-not-established'],
    [
      'the applicant was never registered',
      [msConnectsEstablished(), ...mltiJoinedByMsAndTx()],
      'applicant-not-registered',
    ],
    ['the contract was never awarded', [msConnectsEstablished(), registered(JACKSON)], 'contract-not-awarded'],
  ])('refuses an order when %s', (_why, given, code) => {
    const s = newScenario().given(...given);
    expect(refusalCode(() => s.record(placed))).toBe(code);
  });

  it('refuses an order under a closed program', () => {
    const s = newScenario().given(
      msConnectsEstablished(),
      ...mltiJoinedByMsAndTx(),
      registered(JACKSON),
      fact(MS, 'ProgramClosed', { closedOn: '2021-12-30', reason: 'funds expended' }),
    );
    expect(refusalCode(() => s.record(placed))).toBe('program-closed');
  });

  it('refuses an item that is not in the catalog, or ordered as another kind', () => {
    const s = newScenario().given(msConnectsEstablished(), ...mltiJoinedByMsAndTx(), registered(JACKSON));
    const line = (itemId: string, kind: 'device' | 'hotspot') =>
      orderPlaced('order-1', {
        program: MS,
        applicant: JACKSON,
        lines: [{ itemId, kind, quantity: 1, unitPrice: usd(100) }],
        stateShare: usd(80),
        districtShare: usd(20),
      });
    expect(refusalCode(() => s.record(line('tablet-x', 'device')))).toBe('item-not-in-catalog');
    expect(refusalCode(() => s.record(line('hotspot', 'device')))).toBe('item-kind-mismatch');
  });

  it('refuses shares that do not make up the order total', () => {
    const s = newScenario().given(msConnectsEstablished(), ...mltiJoinedByMsAndTx(), registered(JACKSON));
    expect(
      refusalCode(() =>
        s.record(
          orderPlaced('order-1', {
            program: MS,
            applicant: JACKSON,
            lines: [chromebooks(10)],
            stateShare: usd(2_400),
            districtShare: usd(500),
          }),
        ),
      ),
    ).toBe('shares-do-not-add-up');
  });

  it('records a share correction that still makes up the order total; refuses one that does not, on an order never placed or cancelled', () => {
    const correction = (stateShare: number, districtShare: number) =>
      fact('order-1', 'OrderSharesCorrected', {
        stateShare,
        districtShare,
        correctedOn: '2020-08-10',
        reason: 'district raised its share',
      });
    expect(refusalCode(() => givenPlaced().record(correction(usd(2_400), usd(599.99))))).toBe('shares-do-not-add-up');
    expect(refusalCode(() => givenPlaced().record(correction(usd(2_400), usd(600.01))))).toBe('shares-do-not-add-up');
    expect(givenPlaced().record(correction(usd(2_000), usd(1_000)))).toHaveLength(1);
    const s = newScenario().given(msConnectsEstablished(), ...mltiJoinedByMsAndTx(), registered(JACKSON));
    expect(refusalCode(() => s.record(correction(usd(2_400), usd(600))))).toBe('order-not-placed');
    const cancelled = givenPlaced().given(
      fact('order-1', 'OrderCancelled', { cancelledOn: '2020-08-02', reason: 'x' }),
    );
    expect(refusalCode(() => cancelled.record(correction(usd(2_400), usd(600))))).toBe('order-cancelled');
  });

  it('keeps the shares as placed beside each correction', () => {
    const s = givenPlaced().given(
      fact('order-1', 'OrderSharesCorrected', {
        stateShare: usd(2_000),
        districtShare: usd(1_000),
        correctedOn: '2020-08-10',
        reason: 'district raised its share',
      }),
    );
    expect(s.facts.state<OrderState>('order-1')).toMatchObject({
      stateShare: usd(2_000),
      districtShare: usd(1_000),
      placedShares: { stateShare: usd(2_400), districtShare: usd(600) },
      corrections: [
        {
          stateShare: usd(2_000),
          districtShare: usd(1_000),
          correctedOn: '2020-08-10',
          reason: 'district raised its share',
          eventId: s.idOf('OrderSharesCorrected'),
        },
      ],
      lastFactOn: '2020-08-10',
    });
  });

  it('refuses placing the same order twice', () => {
    expect(refusalCode(() => givenPlaced().record(placed))).toBe('order-already-placed');
  });

  it.each([
    ['OrderDelivered', { deliveredOn: '2020-09-01' }],
    ['OrderCancelled', { cancelledOn: '2020-09-01', reason: 'x' }],
    ['CostShareClaimed', { claimId: 'c-1', amount: 100, claimedOn: '2020-09-01' }],
    ['SlaBreachReported', { breachId: 'b-1', reportedOn: '2020-09-01', description: 'x', units: 1 }],
  ])('refuses %s on an order never placed', (type, data) => {
    const s = newScenario().given(msConnectsEstablished(), ...mltiJoinedByMsAndTx(), registered(JACKSON));
    expect(refusalCode(() => s.record(fact('order-9', type, data)))).toBe('order-not-placed');
  });

  it('refuses delivery twice and cancelling a delivered order', () => {
    const s = givenPlaced().given(fact('order-1', 'OrderDelivered', { deliveredOn: '2020-09-01' }));
    expect(refusalCode(() => s.record(fact('order-1', 'OrderDelivered', { deliveredOn: '2020-09-02' })))).toBe(
      'order-already-delivered',
    );
    expect(
      refusalCode(() => s.record(fact('order-1', 'OrderCancelled', { cancelledOn: '2020-09-02', reason: 'x' }))),
    ).toBe('order-already-delivered');
  });

  it('refuses delivery of a cancelled order', () => {
    const s = givenPlaced().given(fact('order-1', 'OrderCancelled', { cancelledOn: '2020-08-02', reason: 'x' }));
    expect(refusalCode(() => s.record(fact('order-1', 'OrderDelivered', { deliveredOn: '2020-09-01' })))).toBe(
      'order-cancelled',
    );
  });

  it('pays a claim in parts but refuses a reimbursement above the claim, or for a claim never made', () => {
    const s = givenPlaced().given(
      fact('order-1', 'CostShareClaimed', { claimId: 'c-1', amount: usd(2_400), claimedOn: '2020-09-01' }),
      fact('order-1', 'ReimbursementPaid', { claimId: 'c-1', amount: usd(2_000), paidOn: '2020-10-01' }),
    );
    expect(
      refusalCode(() =>
        s.record(fact('order-1', 'ReimbursementPaid', { claimId: 'c-1', amount: usd(400.01), paidOn: '2020-10-02' })),
      ),
    ).toBe('reimbursement-above-claim');
    expect(
      s.record(fact('order-1', 'ReimbursementPaid', { claimId: 'c-1', amount: usd(400), paidOn: '2020-10-02' })),
    ).toHaveLength(1);
    expect(
      refusalCode(() =>
        s.record(fact('order-1', 'ReimbursementPaid', { claimId: 'c-2', amount: 1, paidOn: '2020-10-02' })),
      ),
    ).toBe('claim-not-found');
    expect(
      refusalCode(() =>
        s.record(fact('order-1', 'CostShareClaimed', { claimId: 'c-1', amount: 1, claimedOn: '2020-10-03' })),
      ),
    ).toBe('claim-already-made');
  });

  it('refuses a remedy for a breach never reported, and a second remedy for the same breach', () => {
    const s = givenPlaced();
    expect(
      refusalCode(() =>
        s.record(fact('order-1', 'SlaRemedyApplied', { breachId: 'b-1', remedy: 'repair', appliedOn: '2021-01-02' })),
      ),
    ).toBe('breach-not-reported');
    s.given(
      fact('order-1', 'SlaBreachReported', { breachId: 'b-1', reportedOn: '2021-01-01', description: 'x', units: 1 }),
      fact('order-1', 'SlaRemedyApplied', { breachId: 'b-1', remedy: 'repair', appliedOn: '2021-01-02' }),
    );
    expect(
      refusalCode(() =>
        s.record(
          fact('order-1', 'SlaRemedyApplied', { breachId: 'b-1', remedy: 'replacement', appliedOn: '2021-01-03' }),
        ),
      ),
    ).toBe('breach-already-remedied');
    expect(
      refusalCode(() =>
        s.record(
          fact('order-1', 'SlaBreachReported', {
            breachId: 'b-1',
            reportedOn: '2021-01-04',
            description: 'x',
            units: 1,
          }),
        ),
      ),
    ).toBe('breach-already-reported');
  });

  it('refuses a quote after the order was placed', () => {
    expect(
      refusalCode(() =>
        givenPlaced().record(
          fact('order-1', 'QuoteReceived', {
            contract: 'contract-mlti-2020',
            quotedOn: '2020-08-02',
            lines: [chromebooks(1)],
          }),
        ),
      ),
    ).toBe('order-already-placed');
  });
});
