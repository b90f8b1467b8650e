import { describe, expect, it } from 'vitest';
import { type BinLookup, binIndex, buildBinLookup, FEW_EDGES, highKey } from '../../src/sketches/bin-lookup.js';
import { fineEdgesSorted } from '../../src/sketches/fine-edges.js';
import { nextUp } from '../../src/sketches/next-up.js';
import { normals, rng, searchRight } from './helpers.js';

function check(edges: Float64Array, probes: Float64Array): void {
  const lookup = buildBinLookup(edges);
  const wrong: string[] = [];
  for (const x of probes) if (binIndex(lookup, x) !== searchRight(edges, x)) wrong.push(`${x}: ${binIndex(lookup, x)} vs ${searchRight(edges, x)}`);
  expect(wrong.slice(0, 5)).toEqual([]);
}

const sortedDistinct = (a: Float64Array) => Float64Array.from(new Set(Array.from(a).sort((x, y) => x - y)));

describe('binIndex', () => {
  it('matches searchsorted(side="right") at, just below and just above every edge', () => {
    const edges = sortedDistinct(normals(2000, 3));
    const probes: number[] = [];
    for (const e of edges) probes.push(e, nextUp(e), -nextUp(-e));
    probes.push(-1e300, 1e300, edges[0] - 1, edges[edges.length - 1] + 1);
    check(edges, Float64Array.from(probes));
  });

  it('stays right when edges crowd into a few cells (lognormal tail, one outlier)', () => {
    const edges = sortedDistinct(Float64Array.from([...normals(1000, 4).map(Math.exp), 1e9]));
    const r = rng(9);
    const probes = new Float64Array(20_000).map(() => Math.exp(4 * r() - 2));
    check(edges, Float64Array.from([...probes, ...edges]));
  });

  it('puts heavy tails on the high-word grid, and stays right on it (negatives, zeros, subnormals)', () => {
    const tails = sortedDistinct(Float64Array.from([...normals(3000, 6, 0, 8).map((v) => Math.sign(v) * Math.exp(Math.abs(v))), 0]));
    const lookup = buildBinLookup(tails);
    expect(lookup.grid).toBe('bits');
    expect(buildBinLookup(sortedDistinct(normals(3000, 7))).grid).toBe('linear');
    const r = rng(5);
    const probes = Array.from({ length: 30_000 }, () => (r() < 0.5 ? -1 : 1) * Math.exp(60 * r() - 30));
    probes.push(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 1e-310, -1e-310, ...tails, ...Array.from(tails, nextUp));
    check(tails, Float64Array.from(probes));
  });

  it('shrinks the table to the fewest cells that hold at most FEW_EDGES edges each, and reports its crowd', () => {
    const maxPerCell = (l: BinLookup) => Math.max(...Array.from({ length: l.cells }, (_, c) => l.lut[c + 1] - l.lut[c]));
    // Fine edges of a reference (quantiles, nextUp after ties): smooth enough for a 1- or 2-cell-per-edge table.
    const normal = fineEdgesSorted(normals(50_000, 3).sort(), 1024, new Float64Array(0));
    const few = buildBinLookup(normal);
    expect(few.crowd).toBe(maxPerCell(few));
    expect(few.crowd).toBeLessThanOrEqual(FEW_EDGES);
    expect(few.cells).toBeLessThan(4 * normal.length);
    check(normal, Float64Array.from([...normals(5000, 8), ...normal, ...Array.from(normal, nextUp)]));
    const crowded = sortedDistinct(Float64Array.from([...normals(1000, 4).map(Math.exp), 1e9]));
    const l = buildBinLookup(crowded);
    expect(l.crowd).toBe(maxPerCell(l));
    expect(l.crowd).toBeGreaterThan(FEW_EDGES);
    expect(l.cells).toBeGreaterThanOrEqual(4 * crowded.length); // kept at cellsPerEdge: crowded anyway
  });

  it('keys the high word monotonically, -0 and 0 alike', () => {
    const xs = [-1e300, -2, -1, -1e-300, -Number.MIN_VALUE, -0, 0, Number.MIN_VALUE, 1e-300, 1, 1.0000001, 2, 1e300];
    for (let i = 1; i < xs.length; i++) expect(highKey(xs[i])).toBeGreaterThanOrEqual(highKey(xs[i - 1]));
    expect(highKey(-0)).toBe(highKey(0));
  });

  it('handles ranges that overflow, one edge, and no edges', () => {
    check(Float64Array.of(-1e308, 0, 1e308), Float64Array.of(-Number.MAX_VALUE, -1e308, -1, 0, 1, 1e308, Number.MAX_VALUE));
    check(Float64Array.of(5), Float64Array.of(4, 5, 6));
    check(Float64Array.of(0, Number.MIN_VALUE), Float64Array.of(-1, 0, Number.MIN_VALUE, 1));
    expect(binIndex(buildBinLookup(new Float64Array(0)), 3)).toBe(0);
  });
});
