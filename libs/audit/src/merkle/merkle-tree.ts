import { EMPTY_TREE_ROOT, nodeHash } from '../hashing';
import { isPowerOfTwo, largestPowerOfTwoBelow, log2, type SubtreeSource } from './subtree-source';

/**
 * MTH, PATH and PROOF of RFC 9162 §2.1 computed from stored complete-subtree hashes instead of the
 * leaves. Every range the RFC's recursion visits starts at a multiple of a power of two at least as
 * large as the range, so its left halves are always complete subtrees (one read each) and its right
 * halves are suffixes of the same range; memoising ranges keeps a proof at O(log n) reads.
 */
class RangeHasher {
  private readonly memo = new Map<string, Buffer>();

  constructor(private readonly source: SubtreeSource) {}

  /** MTH(D[start:end]) for start < end. */
  hash(start: number, end: number): Buffer {
    const size = end - start;
    if (isPowerOfTwo(size) && start % size === 0) return this.source.perfect(log2(size), start / size);
    const key = `${start}:${end}`;
    const known = this.memo.get(key);
    if (known) return known;
    const k = largestPowerOfTwoBelow(size);
    const value = nodeHash(this.hash(start, start + k), this.hash(start + k, end));
    this.memo.set(key, value);
    return value;
  }
}

export function merkleRoot(source: SubtreeSource, treeSize: number): Buffer {
  assertSize(treeSize);
  return treeSize === 0 ? EMPTY_TREE_ROOT : new RangeHasher(source).hash(0, treeSize);
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1, ordered from the leaf's sibling up to the root's child. */
export function inclusionPath(source: SubtreeSource, index: number, treeSize: number): Buffer[] {
  assertSize(treeSize);
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
    throw new RangeError(`Leaf index ${index} is outside a tree of size ${treeSize}`);
  }
  const hasher = new RangeHasher(source);
  const path: Buffer[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = largestPowerOfTwoBelow(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(hasher.hash(start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(hasher.hash(start, start + k));
    }
  };
  walk(index, 0, treeSize);
  return path;
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: empty when m is 0 or m equals n. */
export function consistencyPath(source: SubtreeSource, firstSize: number, secondSize: number): Buffer[] {
  assertSize(firstSize);
  assertSize(secondSize);
  if (firstSize > secondSize)
    throw new RangeError(`Cannot prove consistency from size ${firstSize} to the smaller size ${secondSize}`);
  if (firstSize === 0 || firstSize === secondSize) return [];
  const hasher = new RangeHasher(source);
  const proof: Buffer[] = [];
  const subproof = (m: number, start: number, end: number, completeSubtree: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!completeSubtree) proof.push(hasher.hash(start, end));
      return;
    }
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, start, start + k, completeSubtree);
      proof.push(hasher.hash(start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      proof.push(hasher.hash(start, start + k));
    }
  };
  subproof(firstSize, 0, secondSize, true);
  return proof;
}

function assertSize(treeSize: number): void {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0)
    throw new RangeError(`Tree size must be a non-negative integer, got ${treeSize}`);
}
