import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { EMPTY_TREE_ROOT, leafHash } from '../hashing';
import { CompactTree, peakCoordinates } from './compact-tree';
import { consistencyPath, inclusionPath, merkleRoot } from './merkle-tree';
import { verifyConsistency, verifyInclusion } from './merkle-verify';
import { type SubtreeSource } from './subtree-source';

// Reference: RFC 9162 §2.1 transcribed literally, recursing over the leaf hashes (O(n) per call).
const h = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const ONE = Buffer.from([1]);
const kOf = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return h();
  if (d.length === 1) return d[0]!;
  const k = kOf(d.length);
  return h(ONE, mth(d.slice(0, k)), mth(d.slice(k)));
}
function path(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const k = kOf(d.length);
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}
function subproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const k = kOf(d.length);
  return m <= k
    ? [...subproof(m, d.slice(0, k), b), mth(d.slice(k))]
    : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}
const proof = (m: number, d: Buffer[]): Buffer[] => subproof(m, d, true);

/** Complete-subtree hashes kept by level, filled from CompactTree's completed nodes as the audit log does. */
class MemorySource implements SubtreeSource {
  readonly levels: Buffer[][] = [[]];
  constructor(leaves: Buffer[]) {
    const tree = new CompactTree();
    for (const leaf of leaves) {
      this.levels[0]!.push(leaf);
      for (const node of tree.append(leaf)) (this.levels[node.level] ??= [])[node.index] = node.hash;
    }
  }
  reads = 0;
  perfect(level: number, index: number): Buffer {
    this.reads += 1;
    const hash = this.levels[level]?.[index];
    if (!hash) throw new Error(`missing node ${level}/${index}`);
    return hash;
  }
}

const leavesOf = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`event ${i}`)));
const MAX = 300;
const ALL_LEAVES = leavesOf(MAX);
const SOURCES = new Map<number, MemorySource>();
const sourceOf = (n: number): MemorySource => {
  let source = SOURCES.get(n);
  if (!source) SOURCES.set(n, (source = new MemorySource(ALL_LEAVES.slice(0, n))));
  return source;
};
const flip = (hash: Buffer): Buffer => {
  const copy = Buffer.from(hash);
  copy[copy.length - 1] = copy[copy.length - 1]! ^ 0x01;
  return copy;
};

describe('Merkle tree (RFC 9162 §2.1) against the literal recursive definition', () => {
  it('the empty tree hashes to SHA-256 of the empty string', () => {
    expect(merkleRoot(sourceOf(0), 0).equals(EMPTY_TREE_ROOT)).toBe(true);
    expect(EMPTY_TREE_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('computes the same root as MTH for every size 1..300, from stored subtrees and from the compact right edge', () => {
    const tree = new CompactTree();
    for (let n = 1; n <= MAX; n += 1) {
      tree.append(ALL_LEAVES[n - 1]!);
      const expected = mth(ALL_LEAVES.slice(0, n));
      expect(merkleRoot(sourceOf(n), n).equals(expected)).toBe(true);
      expect(tree.root().equals(expected)).toBe(true);
    }
  });

  it('produces PATH exactly as the RFC for random sizes and indexes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
        ([n, m]) => {
          const ours = inclusionPath(sourceOf(n), m, n);
          const reference = path(m, ALL_LEAVES.slice(0, n));
          expect(ours.map((b) => b.toString('hex'))).toEqual(reference.map((b) => b.toString('hex')));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('produces PROOF exactly as the RFC for random pairs of sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
        ([m, n]) => {
          const ours = consistencyPath(sourceOf(n), m, n);
          const reference = proof(m, ALL_LEAVES.slice(0, n));
          expect(ours.map((b) => b.toString('hex'))).toEqual(reference.map((b) => b.toString('hex')));
        },
      ),
      { numRuns: 1500 },
    );
  });

  // Exhaustive loops collect failures and assert once: jest's expect per iteration would dominate the run time.
  it('every inclusion proof verifies for all sizes 1..300 and all indexes, and fails once tampered', () => {
    const failures: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok) failures.push(what);
    };
    for (let n = 1; n <= MAX; n += 1) {
      const source = sourceOf(n);
      const root = mth(ALL_LEAVES.slice(0, n));
      for (let m = 0; m < n; m += 1) {
        const leaf = ALL_LEAVES[m]!;
        const p = inclusionPath(source, m, n);
        const at = `n=${n} m=${m}`;
        check(verifyInclusion(leaf, m, n, p, root), `${at} valid`);
        check(!verifyInclusion(flip(leaf), m, n, p, root), `${at} flipped leaf`);
        check(!verifyInclusion(leaf, m, n, p, flip(root)), `${at} flipped root`);
        if (n > 1) {
          check(!verifyInclusion(leaf, (m + 1) % n, n, p, root), `${at} wrong index`);
          check(!verifyInclusion(leaf, m, n, p.slice(0, -1), root), `${at} short proof`);
          check(!verifyInclusion(leaf, m, n, [...p, p[0]!], root), `${at} long proof`);
          const j = m % p.length;
          check(
            !verifyInclusion(
              leaf,
              m,
              n,
              p.map((x, i) => (i === j ? flip(x) : x)),
              root,
            ),
            `${at} flipped proof`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('every consistency proof verifies for all pairs of sizes up to 300, and fails once tampered', () => {
    const failures: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok) failures.push(what);
    };
    const roots = [EMPTY_TREE_ROOT, ...Array.from({ length: MAX }, (_, i) => merkleRoot(sourceOf(i + 1), i + 1))];
    for (let n = 1; n <= MAX; n += 1) {
      const source = sourceOf(n);
      for (let m = 1; m <= n; m += 1) {
        const p = consistencyPath(source, m, n);
        const at = `m=${m} n=${n}`;
        check(verifyConsistency(m, n, p, roots[m]!, roots[n]!), `${at} valid`);
        check(!verifyConsistency(m, n, p, flip(roots[m]!), roots[n]!), `${at} flipped first root`);
        check(!verifyConsistency(m, n, p, roots[m]!, flip(roots[n]!)), `${at} flipped second root`);
        if (p.length > 0) {
          const j = (m + n) % p.length;
          check(
            !verifyConsistency(
              m,
              n,
              p.map((x, i) => (i === j ? flip(x) : x)),
              roots[m]!,
              roots[n]!,
            ),
            `${at} flipped proof`,
          );
          check(!verifyConsistency(m, n, p.slice(1), roots[m]!, roots[n]!), `${at} short proof`);
        }
        if (m < n) check(!verifyConsistency(m, n, p, roots[m + 1]!, roots[n]!), `${at} other first tree`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every tree extends the empty tree, and a tree does not shrink', () => {
    const root = merkleRoot(sourceOf(5), 5);
    expect(verifyConsistency(0, 5, [], EMPTY_TREE_ROOT, root)).toBe(true);
    expect(verifyConsistency(0, 5, [root], EMPTY_TREE_ROOT, root)).toBe(false);
    expect(verifyConsistency(5, 4, [], root, root)).toBe(false);
  });

  it('rejects malformed hashes and impossible indexes instead of throwing', () => {
    const root = mth(ALL_LEAVES.slice(0, 4));
    const p = inclusionPath(sourceOf(4), 1, 4);
    expect(verifyInclusion('zz', 1, 4, p, root)).toBe(false);
    expect(verifyInclusion(ALL_LEAVES[1]!, 4, 4, p, root)).toBe(false);
    expect(verifyInclusion(ALL_LEAVES[1]!, -1, 4, p, root)).toBe(false);
    expect(verifyInclusion(ALL_LEAVES[1]!, 1, 4, [...p.slice(0, 1), 'not-hex'], root)).toBe(false);
    expect(() => inclusionPath(sourceOf(4), 4, 4)).toThrow(RangeError);
    expect(() => consistencyPath(sourceOf(4), 5, 4)).toThrow(RangeError);
  });

  it('reads O(log n) stored subtrees per proof', () => {
    const n = 2 ** 12 - 1;
    const source = new MemorySource(leavesOf(n));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n }), (m, first) => {
        source.reads = 0;
        inclusionPath(source, m, n);
        expect(source.reads).toBeLessThanOrEqual(2 * 12);
        source.reads = 0;
        consistencyPath(source, first, n);
        expect(source.reads).toBeLessThanOrEqual(2 * 12 + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('lists the peaks of a size as the binary decomposition, largest first', () => {
    expect(peakCoordinates(0)).toEqual([]);
    expect(peakCoordinates(1)).toEqual([{ level: 0, index: 0 }]);
    expect(peakCoordinates(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
  });
});
