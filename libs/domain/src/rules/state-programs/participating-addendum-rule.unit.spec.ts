import { type ContractState } from '../../contract/state';
import { participatingAddendumRule } from './participating-addendum-rule';

/**
 * The MLTI contract: Maine leads; Mississippi signed an addendum on 2020-06-20, Texas on 2020-08-03; New Hampshire
 * never signed.
 */
const mlti: Pick<ContractState, 'leadState' | 'addenda'> = {
  leadState: 'ME',
  addenda: [
    { usState: 'MS', role: 'purchasing-aggregator', signedOn: '2020-06-20', eventId: 'evt-addendum-ms' },
    { usState: 'TX', role: 'master-contract', signedOn: '2020-08-03', eventId: 'evt-addendum-tx' },
  ],
};

const order = (usState: string, placedOn: string) =>
  participatingAddendumRule.apply({ usState, placedOn, contract: mlti }, null);

describe('participating addendum (coop.participating-addendum-missing)', () => {
  it('the lead state orders under its own award, with no addendum needed', () => {
    expect(order('ME', '2020-07-01')).toEqual({ participating: true, addendumEventId: null });
  });
  it("a state orders under its own addendum, signed before the order: participating, through that addendum's event", () => {
    expect(order('MS', '2020-08-01')).toEqual({ participating: true, addendumEventId: 'evt-addendum-ms' });
  });
  it('another state signed on or before the order, never this one: not participating', () => {
    expect(order('NH', '2020-09-01')).toEqual({ participating: false, addendumEventId: null });
  });
  it("a state's addendum covers only its own orders: Texas's addendum does not cover a Mississippi order placed before Mississippi's own", () => {
    const msLate = {
      ...mlti,
      addenda: [
        { ...mlti.addenda[1]!, signedOn: '2020-06-01' },
        { ...mlti.addenda[0]!, signedOn: '2020-09-01' },
      ],
    };
    expect(participatingAddendumRule.apply({ usState: 'MS', placedOn: '2020-08-01', contract: msLate }, null)).toEqual({
      participating: false,
      addendumEventId: null,
    });
  });
  it('an addendum signed the same day as the order covers it', () => {
    expect(order('TX', '2020-08-03')).toEqual({ participating: true, addendumEventId: 'evt-addendum-tx' });
  });
  it('an order placed the day before the addendum is signed is not covered', () => {
    expect(order('TX', '2020-08-02')).toEqual({ participating: false, addendumEventId: null });
  });
});
