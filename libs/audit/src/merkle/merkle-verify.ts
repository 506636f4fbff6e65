import { nodeHash, toHashBuffer } from '../hashing';
import { isPowerOfTwo } from './subtree-source';

/** Hashes are given as 32-byte buffers or 64 lowercase hex digits; malformed input fails verification. */
export type HashInput = Uint8Array | string;

// Tree sizes can exceed 2^31, so shifts are done arithmetically rather than with 32-bit bit operators.
const lsb = (n: number): boolean => n % 2 === 1;
const shift = (n: number): number => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2: does `leafHash` sit at `index` of the tree of `treeSize` leaves whose root is `root`? */
export function verifyInclusion(
  leafHash: HashInput,
  index: number,
  treeSize: number,
  proof: readonly HashInput[],
  root: HashInput,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  const leaf = toHashBuffer(leafHash);
  const expected = toHashBuffer(root);
  const path = proof.map(toHashBuffer);
  if (!leaf || !expected || path.some((p) => p === undefined)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path as Buffer[]) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = shift(fn);
          sn = shift(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = shift(fn);
    sn = shift(sn);
  }
  return sn === 0 && r.equals(expected);
}

/**
 * RFC 9162 §2.1.4.2: is the tree of `size2` leaves with `root2` an append-only extension of the tree
 * of `size1` leaves with `root1`? Equal sizes need an empty proof and equal roots; every tree extends
 * the empty tree (size1 = 0) with an empty proof.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly HashInput[],
  root1: HashInput,
  root2: HashInput,
): boolean {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size1 > size2) return false;
  const first = toHashBuffer(root1);
  const second = toHashBuffer(root2);
  const given = proof.map(toHashBuffer);
  if (!first || !second || given.some((p) => p === undefined)) return false;
  if (size1 === 0) return given.length === 0;
  if (size1 === size2) return given.length === 0 && first.equals(second);
  if (given.length === 0) return false;
  const path = isPowerOfTwo(size1) ? [first, ...(given as Buffer[])] : (given as Buffer[]);
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (lsb(fn)) {
    fn = shift(fn);
    sn = shift(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = shift(fn);
          sn = shift(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = shift(fn);
    sn = shift(sn);
  }
  return sn === 0 && fr.equals(first) && sr.equals(second);
}
