/**
 * Eigen decomposition of a small symmetric matrix by cyclic Jacobi rotations
 * (Golub & Van Loan, Matrix Computations, §8.5), in float64 TypeScript. For
 * PCA on d features the matrix is d × d, so O(d³) per sweep is nothing next
 * to the O(n·d²) covariance.
 */

/** Eigenvalues (descending) and unit eigenvectors: column i of `vectors` (row-major d × d) belongs to `values[i]`. */
export interface SymmetricEigen {
  values: Float64Array;
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/**
 * Decomposes a symmetric d × d matrix given row-major (only its upper
 * triangle is read). Converges quadratically; stops when the off-diagonal
 * mass is below 1e-15 of the diagonal's or after 100 sweeps.
 *
 * @throws {RangeError} when `a` is not d × d
 * @example
 * jacobiEigen(Float64Array.of(2, 1, 1, 2), 2);
 * // values [3, 1], vectors (column-wise) ±[0.7071, 0.7071], ±[-0.7071, 0.7071]
 */
export function jacobiEigen(a: Float64Array, d: number): SymmetricEigen {
  if (a.length !== d * d) throw new RangeError(`jacobiEigen: expected ${d * d} entries, got ${a.length}`);
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) m[i * d + j] = m[j * d + i] = a[i * d + j];
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < d; i++) {
      diag += m[i * d + i] * m[i * d + i];
      for (let j = i + 1; j < d; j++) off += m[i * d + j] * m[i * d + j];
    }
    if (off <= 1e-30 * Math.max(diag, Number.MIN_VALUE) || off === 0) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q];
        if (apq === 0) continue;
        const theta = (m[q * d + q] - m[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const mkp = m[k * d + p];
          const mkq = m[k * d + q];
          m[k * d + p] = c * mkp - s * mkq;
          m[k * d + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = m[p * d + k];
          const mqk = m[q * d + k];
          m[p * d + k] = c * mpk - s * mqk;
          m[q * d + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((x, y) => m[y * d + y] - m[x * d + x]);
  const values = Float64Array.from(order, (i) => m[i * d + i]);
  const vectors = new Float64Array(d * d);
  order.forEach((src, dst) => {
    // A deterministic sign: the largest-magnitude entry of each eigenvector is positive (as sklearn's svd_flip).
    let big = 0;
    for (let k = 0; k < d; k++) if (Math.abs(v[k * d + src]) > Math.abs(big)) big = v[k * d + src];
    const sign = big < 0 ? -1 : 1;
    for (let k = 0; k < d; k++) vectors[k * d + dst] = sign * v[k * d + src];
  });
  return { values, vectors };
}
