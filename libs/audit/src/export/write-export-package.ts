import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { Transform, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type AuditLog } from '../audit-log';
import { type AuditableEvent, canonicalLeafHash, toCanonicalEvent } from '../canonical-event';
import { type SignedCheckpoint, checkpointProblem } from '../checkpoint';
import { ExportRefused } from '../errors';
import { keyIdOfPem } from '../signing-key';
import { digestMember } from './export-container';
import {
  type CheckpointLine,
  type ConsistencyLine,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type EventLine,
  type ExportManifest,
  type ExportScope,
  type PublicKeyLine,
  type SectionName,
  type ValueLine,
} from './export-format';

export interface ExportPackageInput {
  /** The events in scope, in position order, up to asOfPosition (for scope "all": every one of them). */
  events: AsyncIterable<AuditableEvent> | Iterable<AuditableEvent>;
  auditLog: AuditLog;
  checkpoint: SignedCheckpoint;
  publicKeyPem: string;
  /** Read models as of asOfPosition, any JSON value. */
  readModels: unknown;
  /** Rule sets in force, any JSON value. */
  ruleSets: unknown;
  scope: ExportScope;
  asOfPosition: number;
  now?: () => Date;
}

export interface ExportPackageSummary {
  path: string;
  events: number;
  /** SHA-256 of the content member, as recorded in the file's digest line. */
  sha256: string;
}

/**
 * Writes an export package (format in export-format.ts, container in export-container.ts). Every
 * event is checked against the audit log before anything is kept; the file appears under `path` only
 * when complete (written beside it, then renamed), so a refused or failed export leaves nothing behind.
 */
export async function writeExportPackage(path: string, input: ExportPackageInput): Promise<ExportPackageSummary> {
  const { checkpoint, auditLog, scope, asOfPosition } = input;
  checkInputs(input);
  const all = scope.kind === 'all';
  const eventsFile = `${path}.${process.pid}.events.partial`;
  const packageFile = `${path}.${process.pid}.partial`;
  try {
    const spooled = await spoolEvents(eventsFile, input);
    if (all) {
      const expected = auditLog.sizeAtPosition(asOfPosition);
      if (spooled.count !== expected) {
        throw new ExportRefused(
          `Scope "all" needs every event up to position ${asOfPosition} (${expected} in the audit log), got ${spooled.count}`,
        );
      }
    }
    const sections: Array<[SectionName, string]> = [
      ['checkpoint', line<CheckpointLine>({ section: 'checkpoint', checkpoint })],
      [
        'publicKey',
        line<PublicKeyLine>({ section: 'publicKey', keyId: keyIdOfPem(input.publicKeyPem), pem: input.publicKeyPem }),
      ],
      ['readModels', line<ValueLine>({ section: 'readModels', value: input.readModels })],
      ['ruleSets', line<ValueLine>({ section: 'ruleSets', value: input.ruleSets })],
    ];
    if (all) {
      const proof = auditLog.consistencyProof(spooled.count, checkpoint.treeSize);
      sections.push([
        'consistency',
        line<ConsistencyLine>({ section: 'consistency', fromSize: spooled.count, toSize: checkpoint.treeSize, proof }),
      ]);
    }
    const manifest: ExportManifest = {
      section: 'manifest',
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      createdAt: (input.now?.() ?? new Date()).toISOString(),
      scope,
      asOfPosition,
      counts: { events: spooled.count },
      sha256: { ...Object.fromEntries(sections.map(([name, text]) => [name, sha256(text)])), events: spooled.sha256 },
    };

    const out = createWriteStream(packageFile, { flags: 'wx' });
    const contentHash = createHash('sha256');
    const gzip = createGzip();
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        contentHash.update(chunk);
        done(null, chunk);
      },
    });
    const compressed = pipeline(gzip, hashing, out, { end: false });
    await write(gzip, line(manifest));
    for (const [, text] of sections) await write(gzip, text);
    for await (const chunk of createReadStream(eventsFile)) await write(gzip, chunk as Buffer);
    gzip.end();
    await compressed;
    const digest = contentHash.digest('hex');
    out.end(digestMember(digest));
    await finished(out);
    fsyncFile(packageFile);
    renameSync(packageFile, path);
    return { path, events: spooled.count, sha256: digest };
  } finally {
    rmSync(eventsFile, { force: true });
    rmSync(packageFile, { force: true });
  }
}

function checkInputs(input: ExportPackageInput): void {
  const { checkpoint, auditLog, scope, asOfPosition } = input;
  const problem = checkpointProblem(checkpoint, input.publicKeyPem);
  if (problem) throw new ExportRefused(`The checkpoint does not verify: ${problem}`);
  const head = auditLog.head();
  if (checkpoint.treeSize > head.treeSize)
    throw new ExportRefused(`The checkpoint covers ${checkpoint.treeSize} events, the audit log only ${head.treeSize}`);
  if (auditLog.rootAt(checkpoint.treeSize) !== checkpoint.rootHash)
    throw new ExportRefused('The checkpoint is not a tree head of this audit log (its root differs)');
  if (!Number.isSafeInteger(asOfPosition) || asOfPosition < 0 || asOfPosition > checkpoint.lastPosition) {
    throw new ExportRefused(
      `asOfPosition must be an integer from 0 to the checkpoint's last position ${checkpoint.lastPosition}, got ${String(asOfPosition)}`,
    );
  }
  switch (scope.kind) {
    case 'all':
      break;
    case 'applicant':
    case 'program':
    case 'frn':
      if (typeof scope.id !== 'string' || scope.id.length === 0)
        throw new ExportRefused(`Scope ${scope.kind} needs an id`);
      break;
    default:
      throw new ExportRefused(`Unknown export scope ${JSON.stringify((scope as { kind: unknown }).kind)}`);
  }
  for (const [name, value] of [
    ['readModels', input.readModels],
    ['ruleSets', input.ruleSets],
  ] as const) {
    let text: string | undefined;
    try {
      text = canonicalize(value);
    } catch (error) {
      throw new ExportRefused(`${name} is not a JSON value: ${(error as Error).message}`);
    }
    if (text === undefined) throw new ExportRefused(`${name} is not a JSON value`);
  }
}

/** Checks each event against the audit log and spools its line, hashing the events section on the way. */
async function spoolEvents(file: string, input: ExportPackageInput): Promise<{ count: number; sha256: string }> {
  const { auditLog, checkpoint, asOfPosition } = input;
  const all = input.scope.kind === 'all';
  const out = createWriteStream(file, { flags: 'wx' });
  const hash = createHash('sha256');
  let count = 0;
  let previous = -1;
  try {
    for await (const raw of input.events) {
      const event = toCanonicalEvent(raw);
      const { position } = event;
      if (position <= previous)
        throw new ExportRefused(`Events must be in increasing position order: ${position} follows ${previous}`);
      if (position > asOfPosition)
        throw new ExportRefused(`Event at position ${position} is after asOfPosition ${asOfPosition}`);
      previous = position;
      const leaf = canonicalLeafHash(event).toString('hex');
      const recorded = auditLog.leafAt(position);
      if (!recorded) throw new ExportRefused(`Event at position ${position} is not in the audit log`);
      if (recorded.leafHash !== leaf)
        throw new ExportRefused(
          `Event at position ${position} differs from the audit log's record of it: the event log was altered`,
        );
      if (recorded.index >= checkpoint.treeSize)
        throw new ExportRefused(`Event at position ${position} is not covered by the checkpoint`);
      if (all && recorded.index !== count)
        throw new ExportRefused(
          `Scope "all" must not skip events: position ${position} is tree index ${recorded.index}, expected ${count}`,
        );
      const proof = auditLog.inclusionProof(position, checkpoint.treeSize).proof;
      const eventLine: EventLine = {
        section: 'event',
        index: recorded.index,
        leafHash: leaf,
        ...(all ? { chainHash: recorded.chainHash } : {}),
        proof,
        event,
      };
      const text = line(eventLine);
      hash.update(text);
      if (!out.write(text)) await once(out, 'drain');
      count += 1;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { count, sha256: hash.digest('hex') };
}

/** One JSON line in JCS form, so the same content always gives the same bytes. */
function line<T>(value: T): string {
  return `${canonicalize(value) as string}\n`;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function write(stream: Writable, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** The package must not become visible under its name before its bytes are durable. */
function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
