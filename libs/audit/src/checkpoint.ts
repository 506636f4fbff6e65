import { type KeyObject, createPublicKey, sign, verify } from 'node:crypto';

/**
 * A signed tree head. The signature is Ed25519 over the UTF-8 of CHECKPOINT TEXT (version 1), seven
 * lines each ending in "\n", with no other whitespace:
 *
 *   procurement-ledger checkpoint v1
 *   tree-size <treeSize, decimal>
 *   last-position <lastPosition, decimal>
 *   root-hash <rootHash, 64 lowercase hex>
 *   chain-hash <chainHash, 64 lowercase hex>
 *   timestamp <timestamp, ISO-8601 UTC as produced by Date.toISOString>
 *   key-id <keyId>
 *
 * A line format rather than JSON so that anyone can re-create the signed bytes with a shell and check
 * them with openssl without a JSON canonicaliser.
 */
export interface SignedCheckpoint {
  treeSize: number;
  /** Position of the event at tree index treeSize - 1; 0 for the empty tree. */
  lastPosition: number;
  rootHash: string;
  chainHash: string;
  timestamp: string;
  keyId: string;
  /** Base64 Ed25519 signature over checkpointText(). */
  signature: string;
}

export type UnsignedCheckpoint = Omit<SignedCheckpoint, 'signature'>;

export function checkpointText(c: UnsignedCheckpoint): string {
  return [
    'procurement-ledger checkpoint v1',
    `tree-size ${c.treeSize}`,
    `last-position ${c.lastPosition}`,
    `root-hash ${c.rootHash}`,
    `chain-hash ${c.chainHash}`,
    `timestamp ${c.timestamp}`,
    `key-id ${c.keyId}`,
    '',
  ].join('\n');
}

export function signCheckpoint(body: UnsignedCheckpoint, privateKey: KeyObject): SignedCheckpoint {
  const signature = sign(null, Buffer.from(checkpointText(body), 'utf8'), privateKey).toString('base64');
  return { ...body, signature };
}

const HEX64 = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** True only for a well-formed checkpoint whose signature verifies under `publicKeyPem`; never throws. */
export function verifyCheckpoint(checkpoint: SignedCheckpoint, publicKeyPem: string): boolean {
  return checkpointProblem(checkpoint, publicKeyPem) === undefined;
}

/** Why a checkpoint does not verify, or undefined when it does. */
export function checkpointProblem(checkpoint: unknown, publicKeyPem: string): string | undefined {
  if (typeof checkpoint !== 'object' || checkpoint === null) return 'checkpoint is not an object';
  const c = checkpoint as Partial<Record<keyof SignedCheckpoint, unknown>>;
  if (!Number.isSafeInteger(c.treeSize) || (c.treeSize as number) < 0) return 'treeSize must be a non-negative integer';
  if (!Number.isSafeInteger(c.lastPosition) || (c.lastPosition as number) < 0)
    return 'lastPosition must be a non-negative integer';
  if (typeof c.rootHash !== 'string' || !HEX64.test(c.rootHash)) return 'rootHash must be 64 lowercase hex digits';
  if (typeof c.chainHash !== 'string' || !HEX64.test(c.chainHash)) return 'chainHash must be 64 lowercase hex digits';
  if (typeof c.timestamp !== 'string' || Number.isNaN(Date.parse(c.timestamp)))
    return 'timestamp must be an ISO-8601 instant';
  if (typeof c.keyId !== 'string' || c.keyId.length === 0 || /\s/.test(c.keyId))
    return 'keyId must be a non-empty string without spaces';
  if (typeof c.signature !== 'string' || !BASE64.test(c.signature)) return 'signature must be base64';
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(publicKeyPem);
  } catch (error) {
    return `public key is not a valid PEM key (${(error as Error).message})`;
  }
  if (publicKey.asymmetricKeyType !== 'ed25519')
    return `public key is ${publicKey.asymmetricKeyType ?? 'unknown'}, not Ed25519`;
  const text = checkpointText(c as SignedCheckpoint);
  const ok = verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(c.signature, 'base64'));
  return ok
    ? undefined
    : `signature does not verify for the checkpoint at tree size ${c.treeSize as number} under key ${c.keyId}`;
}
