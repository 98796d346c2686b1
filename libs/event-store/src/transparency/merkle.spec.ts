// The Merkle tree against the RFC 6962 test vectors (as published with the reference
// implementation of transparency-dev/merkle), and the verifiers against forged proofs.
import {
  EMPTY_ROOT,
  leafHash,
  MerkleTree,
  nodeHash,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
import VECTORS from './merkle-vectors.json';

const hex = (h: string) => Buffer.from(h, 'hex');
const LEAF_INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hex);

/** Roots of the trees of the first 0..8 leaf inputs. */
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);

/** [leaf index (0-based), tree size, proof], from merkle-vectors.json. */
const INCLUSION: [number, number, string[]][] = VECTORS.inclusion.map((v) => [v.leaf, v.size, v.proof]);

/** [first size, second size, proof], from merkle-vectors.json. */
const CONSISTENCY: [number, number, string[]][] = VECTORS.consistency.map((v) => [
  v.first,
  v.second,
  v.proof,
]);

const tree = new MerkleTree(LEAF_INPUTS.map(leafHash));
const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

/** Every copy of `proof` with one byte of one hash changed, one at a time (all 256 values). */
function* oneByteForgeries(proof: Buffer[]): Generator<Buffer[]> {
  for (let i = 0; i < proof.length; i++) {
    for (let b = 0; b < proof[i].length; b++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const forged = proof.map((p) => Buffer.from(p));
        forged[i][b] ^= flip;
        yield forged;
      }
    }
  }
}

describe('RFC 6962 Merkle tree', () => {
  it('hashes leaves and nodes with the 0x00 and 0x01 prefixes', () => {
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(ROOTS[1].toString('hex'));
    expect(nodeHash(leafHash(LEAF_INPUTS[0]), leafHash(LEAF_INPUTS[1]))).toEqual(ROOTS[2]);
  });

  it('computes the root of every size of the test vectors', () => {
    for (let size = 0; size <= 8; size++) {
      expect(tree.root(size).toString('hex')).toBe(ROOTS[size].toString('hex'));
      expect(new MerkleTree(LEAF_INPUTS.slice(0, size).map(leafHash)).root()).toEqual(ROOTS[size]);
    }
    expect(tree.root(0)).toEqual(EMPTY_ROOT);
  });

  it.each(INCLUSION)('makes and verifies the inclusion proof of leaf %d in %d', (index, size, want) => {
    const proof = tree.inclusionProof(index, size);
    expect(proof.map((p) => p.toString('hex'))).toEqual(want);
    expect(verifyInclusion(index, size, tree.leaf(index), proof, ROOTS[size])).toBe(true);
    expect(rootFromInclusionProof(index, size, tree.leaf(index), proof)).toEqual(ROOTS[size]);
  });

  it.each(CONSISTENCY)('makes and verifies the consistency proof of %d in %d', (first, second, want) => {
    const proof = tree.consistencyProof(first, second);
    expect(proof.map((p) => p.toString('hex'))).toEqual(want);
    expect(verifyConsistency(first, second, ROOTS[first], ROOTS[second], proof)).toBe(true);
  });

  it('makes proofs that verify for every leaf and size pair up to 8', () => {
    for (let size = 1; size <= 8; size++) {
      for (let first = 0; first <= size; first++) {
        expect(
          verifyConsistency(first, size, ROOTS[first], ROOTS[size], tree.consistencyProof(first, size)),
        ).toBe(true);
      }
      for (let index = 0; index < size; index++) {
        expect(
          verifyInclusion(index, size, tree.leaf(index), tree.inclusionProof(index, size), ROOTS[size]),
        ).toBe(true);
      }
    }
  });

  it('agrees with itself on a larger, uneven tree', () => {
    const leaves = Array.from({ length: 1000 }, (_, i) => leafHash(Buffer.from(String(i))));
    const big = new MerkleTree(leaves);
    for (const [first, second] of [
      [1, 1000],
      [511, 1000],
      [512, 999],
      [777, 778],
    ]) {
      const proof = big.consistencyProof(first, second);
      expect(verifyConsistency(first, second, big.root(first), big.root(second), proof)).toBe(true);
      expect(
        verifyInclusion(
          first - 1,
          second,
          leaves[first - 1],
          big.inclusionProof(first - 1, second),
          big.root(second),
        ),
      ).toBe(true);
    }
  });
});

/**
 * The (m, n) a proof made for (m, n) must not verify at: m one less, one more or with a bit
 * flipped, and n doubled or halved.
 */
const otherPositions = (m: number, n: number): [number, number][] => [
  [m - 1, n],
  [m + 1, n],
  [m ^ 2, n],
  [m, n * 2],
  [m, Math.floor(n / 2)],
];
type InclusionArgs = Parameters<typeof verifyInclusion>;
type ConsistencyArgs = Parameters<typeof verifyConsistency>;

describe('the verifiers reject forged proofs', () => {
  it.each(INCLUSION.filter(([, , p]) => p.length > 0))(
    'inclusion of leaf %d in %d: every hash altered one byte at a time, and other forgeries',
    (index, size) => {
      const proof = tree.inclusionProof(index, size);
      const leaf = tree.leaf(index);
      const root = ROOTS[size];
      let forgeries = 0;
      for (const forged of oneByteForgeries(proof)) {
        expect(verifyInclusion(index, size, leaf, forged, root)).toBe(false);
        forgeries += 1;
      }
      expect(forgeries).toBe(proof.length * 32 * 3);
      const altered = Buffer.from(leaf);
      altered[0] ^= 1;
      const rejected: InclusionArgs[] = [
        ...otherPositions(index, size).map(([i, n]): InclusionArgs => [i, n, leaf, proof, root]),
        [index, size, altered, proof, root],
        [index, size, Buffer.from('WrongLeaf'), proof, root],
        [index, size, leaf, proof, EMPTY_ROOT],
        [index, size, leaf, proof, SOME_HASH],
        [index, size, leaf, [...proof, Buffer.alloc(0)], root],
        [index, size, leaf, [...proof, root], root],
        [index, size, leaf, [Buffer.alloc(0), ...proof], root],
        [index, size, leaf, [root, ...proof], root],
        [index, size, leaf, proof.slice(0, -1), root],
        [index, size, leaf, [proof[0], SOME_HASH, ...proof.slice(1)], root],
      ];
      for (const args of rejected) expect(verifyInclusion(...args)).toBe(false);
    },
  );

  it.each(CONSISTENCY.filter(([, , p]) => p.length > 0))(
    'consistency of %d with %d: every hash altered one byte at a time, and other forgeries',
    (first, second) => {
      const proof = tree.consistencyProof(first, second);
      const [r1, r2] = [ROOTS[first], ROOTS[second]];
      for (const forged of oneByteForgeries(proof)) {
        expect(verifyConsistency(first, second, r1, r2, forged)).toBe(false);
      }
      for (const root of [r1, r2]) {
        for (const forged of oneByteForgeries([root])) {
          expect(verifyConsistency(first, second, forged[0], r2, proof)).toBe(false);
          expect(verifyConsistency(first, second, r1, forged[0], proof)).toBe(false);
        }
      }
      const wrong = Buffer.from('WrongRoot');
      const rejected: ConsistencyArgs[] = [
        ...otherPositions(first, second).map(([m, n]): ConsistencyArgs => [m, n, r1, r2, proof]),
        [first, second, wrong, r2, proof],
        [first, second, r1, wrong, proof],
        [first, second, r2, r1, proof],
        [first, second, r1, r2, []],
        [first, second, r1, r2, [...proof, Buffer.alloc(0)]],
        [first, second, r1, r2, [...proof, r1]],
        [first, second, r1, r2, [...proof, r2]],
        [first, second, r1, r2, [Buffer.alloc(0), ...proof]],
        [first, second, r1, r2, [r1, ...proof]],
        [first, second, r1, r2, [r2, ...proof]],
        [first, second, r1, r2, [proof[0], ...proof]],
        [first, second, r1, r2, proof.slice(0, -1)],
      ];
      for (const args of rejected) expect(verifyConsistency(...args)).toBe(false);
    },
  );

  it('rejects impossible sizes and mismatched roots of equal trees', () => {
    const r = ROOTS[3];
    expect(verifyConsistency(2, 1, ROOTS[2], ROOTS[1], [])).toBe(false);
    expect(verifyConsistency(1, 0, ROOTS[1], ROOTS[0], [])).toBe(false);
    expect(verifyConsistency(3, 3, r, ROOTS[4], [])).toBe(false);
    expect(verifyConsistency(3, 3, r, r, [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(0, 3, EMPTY_ROOT, r, [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(3, 3, r, r, [])).toBe(true);
    for (const [index, size] of [
      [0, 0],
      [1, 0],
      [2, 1],
    ]) {
      expect(verifyInclusion(index, size, SOME_HASH, [], EMPTY_ROOT)).toBe(false);
    }
  });
});
