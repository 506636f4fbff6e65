import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type StreamDefinition } from '@ledger/domain';
import { InMemoryEventStore, type RecordedEvent, SqliteEventStore } from '@ledger/event-store';
import {
  NotAReadModelStore,
  ProjectionFoldFailed,
  ProjectionIntegrityError,
  ReadModelStore,
  readModelsFile,
} from '../index';
import {
  accountStream,
  type AccountState,
  accountsCatalog,
  depositUpcaster,
  fact,
  portfolioModel,
  sampleHistory,
} from '../../test/accounts-ledger';
import { appendAll, foldAll, readLog, sampleLog, tempDir } from '../../test/store-helpers';
import { dumpTables } from '../../test/table-dump';

describe('ReadModelStore', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    tmp = tempDir();
    file = readModelsFile(tmp.dir);
  });
  afterEach(() => tmp.remove());

  it('folds every catalog stream like a full in-memory fold, indexes links and checkpoints events outside the catalog', async () => {
    const log = await sampleLog();
    const store = ReadModelStore.open({ file, catalog: accountsCatalog });
    const applied = store.applyBatch(log);
    const reference = foldAll(accountsCatalog, log);
    for (const stream of ['owner-o1', 'owner-o2', 'account-a1', 'account-a2', 'account-a3', 'bonus-o1', 'bonus-o2']) {
      expect(store.state(stream)).toEqual(reference.state(stream));
    }
    expect(store.state('audit-x')).toBeUndefined();
    expect(store.checkpoint).toBe(log[log.length - 1]?.position);
    expect(store.linkedFrom('owner-o1', 'account')).toEqual(['account-a1', 'account-a2']);
    expect(store.linkedFrom('owner-o2', 'account')).toEqual(['account-a2', 'account-a3']);
    expect(store.linkedFrom('owner-o1', 'owner')).toEqual([]);
    expect(applied.linkedTo).toEqual(['owner-o1', 'owner-o2']);
    expect(portfolioModel.render('owner-o1', store)).toEqual(portfolioModel.render('owner-o1', reference));
    expect(store.streamInfo('account-a1')).toEqual({
      revision: 2,
      lastPosition: log.find((e) => e.type === 'Withdrawn')?.position,
    });
    store.close();
  });

  it('skips redelivered events, so folding a batch twice has the effect of folding it once', async () => {
    const log = await sampleLog();
    const store = ReadModelStore.open({ file, catalog: accountsCatalog });
    store.applyBatch(log.slice(0, 8));
    const again = store.applyBatch(log.slice(0, 10));
    expect(again.events).toBe(2);
    store.applyBatch(log);
    expect(store.state('account-a1')).toEqual(foldAll(accountsCatalog, log).state('account-a1'));
    store.close();
  });

  it('survives a reopen with the same checkpoint and states', async () => {
    const log = await sampleLog();
    const first = ReadModelStore.open({ file, catalog: accountsCatalog });
    first.applyBatch(log.slice(0, 6));
    const digest = first.contentDigest();
    first.close();
    const second = ReadModelStore.open({ file, catalog: accountsCatalog });
    expect(second.opened).toBe('resumed');
    expect(second.checkpoint).toBe(log[5]?.position);
    expect(second.contentDigest()).toBe(digest);
    second.close();
  });

  it('writes nothing when a fold fails, and says which event failed', async () => {
    const log = await sampleLog();
    const exploding: StreamDefinition = {
      ...accountStream,
      decider: {
        ...accountStream.decider,
        evolve: (state, event) => {
          if (event.type === 'Withdrawn') throw new Error('overdraft rules missing');
          return accountStream.decider.evolve(state, event);
        },
      },
    };
    const store = ReadModelStore.open({
      file,
      catalog: [exploding, ...accountsCatalog.filter((d) => d.prefix !== 'account')],
    });
    store.applyBatch(log.slice(0, 4));
    const before = dumpTables(file);
    const withdrawn = log.find((e) => e.type === 'Withdrawn');
    expect(() => store.applyBatch(log.slice(4))).toThrow(ProjectionFoldFailed);
    expect(() => store.applyBatch(log.slice(4))).toThrow(
      `Folding event Withdrawn at position ${withdrawn?.position} of stream account-a1 failed: overdraft rules missing`,
    );
    expect(dumpTables(file)).toEqual(before);
    expect(store.checkpoint).toBe(log[3]?.position);
    store.close();
  });

  it('stores the same tables whether each event is its own batch or one batch folds them all', async () => {
    const log = await sampleLog();
    const whole = ReadModelStore.open({ file, catalog: accountsCatalog });
    whole.applyBatch(log);
    const single = ReadModelStore.open({ file: join(tmp.dir, 'single.sqlite'), catalog: accountsCatalog });
    for (const event of log) single.applyBatch([event]);
    whole.close();
    single.close();
    expect(dumpTables(file)).toEqual(dumpTables(join(tmp.dir, 'single.sqlite')));
  });

  it('links an account moved back to an earlier owner once, when each move is its own batch', async () => {
    const events = new InMemoryEventStore();
    await appendAll(events, [
      ...sampleHistory().slice(0, 6),
      fact('account-a2', 'AccountTransferred', { owner: 'o2' }),
      fact('account-a2', 'AccountTransferred', { owner: 'o1' }),
      fact('account-a2', 'Deposited', { amountCents: 5 }, 2),
    ]);
    const log = await readLog(events);
    const store = ReadModelStore.open({ file, catalog: accountsCatalog });
    const linkedTo = log.map((event) => store.applyBatch([event]).linkedTo);
    expect(linkedTo.slice(-3)).toEqual([['owner-o2'], [], []]);
    expect(store.linkedFrom('owner-o1', 'account')).toEqual(['account-a1', 'account-a2']);
    expect(store.linkedFrom('owner-o2', 'account')).toEqual(['account-a2']);
    const whole = ReadModelStore.open({ file: ':memory:', catalog: accountsCatalog });
    whole.applyBatch(log);
    expect(store.contentDigest()).toBe(whole.contentDigest());
    store.close();
    whole.close();
  });

  it('takes only the links an event adds when the definition names them (linksAdded): the same tables, batch by batch or whole, and a wrong linksAdded shows', async () => {
    const events = new InMemoryEventStore();
    await appendAll(events, [
      ...sampleHistory(),
      fact('account-a2', 'AccountTransferred', { owner: 'o2' }),
      fact('account-a2', 'AccountTransferred', { owner: 'o1' }),
      fact('account-a1', 'AccountTransferred', { owner: 'o2' }),
    ]);
    const log = await readLog(events);
    const ownerOf = (state: unknown): string | null => (state as AccountState).owner;
    const withLinksAdded = (linksAdded: StreamDefinition['linksAdded']): StreamDefinition[] =>
      accountsCatalog.map((d) => (d === accountStream ? { ...d, linksAdded } : d));
    const newOwner: StreamDefinition['linksAdded'] = (before, after) =>
      ownerOf(after) !== null && ownerOf(after) !== ownerOf(before) ? [`owner-${ownerOf(after)}`] : [];
    const reference = ReadModelStore.open({ file: join(tmp.dir, 'reference.sqlite'), catalog: accountsCatalog });
    reference.applyBatch(log);
    const whole = ReadModelStore.open({ file, catalog: withLinksAdded(newOwner) });
    whole.applyBatch(log);
    const single = ReadModelStore.open({ file: join(tmp.dir, 'single.sqlite'), catalog: withLinksAdded(newOwner) });
    for (const event of log) single.applyBatch([event]);
    const wrong = ReadModelStore.open({ file: join(tmp.dir, 'wrong.sqlite'), catalog: withLinksAdded(() => []) });
    wrong.applyBatch(log);
    expect(whole.linkedFrom('owner-o2', 'account')).toEqual(['account-a2', 'account-a3', 'account-a1']);
    expect(wrong.linkedFrom('owner-o2', 'account')).toEqual([]);
    for (const store of [reference, whole, single, wrong]) store.close();
    const tables = dumpTables(join(tmp.dir, 'reference.sqlite'));
    expect(dumpTables(file).links).toEqual(tables.links);
    expect(dumpTables(join(tmp.dir, 'single.sqlite')).links).toEqual(tables.links);
    expect(dumpTables(join(tmp.dir, 'wrong.sqlite')).links).not.toEqual(tables.links);
  });

  it('refuses a first event (revision 0) of a stream it already holds, and writes nothing', async () => {
    const log = await sampleLog();
    const store = ReadModelStore.open({ file, catalog: accountsCatalog });
    store.applyBatch(log);
    const before = dumpTables(file);
    const last = log[log.length - 1]!;
    const replayed: RecordedEvent = { ...log[0]!, id: 'again', position: last.position + 1 };
    expect(() => store.applyBatch([replayed])).toThrow(ProjectionIntegrityError);
    expect(() => store.applyBatch([replayed])).toThrow(
      /owner-o1: the batch holds its first event \(revision 0\) but the store already holds the stream/,
    );
    expect(dumpTables(file)).toEqual(before);
    expect(store.checkpoint).toBe(last.position);
    store.close();
  });

  it('digests SHA-256 over JSON.stringify of every row in key order, whatever the strings hold', () => {
    const awkward = 'quote " backslash \\ newline \n tab \t bell \u0007 del \u007f line-sep \u2028 é 日本 😀';
    const store = ReadModelStore.open({ file, catalog: accountsCatalog });
    store.applyBatch([
      {
        id: 'e1',
        stream: 'owner-o1',
        revision: 0,
        position: 1,
        type: 'OwnerRegistered',
        data: { name: awkward },
        metadata: {},
        recordedAt: '2025-01-01T10:00:00.000Z',
      },
      {
        id: 'e2',
        stream: 'account-a1',
        revision: 0,
        position: 2,
        type: 'AccountOpened',
        data: { owner: 'o1' },
        metadata: {},
        recordedAt: '2025-01-01T10:00:01.000Z',
      },
    ]);
    const hash = createHash('sha256');
    for (const [table, rows] of Object.entries(dumpTables(file))) {
      hash.update(`table:${table}\n`);
      for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
    }
    expect(store.state<{ name: string }>('owner-o1')?.name).toBe(awkward);
    expect(store.contentDigest()).toBe(hash.digest('hex'));
    store.close();
  });

  it('writes a batch folded event by event only when it is committed, and refuses one begun before another commit', async () => {
    const log = await sampleLog();
    const store = ReadModelStore.open({ file, catalog: accountsCatalog });
    const batch = store.beginBatch();
    const stale = store.beginBatch();
    for (const event of log.slice(0, 8)) batch.add(event);
    stale.add(log[0]!);
    expect(store.checkpoint).toBe(0);
    expect(store.state('owner-o1')).toBeUndefined();
    expect(store.commitBatch(batch).position).toBe(log[7]?.position);
    expect(store.state('owner-o1')).toEqual(foldAll(accountsCatalog, log.slice(0, 8)).state('owner-o1'));
    const before = dumpTables(file);
    expect(() => store.commitBatch(stale)).toThrow(ProjectionIntegrityError);
    expect(dumpTables(file)).toEqual(before);
    store.close();
  });

  it('names the event whose evolve returned no JSON state, and writes nothing', async () => {
    const log = await sampleLog();
    const broken: StreamDefinition = {
      ...accountStream,
      decider: {
        ...accountStream.decider,
        evolve: (state, event) => (event.type === 'Withdrawn' ? undefined : accountStream.decider.evolve(state, event)),
      },
    };
    const store = ReadModelStore.open({
      file,
      catalog: [broken, ...accountsCatalog.filter((d) => d.prefix !== 'account')],
    });
    store.applyBatch(log.slice(0, 4));
    const before = dumpTables(file);
    const withdrawn = log.find((e) => e.type === 'Withdrawn');
    expect(() => store.applyBatch(log.slice(4))).toThrow(
      `Folding event Withdrawn at position ${withdrawn?.position} of stream account-a1 failed: the state is not JSON`,
    );
    expect(dumpTables(file)).toEqual(before);
    store.close();
  });

  it("refuses a state JSON cannot hold when the batch is written, naming the stream's last event in the batch, and writes nothing", async () => {
    const log = await sampleLog();
    const unserialisable: StreamDefinition = {
      ...accountStream,
      decider: {
        ...accountStream.decider,
        evolve: (state, event) => {
          const after = accountStream.decider.evolve(state, event) as object;
          return event.type === 'Withdrawn' ? { ...after, balanceCents: BigInt(1) } : after;
        },
      },
    };
    const store = ReadModelStore.open({
      file,
      catalog: [unserialisable, ...accountsCatalog.filter((d) => d.prefix !== 'account')],
    });
    store.applyBatch(log.slice(0, 4));
    const before = dumpTables(file);
    const lastOfA1 = log.filter((e) => e.stream === 'account-a1').at(-1);
    expect(() => store.applyBatch(log.slice(4))).toThrow(ProjectionFoldFailed);
    expect(() => store.applyBatch(log.slice(4))).toThrow(
      `Folding event ${lastOfA1?.type} at position ${lastOfA1?.position} of stream account-a1 failed`,
    );
    expect(dumpTables(file)).toEqual(before);
    expect(store.checkpoint).toBe(log[3]?.position);
    store.close();
  });

  it('rolls back the whole batch when the last write of the transaction fails', async () => {
    const log = await sampleLog();
    const store = ReadModelStore.open({ file, catalog: accountsCatalog });
    store.applyBatch(log.slice(0, 5));
    const before = dumpTables(file);
    const saboteur = new Database(file);
    saboteur.exec(
      `CREATE TRIGGER disk_full BEFORE UPDATE ON checkpoints BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    expect(() => store.applyBatch(log.slice(5))).toThrow('disk I/O error');
    expect(dumpTables(file)).toEqual(before);
    expect(store.checkpoint).toBe(log[4]?.position);
    saboteur.exec('DROP TRIGGER disk_full');
    saboteur.close();
    store.applyBatch(log.slice(5));
    const fresh = ReadModelStore.open({ file: ':memory:', catalog: accountsCatalog });
    fresh.applyBatch(log);
    expect(store.contentDigest()).toBe(fresh.contentDigest());
    store.close();
    fresh.close();
  });

  it('refuses a revision gap or positions out of order instead of folding a wrong state', async () => {
    const log = await sampleLog();
    const store = ReadModelStore.open({ file: ':memory:', catalog: accountsCatalog });
    const withoutDeposit = log.filter((e) => !(e.stream === 'account-a1' && e.revision === 1));
    expect(() => store.applyBatch(withoutDeposit)).toThrow(ProjectionIntegrityError);
    expect(() => store.applyBatch([...log.slice(0, 3)].reverse())).toThrow(/out of order/);
    expect(store.checkpoint).toBe(0);
    expect(store.state('owner-o1')).toBeUndefined();
    store.close();
  });

  it('starts over when the catalog changes, since stored states were folded by other code', async () => {
    const log = await sampleLog();
    const first = ReadModelStore.open({ file, catalog: accountsCatalog });
    first.applyBatch(log);
    first.close();
    const changed = ReadModelStore.open({ file, catalog: accountsCatalog, upcasters: [depositUpcaster] });
    expect(changed.opened).toBe('reset');
    expect(changed.checkpoint).toBe(0);
    expect(changed.state('owner-o1')).toBeUndefined();
    expect(changed.positionAt('2999-01-01T00:00:00Z')).toBe(0);
    changed.close();
  });

  it('refuses to open a SQLite file that is not a read-model store, and leaves it untouched', async () => {
    const eventsFile = join(tmp.dir, 'ledger.sqlite');
    const events = SqliteEventStore.open({ file: eventsFile });
    await appendAll(events, sampleHistory().slice(0, 2));
    await events.close();
    expect(() => ReadModelStore.open({ file: eventsFile, catalog: accountsCatalog })).toThrow(NotAReadModelStore);
    const reopened = SqliteEventStore.open({ file: eventsFile });
    expect(await reopened.headPosition()).toBe(2);
    await reopened.close();
  });

  it('uses write-ahead logging on its own file', () => {
    ReadModelStore.open({ file, catalog: accountsCatalog }).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('commits every batch through the write-ahead log by default, and a store filled beside the live one syncs only when it closes, leaving a complete file', async () => {
    const log = await sampleLog();
    const live = ReadModelStore.open({ file, catalog: accountsCatalog });
    expect(live.durability).toBe('batch');
    expect(live['db'].pragma('synchronous', { simple: true })).toBe(1);
    live.close();
    const bulkFile = join(tmp.dir, 'bulk.sqlite');
    const bulk = ReadModelStore.open({ file: bulkFile, catalog: accountsCatalog, durability: 'close' });
    expect(bulk['db'].pragma('synchronous', { simple: true })).toBe(0);
    bulk.applyBatch(log.slice(0, 7));
    bulk.applyBatch(log.slice(7));
    const digest = bulk.contentDigest();
    bulk.close();
    expect(existsSync(`${bulkFile}-wal`)).toBe(false);
    const reopened = ReadModelStore.open({ file: bulkFile, catalog: accountsCatalog });
    expect(reopened.opened).toBe('resumed');
    expect(reopened.checkpoint).toBe(log[log.length - 1]?.position);
    expect(reopened.contentDigest()).toBe(digest);
    expect(reopened['db'].pragma('synchronous', { simple: true })).toBe(1);
    reopened.close();
  });

  it('translates an instant to the last position recorded at or before it', () => {
    const at = (position: number, recordedAt: string, stream = 'owner-o1', revision = position - 1): RecordedEvent => ({
      id: `e${position}`,
      stream,
      revision,
      position,
      type: 'OwnerRegistered',
      data: { name: 'Ada' },
      metadata: {},
      recordedAt,
    });
    const store = ReadModelStore.open({ file: ':memory:', catalog: accountsCatalog });
    store.applyBatch([
      at(1, '2025-01-01T10:00:00.000Z'),
      at(2, '2025-01-01T10:00:00.000Z'),
      at(3, '2025-01-02T08:30:00.000Z'),
      at(5, '2025-01-03T00:00:00.000Z', 'owner-o2', 0),
    ]);
    expect(store.positionAt('2024-12-31T23:59:59Z')).toBe(0);
    expect(store.positionAt('2025-01-01T10:00:00Z')).toBe(2);
    expect(store.positionAt('2025-01-02T09:30:00+01:00')).toBe(3);
    expect(store.positionAt('2025-01-02T23:59:59.999Z')).toBe(3);
    expect(store.positionAt('2026-01-01T00:00:00Z')).toBe(5);
    expect(() => store.positionAt('2025-01-02')).toThrow(/not an ISO-8601 instant/);
    store.close();
  });

  it('folds stored v1 events through an upcaster into the current shape, without changing stored bytes', async () => {
    const events = new InMemoryEventStore();
    await appendAll(events, [
      fact('account-a1', 'AccountOpened', { owner: 'o1' }),
      fact('account-a1', 'Deposited', { amount: '12.5' }, 1),
      fact('account-a1', 'Deposited', { amountCents: 200 }, 2),
    ]);
    const log = await readLog(events);
    const store = ReadModelStore.open({ file: ':memory:', catalog: accountsCatalog, upcasters: [depositUpcaster] });
    store.applyBatch(log);
    expect(store.state('account-a1')).toEqual({ owner: 'o1', balanceCents: 1450, movements: 2 });
    expect((await events.readStream('account-a1'))[1]?.data).toEqual({ amount: '12.5' });
    store.close();
  });
});
