import { type StreamDefinition } from './decider';
import { type Envelope } from './envelope';
import { checkStoredEvent } from './stored-event-check';
import { count, validator } from './validation';

const counter = {
  prefix: 'counter',
  description: 'A counter',
  events: { Added: { description: 'Added to the counter', schemaVersion: 1, validate: validator({ by: count }), example: { by: 1 } } },
  decider: { initialState: 0, decide: () => [], evolve: (n: number) => n + 1 },
  links: () => [],
} as unknown as StreamDefinition;

const stored = (type: string, data: unknown): Envelope => ({ id: 'e1', stream: 'counter-1', revision: 0, position: 1, type, data, metadata: {}, recordedAt: '2026-01-01T00:00:00.000Z' });

describe('checking a stored event before it is folded', () => {
  it('folds an event the catalog accepts', () => {
    expect(checkStoredEvent(counter, stored('Added', { by: 2 }))).toEqual({ kind: 'fold' });
  });
  it('skips a type the stream does not know, own keys only', () => {
    expect(checkStoredEvent(counter, stored('Reset', {}))).toEqual({ kind: 'unknown-type' });
    expect(checkStoredEvent(counter, stored('toString', {}))).toEqual({ kind: 'unknown-type' });
  });
  it('stops at an event the catalog refuses, naming each field', () => {
    expect(checkStoredEvent(counter, stored('Added', { by: -1 }))).toEqual({ kind: 'malformed', reason: expect.stringMatching(/^by: /) });
    expect(checkStoredEvent(counter, stored('Added', null))).toEqual({ kind: 'malformed', reason: '(data): must be an object' });
  });
});
