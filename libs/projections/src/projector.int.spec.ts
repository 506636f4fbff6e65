import Database from 'better-sqlite3';
import { type StreamDefinition } from '@ledger/domain';
import { type EventStore } from '@ledger/event-store';
import {
  type ProjectionChange,
  ProjectionFoldFailed,
  Projector,
  ReadModels,
  ReadModelStore,
  readModelsFile,
  WaitForTimeout,
} from './index';
import { accountStream, accountsCatalog, fact, type Fact, sampleHistory } from '../test/accounts-ledger';
import { adapters } from '../test/event-store-adapters';
import { appendAll, foldAll, readLog, tempDir } from '../test/store-helpers';
import { until } from '../test/until';

/** Many small facts over a few streams, so a projection takes several batches. */
const longHistory = (accounts: number, depositsEach: number): Fact[] => {
  const facts: Fact[] = [fact('owner-o1', 'OwnerRegistered', { name: 'Ada' })];
  for (let a = 0; a < accounts; a++) facts.push(fact(`account-a${a}`, 'AccountOpened', { owner: 'o1' }));
  for (let d = 0; d < depositsEach; d++) {
    for (let a = 0; a < accounts; a++) facts.push(fact(`account-a${a}`, 'Deposited', { amountCents: d + a }, 2));
  }
  return facts;
};

async function freshDigest(events: EventStore, catalog = accountsCatalog): Promise<string> {
  const store = ReadModelStore.open({ file: ':memory:', catalog });
  store.applyBatch(await readLog(events));
  const digest = store.contentDigest();
  store.close();
  return digest;
}

describe.each(adapters)('Projector over the %s event store', (_name, openEvents) => {
  let tmp: ReturnType<typeof tempDir>;
  let events: EventStore;
  let file: string;
  const cleanup: Array<() => Promise<void> | void> = [];
  beforeEach(() => {
    tmp = tempDir();
    events = openEvents(tmp.dir);
    file = readModelsFile(tmp.dir);
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await events.close();
    tmp.remove();
  });

  function startProjector(options: { batchSize?: number; catalog?: readonly StreamDefinition[] } = {}): {
    models: ReadModels;
    projector: Projector;
  } {
    const models = new ReadModels(ReadModelStore.open({ file, catalog: options.catalog ?? accountsCatalog }));
    const projector = new Projector(
      events,
      models,
      options.batchSize === undefined ? {} : { batchSize: options.batchSize },
    );
    cleanup.push(() => {
      if (!models.current.closed) models.close();
    });
    cleanup.push(() => projector.stop());
    projector.start();
    return { models, projector };
  }

  it('catches up from the checkpoint, goes live, reports lag and emits the streams each batch changed', async () => {
    await appendAll(events, sampleHistory().slice(0, 6));
    const models = new ReadModels(ReadModelStore.open({ file, catalog: accountsCatalog }));
    const projector = new Projector(events, models);
    cleanup.push(() => models.close());
    cleanup.push(() => projector.stop());
    const changes: ProjectionChange[] = [];
    const subscription = projector.changes$.subscribe((change) => changes.push(change));
    cleanup.push(() => subscription.unsubscribe());
    expect(await projector.lag()).toBe(6);

    projector.start();
    await projector.catchUp();
    expect(await projector.lag()).toBe(0);
    expect(projector.checkpoint).toBe(6);
    expect(changes.flatMap((c) => c.streams).sort()).toEqual(['account-a1', 'account-a2', 'owner-o1', 'owner-o2']);

    changes.length = 0;
    const { positions } = await events.append('account-a2', [
      fact('account-a2', 'Withdrawn', { amountCents: 50 }).event,
    ]);
    const written = positions[0] ?? -1;
    await projector.waitFor(written);
    expect(models.state('account-a2')).toEqual({ owner: 'o1', balanceCents: 200, movements: 2 });
    expect(changes).toEqual([
      { position: written, streams: ['account-a2'], linkedTo: [], rebuilt: false, stopped: [] },
    ]);
  });

  it('commits at most batchSize events per transaction', async () => {
    await appendAll(events, longHistory(3, 8));
    const head = await events.headPosition();
    const { projector } = startProjector({ batchSize: 4 });
    const checkpoints: number[] = [];
    const subscription = projector.changes$.subscribe((c) => checkpoints.push(c.position));
    await projector.waitFor(head);
    subscription.unsubscribe();
    const steps = checkpoints.map((c, i) => c - (checkpoints[i - 1] ?? 0));
    expect(Math.max(...steps)).toBeLessThanOrEqual(4);
    expect(checkpoints.length).toBeGreaterThanOrEqual(Math.ceil(head / 4));
    expect(checkpoints[checkpoints.length - 1]).toBe(head);
  });

  it('rejects waitFor when the position is not reached in time', async () => {
    const { projector } = startProjector();
    await expect(projector.waitFor(99, { timeoutMs: 30 })).rejects.toBeInstanceOf(WaitForTimeout);
  });

  it('after a crash between batches, resumes from the stored checkpoint and folds no event twice', async () => {
    await appendAll(events, longHistory(4, 25));
    const head = await events.headPosition();
    const { models, projector } = startProjector({ batchSize: 7 });
    // The crash: right after the batch that passes position 30 commits, the read-model connection is gone.
    const crash = projector.changes$.subscribe((change) => {
      if (change.position >= 30 && !models.current.closed) models.current.close();
    });
    cleanup.push(() => crash.unsubscribe());
    await until(() => projector.status === 'failed', 'the projector to notice');
    const survived = ReadModelStore.open({ file, catalog: accountsCatalog });
    expect(survived.checkpoint).toBeGreaterThanOrEqual(30);
    expect(survived.checkpoint).toBeLessThan(head);
    const restartedModels = new ReadModels(survived);
    const restarted = new Projector(events, restartedModels, { batchSize: 7 });
    cleanup.push(() => restartedModels.close());
    cleanup.push(() => restarted.stop());
    restarted.start();
    await restarted.waitFor(head);
    expect(survived.contentDigest()).toBe(await freshDigest(events));
    const reference = foldAll(accountsCatalog, await readLog(events));
    expect(survived.state('account-a3')).toEqual(reference.state('account-a3'));
  });

  it('after a failed write, keeps the checkpoint before the batch and resumes to the same states as a full fold', async () => {
    await appendAll(events, longHistory(2, 5));
    const { models, projector } = startProjector({ batchSize: 5 });
    await projector.catchUp();
    const saboteur = new Database(file);
    saboteur.exec(
      `CREATE TRIGGER disk_full BEFORE INSERT ON event_times BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    const before = projector.checkpoint;
    await appendAll(events, longHistory(2, 2).slice(3));
    await until(() => projector.status === 'failed', 'the failed write');
    expect(projector.failure?.message).toContain('disk I/O error');
    expect(projector.checkpoint).toBe(before);
    saboteur.exec('DROP TRIGGER disk_full');
    saboteur.close();
    projector.start();
    await projector.catchUp();
    expect(models.current.contentDigest()).toBe(await freshDigest(events));
  });

  it('stops with a clear error on a failing fold, never skipping the event, and resumes once the fold succeeds', async () => {
    let broken = true;
    const fragile: StreamDefinition = {
      ...accountStream,
      decider: {
        ...accountStream.decider,
        evolve: (state, event) => {
          if (broken && event.type === 'Withdrawn') throw new Error('no rule for withdrawals');
          return accountStream.decider.evolve(state, event);
        },
      },
    };
    const catalog = [fragile, ...accountsCatalog.filter((d) => d.prefix !== 'account')];
    const positions = await appendAll(events, sampleHistory());
    const failingPosition = positions[9];
    const { models, projector } = startProjector({ catalog, batchSize: 3 });
    await until(() => projector.status === 'failed', 'the failing fold');
    expect(projector.failure).toBeInstanceOf(ProjectionFoldFailed);
    expect(projector.failure?.message).toContain(`Withdrawn at position ${failingPosition} of stream account-a1`);
    expect(projector.checkpoint).toBeLessThan(failingPosition ?? 0);
    await expect(projector.waitFor(failingPosition ?? 0)).rejects.toBeInstanceOf(ProjectionFoldFailed);

    broken = false;
    projector.start();
    await projector.catchUp();
    expect(models.current.contentDigest()).toBe(await freshDigest(events, catalog));
  });

  it('stop lets the current batch finish and folds nothing more until started again', async () => {
    await appendAll(events, sampleHistory().slice(0, 4));
    const { models, projector } = startProjector();
    await projector.catchUp();
    await projector.stop();
    expect(projector.status).toBe('stopped');
    await appendAll(events, sampleHistory().slice(4, 6));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(models.position).toBe(4);
    expect(await projector.lag()).toBe(2);
    projector.start();
    await projector.catchUp();
    expect(models.position).toBe(6);
  });

  it('folds a batch longer than a slice while readers are served, and they see the last committed position until it commits', async () => {
    await appendAll(events, longHistory(4, 600));
    const head = await events.headPosition();
    let folded = 0;
    const counting: StreamDefinition = {
      ...accountStream,
      decider: {
        ...accountStream.decider,
        evolve: (state, event) => ((folded += 1), accountStream.decider.evolve(state, event)),
      },
    };
    const catalog = [counting, ...accountsCatalog.filter((d) => d.prefix !== 'account')];
    const { models, projector } = startProjector({ batchSize: head, catalog });
    const seenMidBatch: number[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        if (folded > 0 && folded < head - 1) seenMidBatch.push(models.position);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const changes: ProjectionChange[] = [];
    const watching = models.changes$.subscribe((change) => changes.push(change));
    await projector.catchUp();
    reading = false;
    await reader;
    watching.unsubscribe();
    expect(changes.map((c) => c.position)).toEqual([head]);
    expect(seenMidBatch.length).toBeGreaterThan(0);
    expect(new Set(seenMidBatch)).toEqual(new Set([0]));
    expect(models.current.contentDigest()).toBe(await freshDigest(events, catalog));
  });
});
