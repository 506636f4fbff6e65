/**
 * Where the hashes of complete ("perfect") subtrees come from: the SQLite node table in the audit log,
 * an in-memory array in tests. `perfect(level, index)` is the hash of the subtree over leaves
 * [index * 2^level, (index + 1) * 2^level); level 0 is the leaf hash itself.
 */
export interface SubtreeSource {
  perfect(level: number, index: number): Buffer;
}

/** The k of RFC 9162 §2.1.1: the largest power of two smaller than n (n > 1). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  // Arithmetic, not bit operators: tree sizes may pass 2^31.
  return Number.isSafeInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

export function log2(powerOfTwo: number): number {
  return Math.round(Math.log2(powerOfTwo));
}
