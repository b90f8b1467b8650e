export const COMPARE_USAGE =
  'usage: driftgauge compare --reference REF --current CUR [--spec spec.json] [--format json|text] [--out FILE] [--threads N] [--no-multivariate]';
