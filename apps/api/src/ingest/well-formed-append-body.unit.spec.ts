import 'reflect-metadata';
import { ledgerStreams } from '@ledger/domain';
import { InvalidRequest, validateBody } from '@ledger/ledger';
import { AppendEventsDto } from './append-request.dto';
import { wellFormedAppendBody } from './well-formed-append-body';

/** What the DTO path makes of a body: the instance as JSON (what fingerprints and the store see), or its refusal. */
function slowPath(body: unknown): { json: string } | { refused: true } {
  try {
    return { json: JSON.stringify(validateBody(AppendEventsDto, body)) };
  } catch (error) {
    if (error instanceof InvalidRequest) return { refused: true };
    throw error;
  }
}

/** The fast path may decline anything, but what it accepts the DTO must accept, shaped identically. */
function expectAgreement(body: unknown): 'fast' | 'declined' {
  const fast = wellFormedAppendBody(body);
  if (fast === undefined) return 'declined';
  expect(slowPath(body)).toEqual({ json: JSON.stringify(fast) });
  return 'fast';
}

const examples = ledgerStreams.flatMap((d) =>
  Object.entries(d.events).map(([type, spec]) => ({ type, data: (spec as { example: unknown }).example })),
);
const metadata = {
  source: 'district-erp',
  correlationId: 'c-1',
  causationId: 'c-0',
  occurredAt: '2025-02-03T15:00:00Z',
  ruleSet: 'erate-2025',
};
const uuid = '6f1c3c43-3b0b-4a44-9f5e-2d8a1f0c9b11';

/** A small deterministic generator, so a failure names a reproducible case. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('wellFormedAppendBody (the append body fast path)', () => {
  it('accepts every catalog example, with and without metadata and ids, exactly as the DTO shapes it', () => {
    expect(examples.length).toBeGreaterThan(30);
    for (const { type, data } of examples) {
      expect(expectAgreement({ events: [{ type, data }] })).toBe('fast');
      expect(expectAgreement({ events: [{ data, metadata, type, id: uuid }], expectedRevision: 3 })).toBe('fast');
      expect(
        expectAgreement({
          expectedRevision: 'no_stream',
          events: [
            { metadata: { ruleSet: 'erate-2025' }, type, data },
            { type, data, metadata: {} },
          ],
        }),
      ).toBe('fast');
    }
  });

  it('declines every body the DTO refuses, leaving the wording of the 400 to validateBody', () => {
    const event = { type: 'NeedEstimated', data: { area: 'north' } };
    const bad: unknown[] = [
      null,
      [],
      'text',
      {},
      { events: [] },
      { events: {} },
      { events: [event], extra: 1 },
      { events: [{ ...event, extra: 1 }] },
      { events: [{ ...event, type: 'needEstimated' }] },
      { events: [{ ...event, type: 'N' }] },
      { events: [{ ...event, type: 7 }] },
      { events: [{ type: 'NeedEstimated' }] },
      { events: [{ ...event, data: [] }] },
      { events: [{ ...event, data: 'x' }] },
      { events: [{ ...event, data: null }] },
      { events: [{ ...event, id: 'not-a-uuid' }] },
      { events: [{ ...event, id: 12 }] },
      { events: [{ ...event, metadata: 'x' }] },
      { events: [{ ...event, metadata: { unknown: 1 } }] },
      { events: [{ ...event, metadata: { source: 'x'.repeat(201) } }] },
      { events: [{ ...event, metadata: { correlationId: 5 } }] },
      { events: [{ ...event, metadata: { occurredAt: '2025-02-30T00:00:00Z' } }] },
      { events: [{ ...event, metadata: { occurredAt: 'yesterday' } }] },
      { events: [{ ...event, metadata: { ruleSet: 'Erate 2025' } }] },
      { events: Array.from({ length: 10_001 }, () => event) },
      { events: [{ ...event, data: JSON.parse(`${'{"a":'.repeat(80)}1${'}'.repeat(80)}`) as unknown }] },
    ];
    for (const body of bad) {
      expect(slowPath(body)).toEqual({ refused: true });
      expect(wellFormedAppendBody(body)).toBeUndefined();
    }
  });

  it('declines the rare valid forms it does not vouch for (explicit nulls, metadata as an empty list); the DTO accepts them', () => {
    const event = { type: 'NeedEstimated', data: { area: 'north' } };
    for (const body of [
      { events: [{ ...event, id: null }] },
      { events: [{ ...event, metadata: null }] },
      { events: [{ ...event, metadata: [] }] },
      { events: [{ ...event, metadata: { source: null } }] },
      { events: [event], expectedRevision: null },
    ]) {
      expect(wellFormedAppendBody(body)).toBeUndefined();
      expect(slowPath(body)).toHaveProperty('json');
    }
  });

  it('never accepts a mutated body the DTO refuses, nor shapes one differently (2,000 random mutations)', () => {
    const random = prng(20261125);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const values: unknown[] = [
      null,
      0,
      -1,
      1.5,
      '',
      'x',
      'x'.repeat(201),
      'no_stream',
      uuid,
      uuid.toUpperCase(),
      '2025-02-03',
      '2025-02-03T15:00:00Z',
      'Erate',
      'erate-2025',
      [],
      [1],
      {},
      { a: 1 },
      true,
    ];
    const keys = [
      'events',
      'expectedRevision',
      'id',
      'type',
      'data',
      'metadata',
      'source',
      'correlationId',
      'causationId',
      'occurredAt',
      'ruleSet',
      'other',
      '0',
    ];
    let fast = 0;
    for (let i = 0; i < 2_000; i++) {
      const { type, data } = pick(examples);
      const body = JSON.parse(
        JSON.stringify({ events: [{ id: uuid, type, data, metadata }], expectedRevision: 'any' }),
      ) as Record<string, unknown>;
      for (let m = Math.floor(random() * 3); m >= 0; m--) {
        // Walk to a random object or array inside the body and set, replace or delete one member.
        let target: Record<string, unknown> = body;
        for (let depth = Math.floor(random() * 4); depth > 0; depth--) {
          const children = Object.values(target).filter(
            (v): v is Record<string, unknown> => v !== null && typeof v === 'object',
          );
          if (children.length === 0) break;
          target = pick(children);
        }
        const key = random() < 0.5 ? pick(keys) : pick(Object.keys(target).concat('other'));
        if (random() < 0.2) delete target[key];
        else target[key] = JSON.parse(JSON.stringify(pick(values))) as unknown;
      }
      if (expectAgreement(body) === 'fast') fast += 1;
    }
    // The mutations must exercise both paths, or the comparison proves little.
    expect(fast).toBeGreaterThan(100);
    expect(fast).toBeLessThan(1_900);
  });
});
