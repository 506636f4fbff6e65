import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { assertCanonicalShape, canonicalLeafHash } from '../canonical-event';
import { type SignedCheckpoint, checkpointProblem } from '../checkpoint';
import { UnparseableEvent } from '../errors';
import { CHAIN_GENESIS, chainHash } from '../hashing';
import { CompactTree } from '../merkle/compact-tree';
import { verifyConsistency, verifyInclusion } from '../merkle/merkle-verify';
import { keyIdOfPem } from '../signing-key';
import { ProblemCollector, type VerificationReport } from '../verification-report';
import { DIGEST_MEMBER_BYTES, recordedDigest } from './export-container';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportManifest,
  type ExportScope,
  SECTION_ORDER,
  type SectionName,
} from './export-format';
import { lines } from './package-lines';

export interface VerifyExportOptions {
  /**
   * The ledger's public key as obtained out of band. The package carries its own key, which proves
   * integrity but not origin; pinning the key proves the checkpoint was signed by this ledger.
   */
  trustedPublicKeyPem?: string;
  maxProblems?: number;
}

export interface ExportVerificationReport extends VerificationReport {
  /** The manifest, when it could be read (even if other checks failed). */
  manifest?: ExportManifest;
}

type Json = Record<string, unknown>;

/**
 * Verifies an export package offline: the container digest (every byte), the manifest's section
 * hashes, every event's leaf hash from its canonical bytes, inclusion proofs (or, for scope "all", the
 * rebuilt chain, tree and consistency proof) against the checkpoint, and the checkpoint's signature.
 * Problems are reported, never thrown; a damaged file is a failed report with a clear message.
 */
export async function verifyExportPackage(
  path: string,
  options: VerifyExportOptions = {},
): Promise<ExportVerificationReport> {
  const problems = new ProblemCollector(options.maxProblems);
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    problems.add({ kind: 'malformed-package', message: `Cannot read ${path}: ${(error as Error).message}` });
    return problems.report(0, 0);
  }
  if (size <= DIGEST_MEMBER_BYTES) {
    problems.add({
      kind: 'malformed-package',
      message: `${path} has ${size} bytes: too short to be an export package`,
    });
    return problems.report(0, 0);
  }
  const contentBytes = size - DIGEST_MEMBER_BYTES;
  await checkDigest(path, contentBytes, problems);
  const content = new ContentCheck(problems, options.trustedPublicKeyPem);
  try {
    for await (const raw of lines(createReadStream(path, { start: 0, end: contentBytes - 1 }).pipe(createGunzip()))) {
      if (!content.line(raw)) break;
    }
    content.finish();
  } catch (error) {
    problems.add({
      kind: 'malformed-package',
      message: `The package content cannot be decompressed (${(error as Error).message}): the file is damaged`,
    });
  }
  return {
    ...problems.report(content.eventsChecked, content.checkpointsChecked),
    ...(content.manifest ? { manifest: content.manifest } : {}),
  };
}

async function checkDigest(path: string, contentBytes: number, problems: ProblemCollector): Promise<void> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { start: 0, end: contentBytes - 1 })) hash.update(chunk as Buffer);
  const actual = hash.digest('hex');
  const trailer = Buffer.alloc(DIGEST_MEMBER_BYTES);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, trailer, 0, DIGEST_MEMBER_BYTES, contentBytes);
  } finally {
    closeSync(fd);
  }
  const recorded = recordedDigest(trailer);
  if (recorded === undefined) {
    problems.add({
      kind: 'digest-mismatch',
      message: `The digest at the end of the package (its last ${DIGEST_MEMBER_BYTES} bytes) is damaged`,
    });
  } else if (recorded !== actual) {
    problems.add({
      kind: 'digest-mismatch',
      message: `The package content hashes to ${actual} but its digest records ${recorded}: the file was changed`,
    });
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Walks the content lines in order, checking each section as it arrives. */
class ContentCheck {
  manifest: ExportManifest | undefined;
  eventsChecked = 0;
  checkpointsChecked = 0;
  private lineNumber = 0;
  private broken = false;
  private readonly expected: Array<SectionName | 'manifest'> = ['manifest'];
  private checkpoint: SignedCheckpoint | undefined;
  private publicKeyPem: string | undefined;
  private consistency: { fromSize: number; toSize: number; proof: unknown[] } | undefined;
  private readonly eventsHash = createHash('sha256');
  private readonly tree = new CompactTree();
  private chain = CHAIN_GENESIS;
  private recordedChain = CHAIN_GENESIS;
  private previousPosition = -1;
  private previousIndex = -1;
  private readonly revisions = new Map<string, number>();

  constructor(
    private readonly problems: ProblemCollector,
    private readonly trustedPublicKeyPem: string | undefined,
  ) {}

  /** Returns false when the rest of the file cannot be interpreted. */
  line(raw: Buffer): boolean {
    this.lineNumber += 1;
    const parsed = parse(raw);
    const section = typeof parsed?.section === 'string' ? parsed.section : undefined;
    const expected = this.expected.shift();
    if (expected === undefined) return this.event(raw, parsed);
    if (!parsed || section !== expected) {
      return this.malformed(
        `line ${this.lineNumber} should be the ${expected} section but is ${parsed ? `section ${String(section)}` : 'not JSON'}`,
      );
    }
    if (expected !== 'manifest') this.checkSectionHash(expected, raw);
    switch (expected) {
      case 'manifest':
        return this.readManifest(parsed);
      case 'checkpoint':
        this.checkpoint = parsed.checkpoint as SignedCheckpoint;
        return true;
      case 'publicKey':
        return this.readPublicKey(parsed);
      case 'readModels':
      case 'ruleSets':
        return true;
      case 'consistency':
        this.consistency = parsed as unknown as { fromSize: number; toSize: number; proof: unknown[] };
        return true;
      case 'events':
        return this.malformed('events are not a header section');
    }
  }

  finish(): void {
    if (this.broken) return;
    if (this.expected.length > 0) {
      this.malformed(`the package ends before its ${this.expected[0]!} section`);
      return;
    }
    const manifest = this.manifest!;
    if (this.eventsChecked !== manifest.counts.events) {
      this.problems.add({
        kind: 'manifest-mismatch',
        message: `The manifest counts ${manifest.counts.events} events, the package holds ${this.eventsChecked}`,
      });
    }
    const events = this.eventsHash.digest('hex');
    if (manifest.sha256.events !== events) {
      this.problems.add({
        kind: 'manifest-mismatch',
        message: `The events section hashes to ${events}, the manifest records ${String(manifest.sha256.events)}`,
      });
    }
    if (manifest.scope.kind === 'all') this.finishChain();
  }

  private finishChain(): void {
    const checkpoint = this.checkpoint;
    const consistency = this.consistency;
    if (!checkpoint || !consistency) return;
    const size = this.tree.size;
    if (consistency.fromSize !== size || consistency.toSize !== checkpoint.treeSize) {
      this.problems.add({
        kind: 'consistency-proof',
        message: `The consistency proof is from ${consistency.fromSize} to ${consistency.toSize}, expected from ${size} to ${checkpoint.treeSize}`,
      });
      return;
    }
    const proof = Array.isArray(consistency.proof)
      ? consistency.proof.filter((p): p is string => typeof p === 'string')
      : [];
    const consistent =
      proof.length === (Array.isArray(consistency.proof) ? consistency.proof.length : -1) &&
      verifyConsistency(size, checkpoint.treeSize, proof, this.tree.root(), checkpoint.rootHash);
    if (!consistent) {
      this.problems.add({
        kind: 'consistency-proof',
        message: `The tree rebuilt from the ${size} exported events is not a prefix of the signed tree of ${checkpoint.treeSize}`,
      });
    }
    if (size === checkpoint.treeSize && this.chain.toString('hex') !== checkpoint.chainHash) {
      this.problems.add({
        kind: 'chain-mismatch',
        message: 'The chain rebuilt from the exported events differs from the signed chain hash',
      });
    }
  }

  private readManifest(parsed: Json): boolean {
    const scope = parsed.scope as ExportScope | undefined;
    const sha = parsed.sha256 as Json | undefined;
    const counts = parsed.counts as Json | undefined;
    if (parsed.format !== EXPORT_FORMAT || parsed.version !== EXPORT_VERSION) {
      return this.malformed(
        `the manifest names format ${String(parsed.format)} version ${String(parsed.version)}, expected ${EXPORT_FORMAT} version ${EXPORT_VERSION}`,
      );
    }
    const scopeOk =
      scope !== undefined &&
      (scope.kind === 'all' || (['applicant', 'program', 'frn'].includes(scope.kind) && typeof scope.id === 'string'));
    if (
      !scopeOk ||
      !Number.isSafeInteger(parsed.asOfPosition) ||
      typeof sha !== 'object' ||
      sha === null ||
      !Number.isSafeInteger(counts?.events)
    ) {
      return this.malformed('the manifest lacks a valid scope, asOfPosition, counts or sha256');
    }
    this.manifest = parsed as unknown as ExportManifest;
    this.expected.push(...SECTION_ORDER.filter((name) => name !== 'consistency' || scope.kind === 'all'));
    return true;
  }

  private readPublicKey(parsed: Json): boolean {
    const pem = typeof parsed.pem === 'string' ? parsed.pem : '';
    let keyId: string;
    try {
      keyId = keyIdOfPem(pem);
    } catch (error) {
      this.problems.add({
        kind: 'bad-signature',
        message: `The package's public key is unreadable: ${(error as Error).message}`,
      });
      return true;
    }
    this.publicKeyPem = pem;
    if (parsed.keyId !== keyId)
      this.problems.add({
        kind: 'bad-signature',
        message: `The package names key ${String(parsed.keyId)} but its public key is ${keyId}`,
      });
    if (this.trustedPublicKeyPem !== undefined && keyIdOfPem(this.trustedPublicKeyPem) !== keyId) {
      this.problems.add({
        kind: 'bad-signature',
        message: `The package is signed with key ${keyId}, not the trusted key ${keyIdOfPem(this.trustedPublicKeyPem)}`,
      });
    }
    const problem = checkpointProblem(this.checkpoint, pem);
    this.checkpointsChecked += 1;
    if (problem) this.problems.add({ kind: 'bad-signature', message: `Checkpoint: ${problem}` });
    else if (this.checkpoint!.keyId !== keyId)
      this.problems.add({
        kind: 'bad-signature',
        message: `The checkpoint names key ${this.checkpoint!.keyId}, signed with ${keyId}`,
      });
    return true;
  }

  private event(raw: Buffer, parsed: Json | undefined): boolean {
    this.eventsChecked += 1;
    this.eventsHash.update(raw);
    const manifest = this.manifest!;
    const checkpoint = this.checkpoint;
    const guess = positionIn(raw);
    const at = guess === undefined ? {} : { position: guess };
    if (!parsed || parsed.section !== 'event') {
      this.problems.add({ ...at, kind: 'unparseable', message: `Line ${this.lineNumber} is not an event line` });
      return true;
    }
    const candidate = parsed.event;
    try {
      assertCanonicalShape(candidate);
    } catch (error) {
      if (!(error instanceof UnparseableEvent)) throw error;
      this.problems.add({ ...at, kind: 'unparseable', message: `Line ${this.lineNumber}: ${error.message}` });
      return true;
    }
    const event = candidate;
    const position = event.position;
    const index = parsed.index;
    if (position <= this.previousPosition)
      this.problems.add({
        position,
        kind: 'out-of-order',
        message: `Event at position ${position} follows position ${this.previousPosition}`,
      });
    if (position > manifest.asOfPosition)
      this.problems.add({
        position,
        kind: 'unexpected-event',
        message: `Event at position ${position} is after the package's asOfPosition ${manifest.asOfPosition}`,
      });
    this.previousPosition = Math.max(position, this.previousPosition);
    if (!Number.isSafeInteger(index) || (index as number) <= this.previousIndex) {
      this.problems.add({
        position,
        kind: 'out-of-order',
        message: `Event at position ${position} has tree index ${String(index)}, not after ${this.previousIndex}`,
      });
      return true;
    }
    this.previousIndex = index as number;
    const leaf = canonicalLeafHash(event);
    if (parsed.leafHash !== leaf.toString('hex')) {
      this.problems.add({
        position,
        kind: 'leaf-mismatch',
        message: `Event at position ${position} hashes to ${leaf.toString('hex')}, the package records ${String(parsed.leafHash)}`,
      });
    }
    if (checkpoint) {
      const proof = parsed.proof;
      const valid = Array.isArray(proof) && proof.every((p) => typeof p === 'string' && HEX64.test(p));
      if (
        !valid ||
        !verifyInclusion(leaf, index as number, checkpoint.treeSize, proof as string[], checkpoint.rootHash)
      ) {
        this.problems.add({
          position,
          kind: 'inclusion-proof',
          message: `Event at position ${position} is not proven to be at index ${String(index)} of the signed tree of ${checkpoint.treeSize}`,
        });
      }
    }
    if (manifest.scope.kind === 'all')
      this.chainEvent(position, index as number, leaf, parsed, event.stream, event.revision);
    return true;
  }

  /**
   * Scope "all": the chain links are checked on the recorded hashes (so one altered event is named once,
   * not once per later event), while chain and tree are rebuilt from the recomputed leaves for the
   * comparison with the signed checkpoint.
   */
  private chainEvent(
    position: number,
    index: number,
    leaf: Buffer,
    line: Json,
    stream: string,
    revision: number,
  ): void {
    if (index !== this.tree.size) {
      this.problems.add({
        position,
        kind: 'missing-event',
        message: `Event at position ${position} has tree index ${index}, expected ${this.tree.size}: events are missing`,
      });
    }
    const recordedLeaf =
      typeof line.leafHash === 'string' && HEX64.test(line.leafHash) ? Buffer.from(line.leafHash, 'hex') : leaf;
    const link = chainHash(this.recordedChain, recordedLeaf).toString('hex');
    if (line.chainHash !== link) {
      this.problems.add({
        position,
        kind: 'chain-mismatch',
        message: `The chain hash at position ${position} does not follow from the previous chain hash and this event's leaf`,
      });
    }
    this.recordedChain =
      typeof line.chainHash === 'string' && HEX64.test(line.chainHash)
        ? Buffer.from(line.chainHash, 'hex')
        : Buffer.from(link, 'hex');
    this.chain = chainHash(this.chain, leaf);
    this.tree.append(leaf);
    const head = this.revisions.get(stream);
    const expected = head === undefined ? 0 : head + 1;
    if (revision !== expected)
      this.problems.add({
        position,
        kind: 'revision-gap',
        message: `Event at position ${position} is revision ${revision} of stream ${stream}, expected ${expected}`,
      });
    this.revisions.set(stream, Math.max(revision, head ?? -1));
  }

  private checkSectionHash(name: SectionName, raw: Buffer): void {
    const recorded = this.manifest?.sha256[name];
    if (recorded !== sha256(raw))
      this.problems.add({
        kind: 'manifest-mismatch',
        message: `The ${name} section hashes to ${sha256(raw)}, the manifest records ${String(recorded)}`,
      });
  }

  private malformed(message: string): boolean {
    this.problems.add({ kind: 'malformed-package', message: `The package is malformed: ${message}` });
    this.broken = true;
    return false;
  }
}

function parse(raw: Buffer): Json | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort for a line too damaged to parse: the position it claims, so the report can name it. */
function positionIn(raw: Buffer): number | undefined {
  const match = /"position":(\d+)/.exec(raw.toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
