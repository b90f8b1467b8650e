import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite-open.js';
import { prepareStatements } from '../../src/store/sqlite-statements.js';
import { tempDir } from './temp-store.js';

describe('indexes of the hot statements', () => {
  it("answers an append's delta totals and the delta list from an index alone (no table rows, no sketch pages)", () => {
    const { db } = openDatabase({ dataDir: tempDir() });
    try {
      const sql = prepareStatements(db);
      for (const name of ['deltaTotals', 'listDeltaHeads'] as const) {
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql[name].source}`).all('m', 0) as { detail: string }[];
        expect(plan.map((p) => p.detail).join('; '), name).toMatch(/USING COVERING INDEX window_deltas_totals/);
      }
    } finally {
      db.close();
    }
  });
});
