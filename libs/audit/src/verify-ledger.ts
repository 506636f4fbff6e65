import { type AuditLog } from './audit-log';
import { type AuditableEvent, canonicalLeafHash, toCanonicalEvent } from './canonical-event';
import { type SignedCheckpoint, checkpointProblem } from './checkpoint';
import { AuditRangeError, UnparseableEvent } from './errors';
import { CHAIN_GENESIS, chainHash } from './hashing';
import { CompactTree } from './merkle/compact-tree';
import { ProblemCollector, type VerificationReport } from './verification-report';

export interface VerifyLedgerInput {
  /** The event log in position order: RecordedEvents, or raw rows so stored text is checked byte for byte. */
  events: AsyncIterable<AuditableEvent> | Iterable<AuditableEvent>;
  /** Its stored leaf and chain hashes are compared with the recomputed ones. */
  auditLog?: AuditLog;
  /** Checkpoint signatures are checked only when a key is given. */
  publicKeyPem?: string;
  /** Defaults to every checkpoint stored in `auditLog`. */
  checkpoints?: readonly SignedCheckpoint[];
  maxProblems?: number;
}

/**
 * Recomputes every leaf and chain hash from the events, compares them with the audit log, checks the
 * log's own chain links, the shape of the log (order, duplicates, revision gaps per stream) and each
 * checkpoint's root, chain hash and signature. Never throws on bad data: it reports it by position.
 */
export async function verifyLedger(input: VerifyLedgerInput): Promise<VerificationReport> {
  const problems = new ProblemCollector(input.maxProblems);
  const auditLog = input.auditLog;
  const auditHead = auditLog?.head();
  const checkpoints = [...(input.checkpoints ?? auditLog?.checkpoints() ?? [])].sort((a, b) => a.treeSize - b.treeSize);
  if (input.publicKeyPem !== undefined) {
    for (const checkpoint of checkpoints) {
      const problem = checkpointProblem(checkpoint, input.publicKeyPem);
      if (problem)
        problems.add({ kind: 'bad-signature', message: `Checkpoint at tree size ${checkpoint.treeSize}: ${problem}` });
    }
  }

  const tree = new CompactTree();
  const revisions = new Map<string, number>();
  let chain = CHAIN_GENESIS;
  let recomputable = true;
  let previousPosition = -1;
  let eventsChecked = 0;
  let checkpointsChecked = 0;
  let nextCheckpoint = 0;
  let expectedIndex = 0;
  let storedChainBefore = CHAIN_GENESIS;

  const checkTreeAt = (lastPosition: number): void => {
    while (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint]!.treeSize <= tree.size) {
      const checkpoint = checkpoints[nextCheckpoint]!;
      nextCheckpoint += 1;
      if (checkpoint.treeSize < tree.size || !recomputable) continue; // out of reach: earlier problems explain why
      checkpointsChecked += 1;
      const at = `Checkpoint at tree size ${checkpoint.treeSize}`;
      if (tree.root().toString('hex') !== checkpoint.rootHash) {
        problems.add({
          kind: 'checkpoint-mismatch',
          message: `${at}: the root recomputed from the event log differs from the signed root ${checkpoint.rootHash}`,
        });
      }
      if (chain.toString('hex') !== checkpoint.chainHash) {
        problems.add({
          kind: 'checkpoint-mismatch',
          message: `${at}: the chain hash recomputed from the event log differs from the signed chain hash`,
        });
      }
      if (checkpoint.lastPosition !== lastPosition) {
        problems.add({
          kind: 'checkpoint-mismatch',
          message: `${at}: signed for last position ${checkpoint.lastPosition}, but event ${checkpoint.treeSize} of the log is at position ${lastPosition}`,
        });
      }
      if (auditLog && auditHead && checkpoint.treeSize <= auditHead.treeSize) {
        const stored = storedRoot(auditLog, checkpoint.treeSize);
        if (stored !== checkpoint.rootHash) {
          problems.add({
            kind: 'root-mismatch',
            message: `${at}: the audit log's stored tree ${stored === undefined ? 'is damaged (a subtree hash is missing)' : 'has a different root than the signed one'}`,
          });
        }
      }
    }
    if (
      auditHead &&
      tree.size === auditHead.treeSize &&
      recomputable &&
      tree.root().toString('hex') !== auditHead.root
    ) {
      problems.add({
        kind: 'root-mismatch',
        message: `The audit log's stored tree root at size ${auditHead.treeSize} differs from the root recomputed from the event log`,
      });
    }
  };
  checkTreeAt(0);

  for await (const event of input.events) {
    eventsChecked += 1;
    const position = event.position;
    if (position === previousPosition) {
      problems.add({
        position,
        kind: 'duplicate-position',
        message: `Position ${position} occurs twice in the event log`,
      });
      continue;
    }
    if (position < previousPosition) {
      problems.add({
        position,
        kind: 'out-of-order',
        message: `Position ${position} follows position ${previousPosition}: the log is out of order`,
      });
      continue;
    }
    previousPosition = position;

    const streamHead = revisions.get(event.stream);
    const expectedRevision = streamHead === undefined ? 0 : streamHead + 1;
    if (event.revision !== expectedRevision) {
      problems.add({
        position,
        kind: 'revision-gap',
        message: `Event at position ${position} is revision ${event.revision} of stream ${event.stream}, expected ${expectedRevision}`,
      });
    }
    revisions.set(event.stream, Math.max(event.revision, streamHead ?? -1));

    let leaf: Buffer | undefined;
    try {
      leaf = canonicalLeafHash(toCanonicalEvent(event));
    } catch (error) {
      if (!(error instanceof UnparseableEvent)) throw error;
      problems.add({ position, kind: 'unparseable', message: error.message });
    }

    const recorded = auditLog?.leafAt(position);
    if (auditLog && auditHead) {
      if (recorded) {
        if (recorded.index > expectedIndex) {
          const missing = auditLog.leafAtIndex(expectedIndex);
          problems.add({
            ...(missing ? { position: missing.position } : {}),
            kind: 'missing-event',
            message: `The audit log recorded ${recorded.index - expectedIndex} event(s) from position ${missing?.position ?? '?'} before position ${position} that the event log no longer has`,
          });
        }
        const previousChain =
          recorded.index === expectedIndex || recorded.index === 0
            ? storedChainBefore
            : Buffer.from(auditLog.leafAtIndex(recorded.index - 1)?.chainHash ?? '', 'hex');
        expectedIndex = recorded.index + 1;
        if (leaf && recorded.leafHash !== leaf.toString('hex')) {
          problems.add({
            position,
            kind: 'leaf-mismatch',
            message: `Event at position ${position} hashes to ${leaf.toString('hex')}, the audit log recorded ${recorded.leafHash}: the event was altered`,
          });
        }
        if (chainHash(previousChain, Buffer.from(recorded.leafHash, 'hex')).toString('hex') !== recorded.chainHash) {
          problems.add({
            position,
            kind: 'chain-mismatch',
            message: `The audit log's chain hash at position ${position} does not follow from the previous chain hash and this leaf`,
          });
        }
        storedChainBefore = Buffer.from(recorded.chainHash, 'hex');
      } else if (position <= auditHead.lastPosition) {
        problems.add({
          position,
          kind: 'unexpected-event',
          message: `Event at position ${position} is not in the audit log although the audit log has reached position ${auditHead.lastPosition}: it was inserted afterwards`,
        });
      }
    }

    // An unparseable event still occupies its place in the tree; the audit log's hash stands in for it
    // so the events after it are checked too. Without an audit log the tree cannot be rebuilt past it.
    const treeLeaf = leaf ?? (recorded ? Buffer.from(recorded.leafHash, 'hex') : undefined);
    if (!treeLeaf) recomputable = false;
    if (recomputable && treeLeaf) {
      chain = chainHash(chain, treeLeaf);
      tree.append(treeLeaf);
      checkTreeAt(position);
    }
  }

  if (auditLog && auditHead && expectedIndex < auditHead.treeSize) {
    const missing = auditLog.leafAtIndex(expectedIndex);
    problems.add({
      ...(missing ? { position: missing.position } : {}),
      kind: 'missing-event',
      message: `The audit log recorded ${auditHead.treeSize - expectedIndex} event(s) from position ${missing?.position ?? '?'} on that the event log does not have`,
    });
  }
  for (const checkpoint of checkpoints.slice(nextCheckpoint)) {
    if (recomputable) {
      problems.add({
        kind: 'checkpoint-mismatch',
        message: `Checkpoint at tree size ${checkpoint.treeSize} covers more events than the event log's ${tree.size}`,
      });
    }
  }
  return problems.report(eventsChecked, checkpointsChecked);
}

/** The audit log's root at a size, or undefined when its node table is damaged. */
function storedRoot(auditLog: AuditLog, treeSize: number): string | undefined {
  try {
    return auditLog.rootAt(treeSize);
  } catch (error) {
    if (error instanceof AuditRangeError) return undefined;
    throw error;
  }
}
