/**
 * The plain JavaScript backend (@tensorflow/tfjs-backend-cpu), always
 * available. It prints TF.js's "install the node backend" banner on its
 * first tensor write in Node, so one tensor is written here, with the
 * console silenced, before anyone else can.
 */
import { importOptional } from './optional-import.js';
import { withQuietConsole } from './quiet-console.js';
import type { BackendAttempt, Tf } from './tf-types.js';

/** Loads the cpu backend, activates it and spends its one-time banner. */
export async function tryCpu(tf: Tf): Promise<BackendAttempt> {
  const { value, printed } = await withQuietConsole(async () => {
    const imported = await importOptional('@tensorflow/tfjs-backend-cpu');
    if (!imported.ok) return imported.missing ? 'not installed' : `failed to load: ${imported.reason}`;
    if (!(await tf.setBackend('cpu'))) return '';
    tf.tensor1d([0]).dispose();
    return null;
  });
  if (value !== null) return { ok: false, reason: value || printed.join(' ').trim() || 'initialisation failed' };
  return { ok: true, tfBackend: 'cpu' };
}
