/** Cron schedules, parsed by croner (a maintained library), checked once with a coded error. */
import { Cron } from 'croner';
import { createError } from '../errors.js';

/** Throws DRIFTGAUGE_ERR_INVALID_CRON unless `pattern` is a 5- or 6-field cron expression. */
export function checkCron(pattern: string): void {
  try {
    const job = new Cron(pattern, { paused: true, timezone: 'UTC' });
    const next = job.nextRun();
    job.stop();
    if (!next) throw new Error('it never fires');
  } catch (err) {
    throw createError('DRIFTGAUGE_ERR_INVALID_CRON', pattern, (err as Error).message);
  }
}
