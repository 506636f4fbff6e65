import { createHash } from 'node:crypto';

/**
 * The hash primitives of RFC 9162 §2.1.1 plus the hash chain. Domain separation (0x00 for leaves,
 * 0x01 for interior nodes) stops a leaf from being passed off as an interior node (second pre-image).
 */
export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** chain_0: the chain starts from 32 zero bytes, so chain_1 = SHA-256(0^32 || leaf_1). */
export const CHAIN_GENESIS: Buffer = Buffer.alloc(HASH_BYTES);

/** MTH({}) = SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_TREE_ROOT: Buffer = createHash('sha256').digest();

export function leafHash(canonicalBytes: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(canonicalBytes).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** chain_n = SHA-256(chain_{n-1} || leaf_n): a single value that commits to the whole order of events. */
export function chainHash(previous: Uint8Array, leaf: Uint8Array): Buffer {
  return createHash('sha256').update(previous).update(leaf).digest();
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const HEX_HASH = /^[0-9a-f]{64}$/;

/** Accepts a 32-byte buffer or 64 lowercase hex digits; anything else is not a hash. */
export function toHashBuffer(value: Uint8Array | string): Buffer | undefined {
  if (typeof value === 'string') return HEX_HASH.test(value) ? Buffer.from(value, 'hex') : undefined;
  return value.length === HASH_BYTES ? Buffer.from(value) : undefined;
}
