import { type Envelope } from '@ledger/domain';
import { upcasterChain } from './upcasting';

const stored = (type: string, data: unknown, schemaVersion?: number): Envelope => ({
  id: 'e1',
  stream: 'account-a1',
  revision: 0,
  position: 1,
  type,
  data,
  metadata: schemaVersion === undefined ? {} : { schemaVersion },
  recordedAt: '2025-01-01T00:00:00.000Z',
});

describe('upcasterChain', () => {
  const v1ToV2 = {
    type: 'Deposited',
    fromVersion: 1,
    toVersion: 2,
    upcast: (d: unknown) => ({ cents: Number((d as { dollars: number }).dollars) * 100 }),
  };
  const v2ToV3 = {
    type: 'Deposited',
    fromVersion: 2,
    toVersion: 3,
    upcast: (d: unknown) => ({ amountCents: (d as { cents: number }).cents }),
  };

  it('given a v1 event, when upcast through v1→v2→v3, then it has the current shape and version', () => {
    const upcast = upcasterChain([v2ToV3, v1ToV2]);
    const event = upcast(stored('Deposited', { dollars: 3 }, 1));
    expect(event.data).toEqual({ amountCents: 300 });
    expect(event.metadata.schemaVersion).toBe(3);
  });

  it('treats an event without schemaVersion as version 1 and leaves current or other events alone', () => {
    const upcast = upcasterChain([v1ToV2]);
    expect(upcast(stored('Deposited', { dollars: 2 })).data).toEqual({ cents: 200 });
    const current = stored('Deposited', { cents: 5 }, 2);
    expect(upcast(current)).toBe(current);
    const other = stored('Withdrawn', { dollars: 1 }, 1);
    expect(upcast(other)).toBe(other);
  });

  it('does not change the stored event it reads', () => {
    const event = stored('Deposited', { dollars: 4 }, 1);
    upcasterChain([v1ToV2])(event);
    expect(event).toEqual(stored('Deposited', { dollars: 4 }, 1));
  });

  it('refuses chains that go backwards or are ambiguous', () => {
    expect(() => upcasterChain([{ ...v1ToV2, toVersion: 1 }])).toThrow(/greater one/);
    expect(() => upcasterChain([v1ToV2, { ...v1ToV2, toVersion: 3 }])).toThrow(
      /Two upcasters for Deposited schemaVersion 1/,
    );
  });
});
