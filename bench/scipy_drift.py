"""The scipy / numpy side of bench/whole-run: the same statistics as
`driftgauge compare`, column by column, timed without I/O.

    /usr/bin/python3 bench/scipy_drift.py DATA_DIR

Prints JSON: {"loop_seconds", "one_column_seconds", "columns", "rows", "psi_f00", "ks_f00"}.
"""
import json
import os
import sys
import time

import numpy as np
from scipy import stats
from scipy.spatial import distance


def psi_bins(ref, cur, bins=10):
    edges = np.unique(np.quantile(ref, [i / bins for i in range(1, bins)]))
    rc = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1)
    cc = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1)
    return rc / len(ref), cc / len(cur)


def fill_zeroes(p):
    p = p.copy()
    nz = p[p != 0]
    p[p == 0] = nz.min() / 10**6 if nz.min() <= 0.0001 else 0.0001
    return p


def column(ref, cur):
    ks = stats.ks_2samp(ref, cur)
    w = stats.wasserstein_distance(ref, cur)
    wn = w / max(np.std(ref), 0.001)
    rp, cp = psi_bins(ref, cur)
    js = distance.jensenshannon(rp, cp, base=2)
    rz, cz = fill_zeroes(rp), fill_zeroes(cp)
    psi = float(np.sum((rz - cz) * np.log(rz / cz)))
    return {"ks": [ks.statistic, ks.pvalue], "wasserstein": w, "wasserstein_normed": wn, "psi": psi, "js": js}


def main(data_dir):
    names = [n for n in open(os.path.join(data_dir, "columns.txt")).read().split() if n]
    data = {n: (np.fromfile(os.path.join(data_dir, f"ref-{n}.f64"), dtype="<f8"),
                np.fromfile(os.path.join(data_dir, f"cur-{n}.f64"), dtype="<f8")) for n in names}
    t0 = time.perf_counter()
    results = {n: column(*data[n]) for n in names}
    loop = time.perf_counter() - t0
    ref, cur = data[names[0]]
    t0 = time.perf_counter()
    stats.ks_2samp(ref, cur)
    stats.wasserstein_distance(ref, cur)
    psi_bins(ref, cur)
    one = time.perf_counter() - t0
    print(json.dumps({"loop_seconds": loop, "one_column_seconds": one, "columns": len(names),
                      "rows": int(len(ref)), "results": results}))


if __name__ == "__main__":
    main(sys.argv[1])
