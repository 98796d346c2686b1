// RFC 6962 (section 2.1) Merkle hash trees over the audit log, with inclusion and consistency
// proofs and their verification as RFC 9162 (sections 2.1.3.2 and 2.1.4.2) gives them.
//   leaf hash = SHA-256(0x00 || leaf data)      node hash = SHA-256(0x01 || left || right)
// Sizes and indexes are plain numbers (whole, below 2^53): the log will never be that long.
import { createHash } from 'node:crypto';

export const HASH_SIZE = 32;

/** SHA-256 of no bytes: the root of the empty tree. */
export const EMPTY_ROOT = createHash('sha256').digest();

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
}

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number) => n > 0 && split(n + 1) === n;
const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/**
 * A tree over leaf hashes in log order. Hashes of complete, aligned subtrees are kept level by
 * level, so a root or proof for any size up to the tree's reads at most one hash per level.
 */
export class MerkleTree {
  /** levels[h][i]: the hash of the 2^h leaves from i * 2^h. */
  private readonly levels: Buffer[][] = [[]];

  constructor(leafHashes: Iterable<Buffer> = []) {
    for (const hash of leafHashes) this.push(hash);
  }

  get size(): number {
    return this.levels[0].length;
  }

  /** Appends the next leaf, by its leaf hash. */
  push(hash: Buffer): void {
    if (hash.length !== HASH_SIZE) throw new Error(`A leaf hash has ${HASH_SIZE} bytes, not ${hash.length}.`);
    this.levels[0].push(hash);
    for (let h = 0; odd(this.levels[h].length) === false; h++) {
      const level = this.levels[h];
      const parent = nodeHash(level[level.length - 2], level[level.length - 1]);
      if (!this.levels[h + 1]) this.levels.push([]);
      this.levels[h + 1].push(parent);
    }
  }

  leaf(index: number): Buffer {
    this.checkSize(index + 1);
    return this.levels[0][index];
  }

  /** The root of the tree of the first `size` leaves (default: all of them). */
  root(size = this.size): Buffer {
    this.checkSize(size);
    return size === 0 ? EMPTY_ROOT : this.hashOf(0, size);
  }

  /** RFC 6962 PATH(index, D[size]): the audit path of a leaf in the tree of `size` leaves. */
  inclusionProof(index: number, size = this.size): Buffer[] {
    this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new Error(`Leaf ${index} is not in a tree of ${size} leaves.`);
    }
    const proof: Buffer[] = [];
    const path = (m: number, start: number, n: number): void => {
      if (n === 1) return;
      const k = split(n);
      if (m < k) {
        path(m, start, k);
        proof.push(this.hashOf(start + k, n - k));
      } else {
        path(m - k, start + k, n - k);
        proof.push(this.hashOf(start, k));
      }
    };
    path(index, 0, size);
    return proof;
  }

  /** RFC 6962 PROOF(first, D[second]): that the tree of `first` leaves is a prefix of `second`. */
  consistencyProof(first: number, second = this.size): Buffer[] {
    this.checkSize(second);
    if (!Number.isSafeInteger(first) || first < 0 || first > second) {
      throw new Error(`A tree of ${first} leaves cannot be a prefix of one of ${second}.`);
    }
    const proof: Buffer[] = [];
    if (first === 0 || first === second) return proof;
    const subproof = (m: number, start: number, n: number, whole: boolean): void => {
      if (m === n) {
        if (!whole) proof.push(this.hashOf(start, n));
        return;
      }
      const k = split(n);
      if (m <= k) {
        subproof(m, start, k, whole);
        proof.push(this.hashOf(start + k, n - k));
      } else {
        subproof(m - k, start + k, n - k, false);
        proof.push(this.hashOf(start, k));
      }
    };
    subproof(first, 0, second, true);
    return proof;
  }

  /** MTH of the `n` leaves from `start`, where the RFC's recursion leads (n > 0). */
  private hashOf(start: number, n: number): Buffer {
    if (isPowerOfTwo(n) && start % n === 0) {
      const height = Math.log2(n);
      return this.levels[height][start / n];
    }
    const k = split(n);
    return nodeHash(this.hashOf(start, k), this.hashOf(start + k, n - k));
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) {
      throw new Error(`The tree has ${this.size} leaves, not ${size}.`);
    }
  }
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;
const wellFormed = (proof: readonly Uint8Array[]) => proof.every((p) => p.length === HASH_SIZE);

/** The root an inclusion proof leads to, or null when the proof cannot be one (RFC 9162 2.1.3.2). */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  if (leaf.length !== HASH_SIZE || !wellFormed(proof)) return null;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return null;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!(odd(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** True when `proof` shows the leaf at `index` is in the tree of `size` leaves with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(index, size, leaf, proof);
  return computed !== null && equal(computed, root);
}

/**
 * True when `proof` shows the tree of `first` leaves with `firstRoot` is a prefix of the tree
 * of `second` leaves with `secondRoot` (RFC 9162 2.1.4.2): nothing was removed or rewritten.
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) {
    return false;
  }
  if (first === second) return proof.length === 0 && equal(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0; // the empty tree is a prefix of every tree
  if (proof.length === 0 || !wellFormed(proof)) return false;
  const path = isPowerOfTwo(first) ? [Buffer.from(firstRoot), ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!(odd(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(fr, firstRoot) && equal(sr, secondRoot);
}
