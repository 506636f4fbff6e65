import { type StreamDefinition } from './decider';
import { type Envelope } from './envelope';
import { FoldedFacts } from './folded-facts';
import { count, validator } from './validation';

const counter = {
  prefix: 'counter',
  description: 'A counter',
  events: {
    Added: {
      description: 'Added to the counter',
      schemaVersion: 1,
      validate: validator({ by: count }),
      example: { by: 1 },
    },
  },
  decider: { initialState: 0, decide: () => [], evolve: (n: number, e: Envelope) => n + (e.data as { by: number }).by },
  links: () => [],
} as unknown as StreamDefinition;

let position = 0;
const stored = (stream: string, type: string, data: unknown): Envelope => ({
  id: `e${++position}`,
  stream,
  revision: 0,
  position,
  type,
  data,
  metadata: {},
  recordedAt: '2026-01-01T00:00:00.000Z',
});

describe('stream states folded in memory', () => {
  it('keeps a stream whose event type it does not know, as the projector does, and folds on', () => {
    const facts = new FoldedFacts([counter]);
    expect(facts.apply(stored('counter-1', 'Reset', {}))).toEqual({ kind: 'skipped' });
    expect(facts.state('counter-1')).toBe(0);
    facts.apply(stored('counter-1', 'Added', { by: 2 }));
    expect(facts.state('counter-1')).toBe(2);
  });
  it('stops a stream at a malformed event: later events of it answer the stop, other streams fold on', () => {
    const facts = new FoldedFacts([counter]);
    facts.apply(stored('counter-1', 'Added', { by: 2 }));
    const stop = facts.apply(stored('counter-1', 'Added', { by: -1 }));
    expect(stop).toEqual({ kind: 'stopped', reason: expect.stringMatching(/^by: /) });
    expect(facts.apply(stored('counter-1', 'Added', { by: 3 }))).toEqual(stop);
    facts.apply(stored('counter-2', 'Added', { by: 5 }));
    expect([facts.state('counter-1'), facts.state('counter-2'), facts.position]).toEqual([2, 5, position]);
  });
  it('ignores streams outside the catalog but counts their positions', () => {
    const facts = new FoldedFacts([counter]);
    expect(facts.apply(stored('other-1', 'Added', { by: 1 }))).toBeUndefined();
    expect([facts.state('other-1'), facts.position]).toEqual([undefined, position]);
  });
});
