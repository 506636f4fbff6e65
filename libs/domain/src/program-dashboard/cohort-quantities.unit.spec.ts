import fc from 'fast-check';
import { type FactsLookup } from '../shared/facts';
import { type ContractState } from '../contract/state';
import { initialOrderState, type OrderState } from '../order/state';
import { CohortQuantities } from './program-assessment';

/** The rule as first written: for one order, rescan every order of the contract. */
function rescan(orders: OrderState[], through: OrderState | null, countsCancelled: boolean): Map<string, number> {
  const quantities = new Map<string, number>();
  for (const o of orders) {
    if (!o.placed || (o.cancelled && !countsCancelled)) continue;
    if (through && o.placedPosition > through.placedPosition) continue;
    for (const line of o.lines) quantities.set(line.itemId, (quantities.get(line.itemId) ?? 0) + line.quantity);
  }
  return quantities;
}

const facts = (contract: Partial<ContractState>, orders: OrderState[]): FactsLookup => {
  const states = new Map<string, unknown>([
    ['contract-c', contract],
    ...orders.map((o, i) => [`order-${i}`, o] as [string, unknown]),
  ]);
  return {
    position: 0,
    state: <S>(stream: string) => states.get(stream) as S | undefined,
    linkedFrom: (stream: string, prefix: string) =>
      stream === 'contract-c' && prefix === 'order' ? orders.map((_, i) => `order-${i}`) : [],
  };
};

const orderArb = fc.record({
  placed: fc.boolean(),
  cancelled: fc.boolean(),
  placedPosition: fc.integer({ min: 1, max: 12 }),
  lines: fc.array(
    fc.record({ itemId: fc.constantFrom('chromebook', 'hotspot'), quantity: fc.integer({ min: 1, max: 500 }) }),
    { maxLength: 3 },
  ),
});

describe('CohortQuantities', () => {
  it('given any orders of a contract, then each order sees what a rescan of every order up to it sees (cancelled orders left out as the rule set says, ties in position included)', () => {
    const ruleSet = 'coop-naspo-mlti';
    const countsCancelled = false;
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 12 }), (drawn) => {
        const orders: OrderState[] = drawn.map((o) => ({
          ...initialOrderState,
          placed: o.placed,
          placedPosition: o.placedPosition,
          cancelled: o.cancelled ? { cancelledOn: '2020-09-01', reason: 'r', eventId: 'e' } : null,
          lines: o.lines.map((l) => ({ ...l, kind: l.itemId === 'hotspot' ? 'hotspot' : 'device', unitPrice: 100 })),
        }));
        const cohort = new CohortQuantities('contract-c', facts({ ruleSet }, orders));
        for (const order of orders)
          expect(new Map(cohort.through(order))).toEqual(rescan(orders, order, countsCancelled));
        expect(new Map(cohort.through(null))).toEqual(rescan(orders, null, countsCancelled));
      }),
      { numRuns: 300 },
    );
  });
});
