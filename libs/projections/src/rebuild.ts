import { renameSync, rmSync } from 'node:fs';
import { type EventStore } from '@ledger/event-store';
import { RebuildDigestUnavailable, RebuildInProgress } from './errors';
import { Projector } from './projector';
import { ReadModels } from './read-models';
import { contentDigestOfSnapshot } from './store/content-digest';
import { ReadModelStore } from './store/read-model-store';

/**
 * Larger than the live projector's batches: nobody waits on a rebuild's intermediate checkpoints,
 * and each batch reads and rewrites the states of the streams it touches once.
 */
const REBUILD_BATCH = 10_000;

/** Positions, not event counts: EventStoreDB positions are sparse, and a position is what a checkpoint is. */
export interface RebuildProgress {
  done: number;
  total: number;
}

export interface RebuildOptions {
  eventStore: EventStore;
  /** The holder readers use; its store is replaced when the rebuilt one has caught up. */
  models: ReadModels;
  /** The live projector: paused for the final catch-up and swap, then resumed on the new store. */
  projector?: Projector;
  onProgress?: (progress: RebuildProgress) => void;
  batchSize?: number;
}

export interface RebuildResult {
  /** The checkpoint of the new store when it was swapped in. */
  position: number;
  /** The new store's content digest: equal for any two stores folded from the same events. */
  digest: string;
  file: string;
}

/**
 * Folds the whole log into a fresh file beside the live one while the live store keeps serving, then
 * swaps it in: the live projector pauses, the new store takes the last few events, and in one
 * synchronous step (no reader can interleave) both are closed, the new file is renamed over the old
 * and reopened into the holder. A crash at any step leaves either the old or the new complete file at
 * the live path; a leftover `.rebuild` file is discarded by the next rebuild.
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildResult> {
  const { models, onProgress } = options;
  const target = models.current.file;
  if (target === ':memory:')
    throw new Error('An in-memory read-model store cannot be rebuilt by file swap; open a new one instead');
  const closing = models.claimRebuild();
  if (!closing) throw new RebuildInProgress();
  try {
    const { position, total, digesting } = await foldAndSwap(options, closing);
    const digest = await digesting.catch((cause: unknown) => {
      throw new RebuildDigestUnavailable(position, target, cause);
    });
    onProgress?.({ done: position, total });
    return { position, digest, file: target };
  } finally {
    models.releaseRebuild();
  }
}

interface Swapped {
  position: number;
  total: number;
  /** The swapped-in file's digest, pinned while the live projector was still paused. */
  digesting: Promise<string>;
}

/** Everything up to the swap: a failure on the way leaves the live store as it was and no partial file. */
async function foldAndSwap(options: RebuildOptions, closing: AbortSignal): Promise<Swapped> {
  const { eventStore, models, projector, onProgress } = options;
  const live = models.current;
  const target = live.file;
  const temporary = `${target}.rebuild`;
  let fresh: ReadModelStore | undefined;
  let builder: Projector | undefined;
  let livePaused = false;
  try {
    removeDatabaseFiles(temporary);
    fresh = ReadModelStore.open({
      file: temporary,
      catalog: live.catalog,
      upcasters: live.upcasters,
      projector: live.projector,
      durability: 'close',
    });
    const building = new ReadModels(fresh);
    builder = new Projector(eventStore, building, { batchSize: options.batchSize ?? REBUILD_BATCH });
    let total = await eventStore.headPosition();
    onProgress?.({ done: 0, total });
    const progress = building.changes$.subscribe((change) => {
      total = Math.max(total, change.position);
      onProgress?.({ done: change.position, total });
    });
    try {
      builder.start();
      await builder.waitFor(total, { timeoutMs: Infinity });
      // Hundreds of MiB folded unsynced reach the disk here, not in the synchronous swap below.
      await fresh.syncSoFar();
      livePaused = projector?.status === 'running';
      if (livePaused) await projector?.stop();
      total = await eventStore.headPosition();
      await builder.waitFor(total, { timeoutMs: Infinity });
      await builder.stop();
      if (builder.failure) throw builder.failure;
    } finally {
      progress.unsubscribe();
    }
    const position = fresh.checkpoint;
    swapFiles(models, fresh, temporary, target);
    fresh = undefined;
    // Pinned before the live projector resumes, so the digest is of the rebuilt content alone; the
    // projector need not wait the seconds hashing takes.
    return { position, total: Math.max(total, position), digesting: contentDigestOfSnapshot(target, closing) };
  } catch (error) {
    await builder?.stop();
    fresh?.close();
    removeDatabaseFiles(temporary);
    throw error;
  } finally {
    if (livePaused && projector) {
      projector.settleWaiters();
      projector.start();
    }
  }
}

/** Synchronous from the first close to the swap, so no reader ever meets a closed store. */
function swapFiles(models: ReadModels, fresh: ReadModelStore, temporary: string, target: string): void {
  const { catalog, upcasters, projector } = fresh;
  fresh.close();
  models.current.close();
  // A write-ahead log left beside the target would be replayed onto the new file: it must go first.
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  renameSync(temporary, target);
  models.swap(ReadModelStore.open({ file: target, catalog, upcasters, projector }));
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
