import { MS_TERMS, TX_TERMS } from '../../testing/state-program-fixtures';
import { requiresInterlocalAgreement } from './requirements';
import { initialProgramState, type ProgramState } from './state';

const requiring = (...escs: string[]): ProgramState => ({
  ...initialProgramState,
  established: true,
  requirements: escs.map((esc, i) => ({
    requirement: 'interlocal-agreement',
    esc,
    deadline: '2020-08-31',
    eventId: `req-${i}`,
  })),
});

describe('interlocal agreement requirement (Texas: "school boards had to approve an interlocal agreement with the Region 4 ESC")', () => {
  it('a program needs an agreement when its terms say so, or when it set the requirement; otherwise not', () => {
    expect(requiresInterlocalAgreement(requiring(), TX_TERMS)).toBe(true);
    expect(requiresInterlocalAgreement(requiring(), MS_TERMS)).toBe(false);
    expect(requiresInterlocalAgreement(requiring(), null)).toBe(false);
    expect(requiresInterlocalAgreement(requiring('Region 4 ESC'), MS_TERMS)).toBe(true);
    expect(requiresInterlocalAgreement(requiring('Region 4 ESC'), null)).toBe(true);
  });
});
