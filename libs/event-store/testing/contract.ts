import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  DuplicateEventId,
  type EventStore,
  type ExpectedRevision,
  InvalidAppend,
  StoreClosed,
  StreamNotFound,
  WrongExpectedVersion,
} from '../src';
import { collect, ev, take } from './helpers';

export interface ContractSubject {
  store: EventStore;
  /** Closes the store and opens the same data again; omitted by stores that keep nothing. */
  reopen?: () => Promise<EventStore>;
  dispose: () => Promise<void>;
}
export type ContractFactory = () => Promise<ContractSubject>;
export interface ContractCheck {
  name: string;
  run: (subject: ContractSubject) => Promise<void>;
}

const s = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

/**
 * The behaviour every adapter must show. Kept as plain checks (not jest `it`s) so a test can also run
 * them against a deliberately broken adapter and expect them to fail.
 */
export const contractChecks: ContractCheck[] = [
  {
    name: 'appends get gap-free revisions from 0 and strictly increasing positions',
    run: async ({ store }) => {
      const stream = s('frn');
      const first = await store.append(stream, [ev('A', 1), ev('B', 2)], { expectedRevision: 'no_stream' });
      const second = await store.append(stream, [ev('C', 3)], { expectedRevision: 1 });
      expect(first.nextExpectedRevision).toBe(1);
      expect(second.nextExpectedRevision).toBe(2);
      const positions = [...first.positions, ...second.positions];
      expect(positions).toHaveLength(3);
      for (let i = 1; i < positions.length; i++) expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
      const events = await store.readStream(stream);
      expect(events.map((e) => [e.revision, e.type, e.data['n'], e.position])).toEqual([
        [0, 'A', 1, positions[0]],
        [1, 'B', 2, positions[1]],
        [2, 'C', 3, positions[2]],
      ]);
      expect(events[0]!.metadata).toEqual({ schemaVersion: 1 });
      expect(Number.isNaN(Date.parse(events[0]!.recordedAt))).toBe(false);
      expect(await store.streamRevision(stream)).toBe(2);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(positions[2]!);
    },
  },
  {
    name: "expectedRevision 'no_stream' succeeds only on a new stream",
    run: async ({ store }) => {
      const stream = s('applicant');
      await store.append(stream, [ev('A')], { expectedRevision: 'no_stream' });
      const error = await store.append(stream, [ev('B')], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersion);
      expect(error).toMatchObject({ stream, expected: 'no_stream', actual: 0 });
    },
  },
  {
    name: "expectedRevision 'stream_exists' fails on a new stream and succeeds on an existing one",
    run: async ({ store }) => {
      const stream = s('order');
      const error = await store
        .append(stream, [ev('A')], { expectedRevision: 'stream_exists' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersion);
      expect(error).toMatchObject({ expected: 'stream_exists', actual: undefined });
      await expect(store.streamRevision(stream)).resolves.toBeUndefined();
      await store.append(stream, [ev('A')]);
      await expect(store.append(stream, [ev('B')], { expectedRevision: 'stream_exists' })).resolves.toMatchObject({
        nextExpectedRevision: 1,
      });
    },
  },
  {
    name: 'an exact expectedRevision must equal the current revision',
    run: async ({ store }) => {
      const stream = s('program');
      await store.append(stream, [ev('A'), ev('B')]);
      for (const stale of [0, 2, 7]) {
        const error = await store.append(stream, [ev('X')], { expectedRevision: stale }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersion);
        expect(error).toMatchObject({ expected: stale, actual: 1 });
      }
      const missing = await store.append(s('none'), [ev('X')], { expectedRevision: 0 }).catch((e: unknown) => e);
      expect(missing).toMatchObject({ expected: 0, actual: undefined });
      await expect(store.append(stream, [ev('C')], { expectedRevision: 1 })).resolves.toMatchObject({
        nextExpectedRevision: 2,
      });
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    },
  },
  {
    name: "expectedRevision 'any' appends whatever the state",
    run: async ({ store }) => {
      const stream = s('asset');
      await store.append(stream, [ev('A')], { expectedRevision: 'any' });
      await store.append(stream, [ev('B')], { expectedRevision: 'any' });
      await store.append(stream, [ev('C')]);
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
    },
  },
  {
    name: 'a multi-event append is all or nothing',
    run: async ({ store }) => {
      const stream = s('frn');
      const taken = randomUUID();
      await store.append(s('other'), [{ ...ev('Taken'), id: taken }]);
      const head = await store.headPosition();
      const error = await store
        .append(stream, [ev('A'), ev('B'), { ...ev('C'), id: taken }, ev('D')], { expectedRevision: 'no_stream' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateEventId);
      expect(await store.streamRevision(stream)).toBeUndefined();
      await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamNotFound);
      await store.append(s('after'), [ev('Z')]);
      const tail = await collect(store.readAll({ fromPosition: head + 1 }));
      expect(tail.map((e) => e.type)).toEqual(['Z']);
    },
  },
  {
    name: 'concurrent appends with the same expected revision: exactly one wins',
    run: async ({ store }) => {
      const stream = s('frn');
      await store.append(stream, [ev('Drafted')]);
      const racers = 12;
      const results = await Promise.allSettled(
        Array.from({ length: racers }, (_, i) =>
          store.append(stream, [ev('Offered', i), ev('Offered', i)], { expectedRevision: 0 }),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(racers - 1);
      for (const l of lost) expect(l.reason).toBeInstanceOf(WrongExpectedVersion);
      const events = await store.readStream(stream);
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(events[1]!.data).toEqual(events[2]!.data);
    },
  },
  {
    name: "concurrent appends with 'any' lose nothing and keep revisions gap-free",
    run: async ({ store }) => {
      const stream = s('order');
      const writers = 40;
      await Promise.all(Array.from({ length: writers }, (_, i) => store.append(stream, [ev('Placed', i)])));
      const events = await store.readStream(stream);
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: writers }, (_, i) => i));
      expect(new Set(events.map((e) => e.data['n']))).toEqual(new Set(Array.from({ length: writers }, (_, i) => i)));
    },
  },
  {
    name: 'readStream honours direction, fromRevision and maxCount',
    run: async ({ store }) => {
      const stream = s('bids');
      await store.append(
        stream,
        Array.from({ length: 6 }, (_, i) => ev('Bid', i)),
      );
      const revs = async (o: Parameters<EventStore['readStream']>[1]) =>
        (await store.readStream(stream, o)).map((e) => e.revision);
      expect(await revs({})).toEqual([0, 1, 2, 3, 4, 5]);
      expect(await revs({ fromRevision: 2, maxCount: 3 })).toEqual([2, 3, 4]);
      expect(await revs({ direction: 'backwards' })).toEqual([5, 4, 3, 2, 1, 0]);
      expect(await revs({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
      expect(await revs({ fromRevision: 9 })).toEqual([]);
      expect(await revs({ maxCount: 0 })).toEqual([]);
      await expect(store.readStream(s('missing'))).rejects.toBeInstanceOf(StreamNotFound);
    },
  },
  {
    name: 'readAll returns every event in position order from an inclusive position',
    run: async ({ store }) => {
      const a = s('a');
      const b = s('b');
      const head = await store.headPosition();
      await store.append(a, [ev('A0')]);
      await store.append(b, [ev('B0'), ev('B1')]);
      await store.append(a, [ev('A1')]);
      const all = await collect(store.readAll({ fromPosition: head + 1 }));
      expect(all.map((e) => `${e.stream === a ? 'a' : 'b'}:${e.type}`)).toEqual(['a:A0', 'b:B0', 'b:B1', 'a:A1']);
      const fromThird = await collect(store.readAll({ fromPosition: all[2]!.position }));
      expect(fromThird.map((e) => e.type)).toEqual(['B1', 'A1']);
      const two = await collect(store.readAll({ fromPosition: head + 1, maxCount: 2 }));
      expect(two.map((e) => e.type)).toEqual(['A0', 'B0']);
    },
  },
  {
    name: 'a subscription catches up and goes live under concurrent writers with no gap and no duplicate',
    run: async ({ store }) => {
      const start = await store.headPosition();
      const streams = [s('x'), s('y'), s('z')];
      const perStream = 60;
      const write = async (stream: string) => {
        for (let i = 0; i < perStream; i += 3) {
          await store.append(stream, [ev('E', i), ev('E', i + 1), ev('E', i + 2)]);
          if (i % 9 === 0) await new Promise((r) => setTimeout(r, 1));
        }
      };
      const firstHalf = Promise.all(streams.map(write));
      await new Promise((r) => setTimeout(r, 5));
      const subscription = store.subscribeToAll({ fromPosition: start });
      const received = take(subscription, streams.length * perStream * 2, 20_000);
      await firstHalf;
      await Promise.all(streams.map(write));
      const events = await received;
      await subscription.close();
      const expected = await collect(store.readAll({ fromPosition: start + 1 }));
      expect(events.map((e) => e.position)).toEqual(expected.map((e) => e.position).slice(0, events.length));
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      for (const stream of streams) {
        expect(events.filter((e) => e.stream === stream).map((e) => e.revision)).toEqual(
          Array.from({ length: perStream * 2 }, (_, i) => i),
        );
      }
    },
  },
  {
    name: 'a subscription resumes after a checkpoint with exactly the events that follow it',
    run: async ({ store }) => {
      const stream = s('resume');
      const { positions } = await store.append(
        stream,
        Array.from({ length: 5 }, (_, i) => ev('E', i)),
      );
      const checkpoint = positions[2]!;
      const subscription = store.subscribeToAll({ fromPosition: checkpoint });
      const first = await take(subscription, 2);
      expect(first.map((e) => e.data['n'])).toEqual([3, 4]);
      const live = take(subscription, 1);
      await store.append(stream, [ev('E', 5)]);
      expect((await live).map((e) => e.data['n'])).toEqual([5]);
      await subscription.close();
    },
  },
  {
    name: 'appended events survive closing and reopening the store',
    run: async (subject) => {
      if (!subject.reopen) return;
      const stream = s('durable');
      await subject.store.append(stream, [ev('A', 1), ev('B', 2)]);
      const head = await subject.store.headPosition();
      const reopened = await subject.reopen();
      subject.store = reopened;
      expect((await reopened.readStream(stream)).map((e) => e.data['n'])).toEqual([1, 2]);
      expect(await reopened.headPosition()).toBe(head);
      await expect(reopened.append(stream, [ev('C')], { expectedRevision: 1 })).resolves.toMatchObject({
        nextExpectedRevision: 2,
      });
      expect(await reopened.headPosition()).toBeGreaterThan(head);
    },
  },
  {
    name: 'malformed appends are refused before anything is written',
    run: async ({ store }) => {
      const head = await store.headPosition();
      await expect(store.append(s('empty'), [])).rejects.toBeInstanceOf(InvalidAppend);
      await expect(store.append('$all', [ev('A')])).rejects.toBeInstanceOf(InvalidAppend);
      await expect(store.append(s('bad'), [{ type: '', data: {} }])).rejects.toBeInstanceOf(InvalidAppend);
      await expect(store.append(s('bad'), [{ ...ev('A'), id: 'not-a-uuid' }])).rejects.toBeInstanceOf(InvalidAppend);
      await expect(store.append(s('bad'), [ev('A')], { expectedRevision: -1 })).rejects.toBeInstanceOf(InvalidAppend);
      expect(await store.headPosition()).toBe(head);
    },
  },
  {
    name: 'property: any sequence of appends behaves like the reference model',
    run: async ({ store }) => {
      const op = fc.record({
        stream: fc.constantFrom('p', 'q', 'r'),
        count: fc.integer({ min: 1, max: 3 }),
        expected: fc.oneof(
          fc.constant<ExpectedRevision>('any'),
          fc.constant<ExpectedRevision>('no_stream'),
          fc.constant<ExpectedRevision>('stream_exists'),
          fc.integer({ min: 0, max: 4 }),
        ),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
          const prefix = s('prop');
          const model = new Map<string, number>();
          const start = await store.headPosition();
          let written = 0;
          for (const o of ops) {
            const stream = `${prefix}-${o.stream}`;
            const actual = model.get(stream);
            const ok =
              o.expected === 'any' ||
              (o.expected === 'no_stream' && actual === undefined) ||
              (o.expected === 'stream_exists' && actual !== undefined) ||
              o.expected === actual;
            const result = await store
              .append(
                stream,
                Array.from({ length: o.count }, (_, i) => ev('E', i)),
                { expectedRevision: o.expected },
              )
              .then(
                () => true,
                (e: unknown) => (e instanceof WrongExpectedVersion ? false : Promise.reject(e)),
              );
            expect(result).toBe(ok);
            if (ok) {
              model.set(stream, (actual ?? -1) + o.count);
              written += o.count;
            }
          }
          const all = await collect(store.readAll({ fromPosition: start + 1 }));
          expect(all.filter((e) => e.stream.startsWith(prefix))).toHaveLength(written);
          for (const [stream, revision] of model) expect(await store.streamRevision(stream)).toBe(revision);
        }),
        { numRuns: 25 },
      );
    },
  },
  {
    name: 'a closed store refuses further work',
    run: async (subject) => {
      await subject.store.close();
      await expect(subject.store.append(s('late'), [ev('A')])).rejects.toBeInstanceOf(StoreClosed);
    },
  },
];

/** Registers the contract as a jest suite for one adapter. */
export function eventStoreContract(adapter: string, factory: ContractFactory): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let subject: ContractSubject;
    beforeEach(async () => {
      subject = await factory();
    });
    afterEach(async () => {
      await subject.dispose();
    });
    for (const check of contractChecks) {
      it(check.name, () => check.run(subject), 30_000);
    }
  });
}
