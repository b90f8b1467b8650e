/**
 * The store's writer thread: its own connection to the SQLite file, running
 * appends and compactions in group commits, so the fsync of a commit never
 * blocks the event loop that receives requests (sqlite-writer.ts starts it).
 *
 *   main thread                               this thread
 *   ───────────                               ───────────
 *   {id, job} (delta bytes moved) ─────────▶  queue ── setImmediate ─▶ BEGIN IMMEDIATE
 *   {id, job} ─────────────────────────────▶  queue    (arrived while     SAVEPOINT; job; RELEASE  × n
 *                                                        the last commit   COMMIT (one WAL fsync)
 *                                                        ran)
 *   ◀──────── {id, ok} | {id, error: {code, message}} per job, after the commit
 *
 * Jobs that arrive while a commit (and its fsync) runs wait in the port and
 * form the next group: under load, groups grow instead of fsyncs multiplying.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { toWire } from '../errors.js';
import { ownBuffer } from '../own-buffer.js';
import { GroupCommit } from './group-commit.js';
import { storeError } from './sqlite-errors.js';
import { appendParts, compactParts, readDeltaSketch, readWindowHead } from './sqlite-folds.js';
import { configureWriterConnection } from './sqlite-open.js';
import { prepareStatements } from './sqlite-statements.js';
import { WRITER_OPS, type WriterData, type WriterJob, type WriterRequest } from './sqlite-writer.js';

const data = workerData as WriterData;
const port = parentPort;
if (!port) throw new Error('sqlite-writer-thread runs as a worker thread');

const db = new Database(data.file, { timeout: data.busyTimeoutMs });
configureWriterConnection(db, data.synchronous);
const sql = prepareStatements(db);

function apply(job: WriterJob): unknown {
  if (job.op === 'append') return appendParts(sql, job.args.model, job.args.batchId, job.args.parts, job.args.traceparent ?? null);
  if (job.op === 'compact') return compactParts(sql, job.args);
  throw new Error(`${job.op} is not a write`);
}

const commits = new GroupCommit(db, apply);

/**
 * A read between commits, its blobs moved to the main thread: the window
 * with its deltas' counts, or (`seq`) one delta's sketch. One blob per
 * message, so commits go on between the reads of a large window.
 */
function read(id: number, args: { model: string; windowStart: number; seq?: number }): void {
  try {
    const { model, windowStart: start, seq } = args;
    const found = seq === undefined ? db.transaction(() => readWindowHead(sql, model, start))() : readDeltaSketch(sql, model, start, seq);
    const blobs = found === null ? [] : found instanceof Uint8Array ? [found] : [found.sketch];
    const transfer = blobs.flatMap((b) => ownBuffer(b) ?? []);
    port?.postMessage({ id, ok: found }, [...new Set(transfer)]);
  } catch (err) {
    port?.postMessage({ id, error: toWire(storeError(WRITER_OPS.read, err, args.model)) });
  }
}

port.on('message', (msg: WriterRequest) => {
  if ('close' in msg) {
    commits.drain();
    db.close();
    // After the replies of the drained jobs (their promises settle in microtasks).
    setImmediate(() => port.postMessage({ id: msg.id, ok: true }));
    return;
  }
  const { id, job } = msg;
  if (job.op === 'read') {
    read(id, job.args);
    return;
  }
  commits.submit(job).then(
    (ok) => port.postMessage({ id, ok }),
    (err: unknown) => port.postMessage({ id, error: toWire(storeError(WRITER_OPS[job.op], err, job.args.model)) }),
  );
});
