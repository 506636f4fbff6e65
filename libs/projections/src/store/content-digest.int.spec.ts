import { statSync } from 'node:fs';
import { type RecordedEvent } from '@ledger/event-store';
import { ReadModelStore, readModelsFile } from '../index';
import { contentDigestOfSnapshot } from './content-digest';
import { accountsCatalog } from '../../test/accounts-ledger';
import { sampleLog, tempDir } from '../../test/store-helpers';

describe('content digest of a snapshot', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: ReadModelStore;
  let log: RecordedEvent[];
  beforeEach(async () => {
    tmp = tempDir();
    log = await sampleLog();
    store = ReadModelStore.open({ file: readModelsFile(tmp.dir), catalog: accountsCatalog });
    store.applyBatch(log.slice(0, 6));
  });
  afterEach(() => {
    store.close();
    tmp.remove();
  });

  it("given a store, when its snapshot is hashed, then the digest is the store's content digest", async () => {
    await expect(contentDigestOfSnapshot(store.file)).resolves.toBe(store.contentDigest());
  });

  it('given a snapshot pinned, when the store commits a batch before hashing ends, then the digest is of the pinned content', async () => {
    const before = store.contentDigest();
    const digesting = contentDigestOfSnapshot(store.file);
    store.applyBatch(log);
    const after = store.contentDigest();
    expect(after).not.toBe(before);
    await expect(digesting).resolves.toBe(before);
  });

  it('given a snapshot being hashed, when its signal aborts, then the digest rejects and the store closes with its log emptied', async () => {
    const closing = new AbortController();
    const digesting = contentDigestOfSnapshot(store.file, closing.signal);
    store.applyBatch(log);
    closing.abort(new Error('closing'));
    store.close();
    // A reader still open would have kept the closing checkpoint from emptying the write-ahead log.
    expect(statSync(`${store.file}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    await expect(digesting).rejects.toThrow('closing');
  });

  it('given a digest in progress, when other work is queued on the event loop, then it runs before hashing ends', async () => {
    let turns = 0;
    let counting = true;
    const count = (): void => {
      if (!counting) return;
      turns += 1;
      setImmediate(count);
    };
    setImmediate(count);
    await contentDigestOfSnapshot(store.file);
    counting = false;
    expect(turns).toBeGreaterThan(1);
  });
});
