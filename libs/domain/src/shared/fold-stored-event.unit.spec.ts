import { type StreamDefinition } from './decider';
import { type Envelope } from './envelope';
import { foldStoredEvent } from './fold-stored-event';
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
  decider: { initialState: 0, decide: () => [], evolve: (n: number) => n + 1 },
  links: () => [],
} as unknown as StreamDefinition;

const stored = (type: string, data: unknown): Envelope => ({
  id: 'e1',
  stream: 'counter-1',
  revision: 0,
  position: 1,
  type,
  data,
  metadata: {},
  recordedAt: '2026-01-01T00:00:00.000Z',
});

describe('folding a stored event into its stream', () => {
  it('folds an event the catalog accepts', () => {
    expect(foldStoredEvent(counter, 4, stored('Added', { by: 2 }))).toEqual({ kind: 'folded', state: 5 });
  });
  it('skips a type the stream does not know, own keys only', () => {
    expect(foldStoredEvent(counter, 4, stored('Reset', {}))).toEqual({ kind: 'skipped' });
    expect(foldStoredEvent(counter, 4, stored('toString', {}))).toEqual({ kind: 'skipped' });
  });
  it('stops at an event the catalog refuses, naming each field', () => {
    expect(foldStoredEvent(counter, 4, stored('Added', { by: -1 }))).toEqual({
      kind: 'stopped',
      reason: expect.stringMatching(/^by: /),
    });
    expect(foldStoredEvent(counter, 4, stored('Added', null))).toEqual({
      kind: 'stopped',
      reason: '(data): must be an object',
    });
  });
});
