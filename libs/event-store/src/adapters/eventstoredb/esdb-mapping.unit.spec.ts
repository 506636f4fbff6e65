import { ANY, NO_STREAM, START, STREAM_EXISTS } from '@eventstore/db-client';
import {
  isSystemEvent,
  subscriptionStart,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toPortPosition,
  toSafeNumber,
} from './esdb-mapping';

describe('EventStoreDB revision and position mapping', () => {
  it('maps each expectedRevision mode to the client constant and numbers to 64-bit revisions', () => {
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });

  it('uses the $all commit position as the port position, both ways', () => {
    expect(toPortPosition({ commit: 1_234_567n, prepare: 1_234_567n }, 'event')).toBe(1_234_567);
    expect(toEsdbPosition(1_234_567)).toEqual({ commit: 1_234_567n, prepare: 1_234_567n });
    expect(toPortPosition(toEsdbPosition(Number.MAX_SAFE_INTEGER), 'event')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a position past 2^53 rather than rounding it', () => {
    const tooFar = BigInt(Number.MAX_SAFE_INTEGER) + 2n;
    expect(() => toPortPosition({ commit: tooFar, prepare: tooFar }, 'event x')).toThrow(RangeError);
    expect(() => toSafeNumber(-1n, 'Stream revision')).toThrow(/does not fit/);
  });

  it('names an event without a position (servers before 22.6 leave stream reads unpositioned)', () => {
    expect(() => toPortPosition(undefined, 'event abc')).toThrow(/event abc without a \$all position/);
  });

  it('starts a subscription at the beginning for no checkpoint or 0, else exclusively after the checkpoint', () => {
    expect(subscriptionStart(undefined)).toBe(START);
    expect(subscriptionStart(0)).toBe(START);
    expect(subscriptionStart(4_096)).toEqual({ commit: 4_096n, prepare: 4_096n });
  });

  it("treats $-typed events and $-streams as EventStoreDB's own, and nothing else", () => {
    expect(isSystemEvent('$statsCollection', '$stats-127.0.0.1:2113')).toBe(true);
    expect(isSystemEvent('$>', 'program-1')).toBe(true);
    expect(isSystemEvent('Anything', '$$program-1')).toBe(true);
    expect(isSystemEvent('ProgramEstablished', 'program-1')).toBe(false);
    expect(isSystemEvent('Funds$Allocated', 'program-1')).toBe(false);
  });
});
