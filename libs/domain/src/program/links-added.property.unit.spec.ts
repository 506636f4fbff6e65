import fc from 'fast-check';
import { type Envelope } from '../shared/envelope';
import { programStream } from './stream';
import { type ProgramState } from './state';

const STREAM = 'program-ms-connects';
const types = Object.keys(programStream.events) as Array<keyof typeof programStream.events>;
const exampleOf = (type: keyof typeof programStream.events): Record<string, unknown> => ({
  ...(programStream.events[type].example as object),
});

/** Any program history: each event is its catalog example, allocations going to one of a few applicants. */
const historyArb = fc.array(
  fc.record({
    type: fc.constantFrom(...types),
    applicant: fc.constantFrom('applicant-a', 'applicant-b', 'applicant-c', 'applicant-d'),
  }),
  { maxLength: 40 },
);

const envelopeOf = (type: string, data: Record<string, unknown>, revision: number): Envelope => ({
  id: `e${revision}`,
  stream: STREAM,
  revision,
  position: revision + 1,
  type,
  data,
  metadata: { schemaVersion: 1 },
  recordedAt: '2020-08-01T00:00:00.000Z',
});

describe('program links, one event at a time', () => {
  it('given any history, when each event is folded, then linksAdded names exactly what links gains, and nothing it lacks', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        let state: ProgramState = programStream.decider.initialState;
        history.forEach(({ type, applicant }, revision) => {
          const data = type === 'ProgramFundsAllocated' ? { ...exampleOf(type), applicant } : exampleOf(type);
          const after = programStream.decider.evolve(
            state,
            envelopeOf(type, data, revision) as Parameters<typeof programStream.decider.evolve>[1],
          );
          const added = programStream.linksAdded?.(state, after) ?? [];
          const linksAfter = new Set(programStream.links(after));
          expect(new Set([...programStream.links(state), ...added])).toEqual(linksAfter);
          for (const target of added) expect(linksAfter.has(target)).toBe(true);
          state = after;
        });
      }),
    );
  });

  it('given a program with 800 allocations, when one more is folded, then only that allocation is named', () => {
    let state: ProgramState = programStream.decider.initialState;
    for (let i = 0; i < 800; i++) {
      const data = { ...exampleOf('ProgramFundsAllocated'), applicant: `applicant-${i}` };
      state = programStream.decider.evolve(
        state,
        envelopeOf('ProgramFundsAllocated', data, i) as Parameters<typeof programStream.decider.evolve>[1],
      );
    }
    const after = programStream.decider.evolve(
      state,
      envelopeOf(
        'ProgramFundsAllocated',
        { ...exampleOf('ProgramFundsAllocated'), applicant: 'applicant-new' },
        800,
      ) as Parameters<typeof programStream.decider.evolve>[1],
    );
    expect(programStream.linksAdded?.(state, after)).toEqual(['applicant-new']);
  });
});
