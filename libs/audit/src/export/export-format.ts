import { type CanonicalEvent } from '../canonical-event';
import { type SignedCheckpoint } from '../checkpoint';

/**
 * CONTENT (format procurement-ledger/audit-export, version 1): UTF-8 JSON lines, one object per line,
 * each tagged by "section", in this order:
 *
 *   manifest     format, version, createdAt, scope, asOfPosition, counts, and sha256 of every other
 *                section: the SHA-256 of that section's exact line bytes, newline included ("events"
 *                covers all event lines concatenated)
 *   checkpoint   the signed tree head every proof is checked against
 *   publicKey    the Ed25519 public key (SPKI PEM) and its keyId
 *   readModels   the read models as of asOfPosition, as given by the exporter
 *   ruleSets     the rule sets in force, as given by the exporter
 *   consistency  scope "all" only: PROOF(m, D[n]) from the m exported events to the checkpoint's n
 *   event        one per event in position order: tree index, leaf hash, the canonical event and its
 *                inclusion proof PATH(index, D[n]) against the checkpoint; scope "all" adds its chain
 *                hash. Each event carries its own proof, although for "all" the rebuilt tree alone
 *                would prove inclusion, because only a per-event proof lets the verifier name the
 *                altered event when a forger also rewrote leaf and chain hashes (cost: about
 *                log2(n) * 67 bytes per event before compression).
 *
 * followed by the digest line of the container (see export-container.ts).
 */
export const EXPORT_FORMAT = 'procurement-ledger/audit-export';
export const EXPORT_VERSION = 1;

export type ExportScope = { kind: 'all' } | { kind: 'applicant' | 'program' | 'frn'; id: string };

export interface ExportManifest {
  section: 'manifest';
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  createdAt: string;
  scope: ExportScope;
  asOfPosition: number;
  counts: { events: number };
  /** Present for every section in the file. */
  sha256: Partial<Record<SectionName, string>>;
}

export type SectionName = 'checkpoint' | 'publicKey' | 'readModels' | 'ruleSets' | 'consistency' | 'events';

export interface CheckpointLine {
  section: 'checkpoint';
  checkpoint: SignedCheckpoint;
}

export interface PublicKeyLine {
  section: 'publicKey';
  keyId: string;
  pem: string;
}

export interface ValueLine {
  section: 'readModels' | 'ruleSets';
  value: unknown;
}

export interface ConsistencyLine {
  section: 'consistency';
  fromSize: number;
  toSize: number;
  proof: string[];
}

export interface EventLine {
  section: 'event';
  index: number;
  leafHash: string;
  /** Scope "all" only. */
  chainHash?: string;
  proof: string[];
  event: CanonicalEvent;
}

/** Sections in file order; "consistency" appears for scope "all" only. */
export const SECTION_ORDER = ['checkpoint', 'publicKey', 'readModels', 'ruleSets', 'consistency'] as const;
