import { erate2025, erate2030 } from '../../rule-set/erate-rule-sets';
import { type Form471WindowFacts, form471WindowRule } from './form-471-window-rule';

const p = erate2030.params;
const WINDOW =
  'the FY2026 Form 471 window 2026-01-21 – 2026-04-01 (USAC E-Rate News Brief, December 18, 2025 (FY2026 application window))';
const judge = (f: Partial<Form471WindowFacts> = {}) =>
  form471WindowRule.apply({ fundingYear: 2026, draftEventId: 'e-draft', ...f }, p);
const submitted = (submittedOn: string) => ({ submission: { submittedOn, eventId: 'e-471' } });
const certified = (certifyDate: string) => ({ form470: { certifyDate, eventId: 'e-470' } });

describe('Form 471 window (USAC-announced window per funding year)', () => {
  it('FY2026: filed on the first and the last day of the window, Form 470 certified exactly 28 days before it closes → no finding', () => {
    expect(judge({ ...submitted('2026-01-21'), ...certified('2026-03-04') })).toEqual([]);
    expect(judge({ ...submitted('2026-04-01'), ...certified('2026-03-04') })).toEqual([]);
  });
  it('filed the day before the window opens or the day after it closes → violation naming the window and its source', () => {
    expect(judge(submitted('2026-01-20'))).toEqual([
      {
        severity: 'violation',
        message: `Form 471 submitted on 2026-01-20, outside ${WINDOW}`,
        sourceEventIds: ['e-draft', 'e-471'],
      },
    ]);
    expect(judge(submitted('2026-04-02'))).toEqual([
      {
        severity: 'violation',
        message: `Form 471 submitted on 2026-04-02, outside ${WINDOW}`,
        sourceEventIds: ['e-draft', 'e-471'],
      },
    ]);
  });
  it('Form 470 certified the day after the last day (less than 28 days before the window closes) → violation with the last day', () => {
    expect(judge({ ...submitted('2026-03-30'), ...certified('2026-03-05') })).toEqual([
      {
        severity: 'violation',
        message: `Form 470 certified on 2026-03-05, less than 28 days before ${WINDOW} closes; the last day to certify it was 2026-03-04`,
        sourceEventIds: ['e-draft', 'e-470'],
      },
    ]);
    expect(judge({ ...submitted('2026-03-30'), ...certified('2026-03-03') })).toEqual([]);
  });
  it('not yet submitted: info with the window', () => {
    expect(judge()).toEqual([
      {
        severity: 'info',
        message: `Form 471 not yet submitted: file it within ${WINDOW}`,
        sourceEventIds: ['e-draft'],
      },
    ]);
  });
  it('a funding year whose window the rule set does not record: info saying so, never a guessed window', () => {
    expect(
      form471WindowRule.apply(
        { fundingYear: 2024, draftEventId: 'e-draft', ...submitted('2024-03-01') },
        erate2025.params,
      ),
    ).toEqual([
      {
        severity: 'info',
        message:
          'The FY2024 Form 471 window is not recorded in the rule set; the filing date 2024-03-01 cannot be checked against it',
        sourceEventIds: ['e-draft', 'e-471'],
      },
    ]);
    expect(judge({ fundingYear: 2027 })).toEqual([
      {
        severity: 'info',
        message:
          'The FY2027 Form 471 window is not recorded in the rule set; the filing date cannot be checked against it',
        sourceEventIds: ['e-draft'],
      },
    ]);
  });
});
