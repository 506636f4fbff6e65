import { EMPTY_TREE_ROOT, nodeHash } from '../hashing';

export interface CompletedNode {
  level: number;
  index: number;
  hash: Buffer;
}

/**
 * The right edge of a Merkle tree: one complete-subtree hash per set bit of the size, largest first.
 * Enough to append a leaf in O(log n) and to compute the root of the current size without the leaves,
 * so verifiers can stream a million events in constant memory.
 */
export class CompactTree {
  private readonly peaks: CompletedNode[];
  private count: number;

  constructor(size = 0, peaks: CompletedNode[] = []) {
    this.count = size;
    this.peaks = [...peaks];
  }

  /** An independent copy: appends are staged on it and adopted only once they are committed. */
  clone(): CompactTree {
    return new CompactTree(this.count, this.peaks);
  }

  get size(): number {
    return this.count;
  }

  /** Appends a leaf hash and returns every interior node it completes (level >= 1), lowest first. */
  append(leaf: Buffer): CompletedNode[] {
    const completed: CompletedNode[] = [];
    let node: CompletedNode = { level: 0, index: this.count, hash: leaf };
    this.count += 1;
    while (this.peaks.length > 0 && this.peaks[this.peaks.length - 1]!.level === node.level) {
      const left = this.peaks.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      completed.push(node);
    }
    this.peaks.push(node);
    return completed;
  }

  /** MTH of the leaves appended so far: the peaks folded from the right (RFC 9162 §2.1.1 split rule). */
  root(): Buffer {
    if (this.peaks.length === 0) return EMPTY_TREE_ROOT;
    let root = this.peaks[this.peaks.length - 1]!.hash;
    for (let i = this.peaks.length - 2; i >= 0; i -= 1) root = nodeHash(this.peaks[i]!.hash, root);
    return root;
  }
}

/** The (level, index) of each peak of a tree of `size` leaves, left to right. */
export function peakCoordinates(size: number): Array<{ level: number; index: number }> {
  const coordinates: Array<{ level: number; index: number }> = [];
  let offset = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level -= 1) {
    const width = 2 ** level;
    if (offset + width <= size) {
      coordinates.push({ level, index: offset / width });
      offset += width;
    }
  }
  return coordinates;
}
