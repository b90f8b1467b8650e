/** JSON schemas shared by several route groups. */
export const MODEL_PARAMS = {
  type: 'object',
  properties: {
    model: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', description: 'model name: letters, digits, . _ -; up to 128' },
  },
  required: ['model'],
} as const;

export const DRIFT_OPTIONS = {
  type: 'object',
  additionalProperties: true,
  description: 'drift defaults: method, threshold, drift_share, psi_bins (CONTRACT.md)',
} as const;

export const SPEC_BODY = {
  type: 'object',
  description: 'the model spec (CONTRACT.md "Model spec")',
  additionalProperties: true,
} as const;

export const MODEL_RECORD = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    spec: { type: 'object', additionalProperties: true },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    reference: {
      type: ['object', 'null'],
      properties: { rows: { type: 'integer' }, updatedAt: { type: 'string' } },
      additionalProperties: true,
    },
  },
  additionalProperties: false,
} as const;

export const REPORT_ANY = { type: 'object', additionalProperties: true } as const;
