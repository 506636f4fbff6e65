import fc from 'fast-check';
import { join } from 'node:path';
import {
  type AppendOptions,
  type EventStore,
  type EventToAppend,
  InMemoryEventStore,
  type ReadStreamOptions,
  type RecordedEvent,
  SqliteEventStore,
  type Subscription,
} from '@ledger/event-store';
import { AsOfBeyondProjection, InvalidAsOf, ReadModels, ReadModelStore, renderAsOf, type Upcaster } from '../index';
import { accountsCatalog, depositUpcaster, fact, type Fact, portfolioModel } from '../../test/accounts-ledger';
import { appendAll, readLog, tempDir } from '../../test/store-helpers';

/** Lets as-of read streams one by one and fails the spec on any read of the whole log. */
class PerStreamReadsOnly implements EventStore {
  constructor(private readonly inner: EventStore) {}
  append(stream: string, events: readonly EventToAppend[], options?: AppendOptions) {
    return this.inner.append(stream, events, options);
  }
  readStream(stream: string, options?: ReadStreamOptions) {
    return this.inner.readStream(stream, options);
  }
  readAll(): AsyncIterable<RecordedEvent> {
    throw new Error('as-of replay scanned the log');
  }
  subscribeToAll(): Subscription {
    throw new Error('as-of replay subscribed to the log');
  }
  streamRevision(stream: string) {
    return this.inner.streamRevision(stream);
  }
  headPosition() {
    return this.inner.headPosition();
  }
  close() {
    return this.inner.close();
  }
}

const owners = ['o1', 'o2', 'o3'] as const;
const accounts = ['a1', 'a2', 'a3', 'a4'] as const;

type Step =
  | { kind: 'owner'; owner: number; vip: boolean }
  | {
      kind: 'account';
      account: number;
      owner: number;
      move: 'deposit' | 'legacy-deposit' | 'withdraw' | 'transfer';
      amount: number;
    }
  | { kind: 'bonus'; owner: number; amount: number }
  | { kind: 'newer'; owner: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('owner' as const), owner: fc.nat(2), vip: fc.boolean() }),
  fc.record({
    kind: fc.constant('account' as const),
    account: fc.nat(3),
    owner: fc.nat(2),
    move: fc.constantFrom('deposit' as const, 'legacy-deposit' as const, 'withdraw' as const, 'transfer' as const),
    amount: fc.integer({ min: 1, max: 9999 }),
  }),
  fc.record({ kind: fc.constant('bonus' as const), owner: fc.nat(2), amount: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('newer' as const), owner: fc.nat(2) }),
);

/**
 * Turns random steps into a history: a stream's first event of its own types registers or opens it; an
 * event of a type a newer version wrote may come anywhere, even first (the projector skips it).
 */
function history(steps: readonly Step[]): Fact[] {
  const registered = new Set<string>();
  const opened = new Set<string>();
  return steps.map((s): Fact => {
    switch (s.kind) {
      case 'owner': {
        const id = owners[s.owner] ?? 'o1';
        if (!registered.has(id)) {
          registered.add(id);
          return fact(`owner-${id}`, 'OwnerRegistered', { name: `Owner ${id}` });
        }
        return fact(`owner-${id}`, 'OwnerTierChanged', { tier: s.vip ? 'vip' : 'standard' });
      }
      case 'account': {
        const stream = `account-${accounts[s.account] ?? 'a1'}`;
        const owner = owners[s.owner] ?? 'o1';
        if (!opened.has(stream)) {
          opened.add(stream);
          return fact(stream, 'AccountOpened', { owner });
        }
        switch (s.move) {
          case 'deposit':
            return fact(stream, 'Deposited', { amountCents: s.amount }, 2);
          case 'legacy-deposit':
            return fact(
              stream,
              'Deposited',
              { amount: `${Math.floor(s.amount / 100)}.${String(s.amount % 100).padStart(2, '0')}` },
              1,
            );
          case 'withdraw':
            return fact(stream, 'Withdrawn', { amountCents: s.amount });
          case 'transfer':
            return fact(stream, 'AccountTransferred', { owner });
        }
        break;
      }
      case 'bonus':
        return fact(`bonus-${owners[s.owner] ?? 'o1'}`, 'BonusGranted', { amountCents: s.amount });
      case 'newer':
        return fact(`owner-${owners[s.owner] ?? 'o1'}`, 'OwnerNicknamed', { nickname: 'Al' });
    }
    throw new Error('unreachable');
  });
}

const upcasters: readonly Upcaster[] = [depositUpcaster];

/** The reference: a store rebuilt from only the events up to `position`. */
function renderRebuiltUpTo(log: readonly RecordedEvent[], position: number, root: string) {
  const store = ReadModelStore.open({ file: ':memory:', catalog: accountsCatalog, upcasters });
  try {
    store.applyBatch(log.filter((e) => e.position <= position));
    return portfolioModel.render(root, store);
  } finally {
    store.close();
  }
}

async function liveOver(events: EventStore): Promise<{ live: ReadModels; log: RecordedEvent[] }> {
  const log = await readLog(events);
  const store = ReadModelStore.open({ file: ':memory:', catalog: accountsCatalog, upcasters });
  store.applyBatch(log);
  return { live: new ReadModels(store), log };
}

describe('as-of replay', () => {
  it('at every position of a random history equals rendering over a store rebuilt from the events up to it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const memory = new InMemoryEventStore();
        await appendAll(memory, history(steps));
        const { live, log } = await liveOver(memory);
        const eventStore = new PerStreamReadsOnly(memory);
        try {
          const head = await memory.headPosition();
          for (let position = 0; position <= head; position++) {
            for (const owner of owners) {
              const root = `owner-${owner}`;
              const asOf = await renderAsOf(portfolioModel, root, position, { eventStore, live });
              expect(asOf.position).toBe(position);
              expect(asOf.model).toEqual(renderRebuiltUpTo(log, position, root));
            }
          }
        } finally {
          live.close();
          await memory.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reads streams the model reached only in the past (a branch the live render no longer takes)', async () => {
    const memory = new InMemoryEventStore();
    const positions = await appendAll(memory, [
      fact('owner-o1', 'OwnerRegistered', { name: 'Ada' }),
      fact('owner-o1', 'OwnerTierChanged', { tier: 'vip' }),
      fact('bonus-o1', 'BonusGranted', { amountCents: 500 }),
      fact('owner-o1', 'OwnerTierChanged', { tier: 'standard' }),
    ]);
    const { live } = await liveOver(memory);
    expect(live.render(portfolioModel, 'owner-o1').model?.bonusCents).toBe(0);
    const past = await renderAsOf(portfolioModel, 'owner-o1', positions[2] ?? 0, {
      eventStore: new PerStreamReadsOnly(memory),
      live,
    });
    expect(past.model).toMatchObject({ tier: 'vip', bonusCents: 500 });
    live.close();
  });

  it('refuses positions that are malformed or not projected yet', async () => {
    const memory = new InMemoryEventStore();
    await appendAll(memory, [fact('owner-o1', 'OwnerRegistered', { name: 'Ada' })]);
    const { live } = await liveOver(memory);
    const sources = { eventStore: memory, live };
    await expect(renderAsOf(portfolioModel, 'owner-o1', -1, sources)).rejects.toBeInstanceOf(InvalidAsOf);
    await expect(renderAsOf(portfolioModel, 'owner-o1', 0.5, sources)).rejects.toBeInstanceOf(InvalidAsOf);
    await expect(renderAsOf(portfolioModel, 'owner-o1', 'last tuesday', sources)).rejects.toBeInstanceOf(InvalidAsOf);
    await expect(renderAsOf(portfolioModel, 'owner-o1', 2, sources)).rejects.toBeInstanceOf(AsOfBeyondProjection);
    live.close();
  });

  describe('by timestamp', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => tmp.remove());

    it('replays as of the last event recorded at or before an instant', async () => {
      const events = SqliteEventStore.open({ file: join(tmp.dir, 'ledger.sqlite') });
      const pause = () => new Promise((resolve) => setTimeout(resolve, 25));
      await appendAll(events, [
        fact('owner-o1', 'OwnerRegistered', { name: 'Ada' }),
        fact('account-a1', 'AccountOpened', { owner: 'o1' }),
      ]);
      await pause();
      await appendAll(events, [
        fact('account-a1', 'Deposited', { amountCents: 900 }, 2),
        fact('owner-o1', 'OwnerTierChanged', { tier: 'vip' }),
      ]);
      await pause();
      await appendAll(events, [
        fact('account-a1', 'Withdrawn', { amountCents: 400 }),
        fact('bonus-o1', 'BonusGranted', { amountCents: 50 }),
      ]);
      const log = await readLog(events);
      const time = (i: number) => Date.parse(log[i]?.recordedAt ?? '');
      const iso = (ms: number) => new Date(ms).toISOString();
      const store = ReadModelStore.open({
        file: join(tmp.dir, 'read-models.sqlite'),
        catalog: accountsCatalog,
        upcasters,
      });
      store.applyBatch(log);
      const sources = { eventStore: new PerStreamReadsOnly(events), live: new ReadModels(store) };

      const cases: Array<[string, number]> = [
        [iso(time(0) - 1000), 0],
        [iso(time(1)), 2],
        [iso((time(1) + time(2)) / 2), 2],
        [new Date(time(3)).toISOString().replace('Z', '+00:00'), 4],
        [iso(time(5) + 60_000), 6],
      ];
      for (const [instant, position] of cases) {
        const asOf = await renderAsOf(portfolioModel, 'owner-o1', instant, sources);
        expect(asOf.position).toBe(position);
        expect(asOf.model).toEqual(renderRebuiltUpTo(log, position, 'owner-o1'));
      }
      expect((await renderAsOf(portfolioModel, 'owner-o1', iso(time(0) - 1000), sources)).model).toBeUndefined();
      store.close();
      await events.close();
    });
  });
});
