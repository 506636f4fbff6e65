import { MS_TERMS, programRequiring, TX_TERMS } from '../../testing/state-program-fixtures';
import { requiresInterlocalAgreement } from './requirements';

describe('interlocal agreement requirement (Texas: "school boards had to approve an interlocal agreement with the Region 4 ESC")', () => {
  it('a program needs an agreement when its terms say so, or when it set the requirement; otherwise not', () => {
    expect(requiresInterlocalAgreement(programRequiring(), TX_TERMS)).toBe(true);
    expect(requiresInterlocalAgreement(programRequiring(), MS_TERMS)).toBe(false);
    expect(requiresInterlocalAgreement(programRequiring(), null)).toBe(false);
    expect(requiresInterlocalAgreement(programRequiring('Region 4 ESC'), MS_TERMS)).toBe(true);
    expect(requiresInterlocalAgreement(programRequiring('Region 4 ESC'), null)).toBe(true);
  });
});
