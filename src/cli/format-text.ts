/**
 * The human-readable rendering of a report (`--format text`). Presentation
 * only: it reads a finished report and computes nothing.
 */
import type { FeatureReport, MetricValue, ModelSideReport, Report } from '../engine/report.js';

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(3) : v.toFixed(4);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows.map((r) => r.map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length)).join('  ').trimEnd()).join('\n');
}

function featureRow(f: FeatureReport): string[] {
  const d = f.drift;
  const missing = f.missing.reference + f.missing.current > 0 ? `${f.missing.reference}/${f.missing.current}` : '';
  return [
    f.name,
    f.kind,
    d?.method ?? '—',
    fmt(d?.score),
    fmt(d?.threshold),
    d ? (d.detected ? '✔ drift' : '✘') : 'error',
    missing,
  ];
}

function metricText(v: MetricValue | undefined): string {
  if (Array.isArray(v)) return JSON.stringify(v);
  return fmt(v as number | null | undefined);
}

export function formatText(report: Report): string {
  const out: string[] = [];
  out.push(`driftgauge ${report.mode} comparison: reference ${report.reference.rows} rows, current ${report.current.rows} rows`, '');
  out.push(table([['feature', 'kind', 'method', 'score', 'threshold', 'drift', 'missing ref/cur'], ...report.features.map(featureRow)]));
  const errs = report.features.flatMap((f) => (f.errors ?? []).map((e) => `  ${f.name}: ${e.code}: ${e.message}`));
  if (errs.length > 0) out.push('', 'errors:', ...errs);
  const ds = report.dataset;
  out.push(
    '',
    `dataset: ${ds.drifted} of ${ds.features} features drifted (share ${fmt(ds.share)}, threshold ${fmt(ds.drift_share)}): ${ds.detected ? 'DRIFT DETECTED' : 'no dataset drift'}`,
  );
  const mv = report.multivariate as
    | { pca_reconstruction?: { current_error: number; lower: number; upper: number; detected: boolean } | null; domain_classifier?: { roc_auc: number; threshold: number; detected: boolean } | null; errors?: { code: string; message: string }[] }
    | undefined;
  if (mv) {
    out.push('', 'multivariate:');
    const pca = mv.pca_reconstruction;
    if (pca) out.push(`  PCA reconstruction error ${fmt(pca.current_error)} (reference band ${fmt(pca.lower)}..${fmt(pca.upper)}): ${pca.detected ? '✔ drift' : '✘'}`);
    const dc = mv.domain_classifier;
    if (dc) out.push(`  domain classifier ROC AUC ${fmt(dc.roc_auc)} (threshold ${fmt(dc.threshold)}): ${dc.detected ? '✔ drift' : '✘'}`);
    for (const e of mv.errors ?? []) out.push(`  ${e.code}: ${e.message}`);
  }
  if (report.model) {
    const { reference, current, task } = report.model;
    const keys = [...new Set([...Object.keys(reference), ...Object.keys(current)])].filter((k) => k !== 'errors');
    out.push('', `model (${task}):`);
    out.push(table([['metric', 'reference', 'current'], ...keys.map((k) => [k, metricText(reference[k] as MetricValue), metricText(current[k] as MetricValue)])]));
    const sideErrors = (side: string, s: ModelSideReport) => (s.errors ?? []).map((e) => `  ${side}: ${e.code}: ${e.message}`);
    const merrs = [...sideErrors('reference', reference), ...sideErrors('current', current)];
    if (merrs.length > 0) out.push('', 'model errors:', ...merrs);
  }
  return `${out.join('\n')}\n`;
}
