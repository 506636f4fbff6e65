import { existsSync } from 'node:fs';
import { type StreamDefinition } from '@ledger/domain';
import { type EventStore } from '@ledger/event-store';
import {
  type ProjectionChange,
  Projector,
  ReadModels,
  ReadModelStore,
  readModelsFile,
  rebuild,
  RebuildDigestUnavailable,
  RebuildInProgress,
  type RebuildProgress,
} from './index';
import {
  accountStream,
  accountsCatalog,
  fact,
  type Fact,
  portfolioModel,
  sampleHistory,
} from '../test/accounts-ledger';
import { adapters } from '../test/event-store-adapters';
import { appendAll, tempDir } from '../test/store-helpers';
import { dumpTables } from '../test/table-dump';
import { until } from '../test/until';

const deposits = (count: number, offset = 0): Fact[] =>
  Array.from({ length: count }, (_, i) => fact(`account-a${(i % 3) + 1}`, 'Deposited', { amountCents: i + offset }, 2));

describe.each(adapters)('rebuild over the %s event store', (_name, openEvents) => {
  let tmp: ReturnType<typeof tempDir>;
  let events: EventStore;
  let file: string;
  let models: ReadModels;
  let projector: Projector;
  beforeEach(async () => {
    tmp = tempDir();
    events = openEvents(tmp.dir);
    file = readModelsFile(tmp.dir);
    await appendAll(events, [...sampleHistory().slice(0, 6), fact('account-a3', 'AccountOpened', { owner: 'o2' })]);
    models = new ReadModels(ReadModelStore.open({ file, catalog: accountsCatalog }));
    // Small live batches interleaved with appends: a different batching from the rebuild's.
    projector = new Projector(events, models, { batchSize: 2 });
    projector.start();
    await projector.catchUp();
    await appendAll(events, deposits(40));
    await projector.catchUp();
  });
  afterEach(async () => {
    await projector.stop();
    models.close();
    await events.close();
    tmp.remove();
  });

  it('produces byte-identical tables to the live store, and the next start opens the rebuilt file', async () => {
    const live = dumpTables(file);
    const liveDigest = models.current.contentDigest();
    const progress: RebuildProgress[] = [];
    const result = await rebuild({ eventStore: events, models, projector, onProgress: (p) => progress.push(p) });
    expect(result.digest).toBe(liveDigest);
    expect(dumpTables(file)).toEqual(live);
    expect(existsSync(`${file}.rebuild`)).toBe(false);
    // Filled without per-batch syncs, the swapped-in store syncs every live commit again.
    expect(models.current.durability).toBe('batch');
    expect(progress[0]).toEqual({ done: 0, total: result.position });
    expect(progress[progress.length - 1]).toEqual({ done: result.position, total: result.position });
    expect(progress.every((p, i) => p.done <= p.total && p.done >= (progress[i - 1]?.done ?? 0))).toBe(true);

    await projector.stop();
    models.close();
    const reopened = ReadModelStore.open({ file, catalog: accountsCatalog });
    expect(reopened.opened).toBe('resumed');
    expect(reopened.contentDigest()).toBe(liveDigest);
    models = new ReadModels(reopened);
  });

  it('swaps the new store in while reads and appends continue, and the live projector carries on with it', async () => {
    const before = models.current;
    const changes: ProjectionChange[] = [];
    const watching = models.changes$.subscribe((c) => changes.push(c));
    let readsBefore = 0;
    let readsAfter = 0;
    let readError: unknown;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        try {
          const { model } = models.render(portfolioModel, 'owner-o1');
          if (!model || model.owner !== 'Ada') throw new Error(`unexpected portfolio ${JSON.stringify(model)}`);
          if (models.current === before) readsBefore += 1;
          else readsAfter += 1;
        } catch (error) {
          readError = error;
          return;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const writer = appendAll(events, deposits(30, 100));
    const result = await rebuild({ eventStore: events, models, projector, batchSize: 5 });
    await writer;
    await projector.catchUp();
    await until(() => readsAfter > 3 || readError !== undefined, 'reads on the new store');
    reading = false;
    await reader;
    watching.unsubscribe();

    expect(readError).toBeUndefined();
    expect(readsBefore).toBeGreaterThan(3);
    expect(readsAfter).toBeGreaterThan(0);
    expect(models.current).not.toBe(before);
    expect(before.closed).toBe(true);
    expect(projector.status).toBe('running');
    expect(changes.some((c) => c.rebuilt && c.position === result.position)).toBe(true);
    expect(models.position).toBe(await events.headPosition());
    const fresh = ReadModelStore.open({ file: ':memory:', catalog: accountsCatalog });
    const log = [];
    for await (const event of events.readAll()) log.push(event);
    fresh.applyBatch(log);
    expect(models.current.contentDigest()).toBe(fresh.contentDigest());
    fresh.close();
    // The live projector went on while the rebuilt file was hashed; the digest is of the file as swapped in.
    const swapped = ReadModelStore.open({ file: ':memory:', catalog: accountsCatalog });
    swapped.applyBatch(log.filter((e) => e.position <= result.position));
    expect(result.digest).toBe(swapped.contentDigest());
    swapped.close();
  });

  it('given a rebuild past its swap, when the event loop next turns, then the live projector runs while the new store is hashed', async () => {
    let seen: { status: string; rebuilding: boolean } | undefined;
    const watching = models.changes$.subscribe((change) => {
      if (change.rebuilt) setImmediate(() => (seen = { status: projector.status, rebuilding: models.rebuilding }));
    });
    const result = await rebuild({ eventStore: events, models, projector });
    watching.unsubscribe();
    expect(seen).toEqual({ status: 'running', rebuilding: true });
    expect(result.digest).toBe(models.current.contentDigest());
  });

  it('given a rebuild hashing its swapped-in store, when the read models close, then it stops and says the new store is in place without a digest', async () => {
    const watching = models.changes$.subscribe((change) => {
      if (change.rebuilt) setImmediate(() => models.close());
    });
    const failure = await rebuild({ eventStore: events, models, projector }).catch((error: unknown) => error);
    watching.unsubscribe();
    expect(failure).toBeInstanceOf(RebuildDigestUnavailable);
    expect(failure).toMatchObject({
      position: await events.headPosition(),
      file,
      message: expect.stringContaining('the read models were closed'),
    });
    expect(models.rebuilding).toBe(false);
    const reopened = ReadModelStore.open({ file, catalog: accountsCatalog });
    expect(reopened.opened).toBe('resumed');
    expect(reopened.checkpoint).toBe(await events.headPosition());
    reopened.close();
  });

  it('refuses a second rebuild while one runs', async () => {
    const first = rebuild({ eventStore: events, models, projector });
    await expect(rebuild({ eventStore: events, models, projector })).rejects.toBeInstanceOf(RebuildInProgress);
    await first;
    await expect(rebuild({ eventStore: events, models, projector })).resolves.toMatchObject({ file });
  });

  it('leaves the live store serving and removes the partial file when the rebuild fails', async () => {
    const live = models.current;
    const digest = live.contentDigest();
    const broken: StreamDefinition = {
      ...accountStream,
      decider: {
        ...accountStream.decider,
        evolve: () => {
          throw new Error('evolve bug');
        },
      },
    };
    // A holder whose store carries a broken catalog: the rebuild folds with it and must fail cleanly.
    const brokenModels = new ReadModels(ReadModelStore.open({ file: `${file}.other`, catalog: [broken] }));
    await expect(rebuild({ eventStore: events, models: brokenModels })).rejects.toThrow('evolve bug');
    expect(existsSync(`${file}.other.rebuild`)).toBe(false);
    expect(brokenModels.current.closed).toBe(false);
    brokenModels.close();
    expect(models.current).toBe(live);
    expect(live.contentDigest()).toBe(digest);
    expect(projector.status).toBe('running');
  });
});
