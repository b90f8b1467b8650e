/**
 * A file's bytes, with errors named the way every input error names them
 * (DRIFTGAUGE_ERR_FILE_NOT_FOUND / _FILE_READ with the path). `shared`
 * reads straight into a SharedArrayBuffer, so worker threads can view the
 * same bytes without a copy. No apache-arrow here: the CLI reads files while
 * the Arrow reader is still loading.
 */
import { open } from 'node:fs/promises';
import { createError } from '../errors.js';

export async function readFileBytes(path: string, opts: { shared?: boolean } = {}): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const bytes = opts.shared ? new Uint8Array(new SharedArrayBuffer(size)) : new Uint8Array(size);
      let at = 0;
      while (at < size) {
        const { bytesRead } = await handle.read(bytes, at, size - at, at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      return at === size ? bytes : bytes.subarray(0, at);
    } finally {
      await handle.close();
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e?.code === 'ENOENT') throw createError('DRIFTGAUGE_ERR_FILE_NOT_FOUND', path);
    throw createError('DRIFTGAUGE_ERR_FILE_READ', path, e instanceof Error ? e.message : String(e));
  }
}
