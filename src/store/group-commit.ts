/**
 * Group commit: writes submitted in the same turn of the event loop share one
 * transaction, so one WAL fsync (synchronous = FULL) acknowledges them all.
 * better-sqlite3 is synchronous, so an fsync per batch would block the event
 * loop for the whole sync each time; grouped, the cost is paid once per turn.
 *
 *   submit(a) ─┐                         BEGIN IMMEDIATE
 *   submit(b) ─┼─ queue ─ setImmediate ─▶  SAVEPOINT; apply(a); RELEASE   (a throws: ROLLBACK TO,
 *   submit(c) ─┘                            SAVEPOINT; apply(b); RELEASE    only a rejects)
 *                                           SAVEPOINT; apply(c); RELEASE
 *                                         COMMIT (one fsync) ─▶ resolve a, b, c
 *                                         COMMIT fails ─▶ reject a, b, c (nothing written)
 *
 * Each job stays atomic on its own (its savepoint); a promise settles only
 * after the commit that holds the job, so an acknowledged job is durable.
 */
import type Database from 'better-sqlite3';

/** At most this many jobs share a transaction; more wait for the next turn, so the event loop breathes. */
const MAX_GROUP = 256;

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Pending<J, R> {
  job: J;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/** Runs `apply(job)` for submitted jobs, grouped into one IMMEDIATE transaction per event-loop turn. */
export class GroupCommit<J, R> {
  readonly #db: Database.Database;
  readonly #one: (job: J) => R;
  readonly #group: (jobs: readonly Pending<J, R>[]) => Outcome<R>[];
  #queue: Pending<J, R>[] = [];
  #scheduled = false;

  constructor(db: Database.Database, apply: (job: J) => R) {
    this.#db = db;
    // Called inside the group's transaction, a transaction function runs in a savepoint.
    this.#one = db.transaction(apply);
    this.#group = db.transaction((jobs: readonly Pending<J, R>[]) => jobs.map((p) => this.#attempt(p.job))).immediate;
  }

  /** Queues `job`; settles after the transaction holding it commits (or fails). */
  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits up to MAX_GROUP queued jobs now and schedules the rest. */
  flush(): void {
    this.#scheduled = false;
    const jobs = this.#queue.splice(0, MAX_GROUP);
    if (this.#queue.length > 0) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
    if (jobs.length === 0) return;
    let outcomes: Outcome<R>[];
    try {
      outcomes = this.#group(jobs);
    } catch (error) {
      for (const p of jobs) p.reject(error);
      return;
    }
    for (const [i, o] of outcomes.entries()) {
      if (o.ok) jobs[i].resolve(o.value);
      else jobs[i].reject(o.error);
    }
  }

  #attempt(job: J): Outcome<R> {
    try {
      return { ok: true, value: this.#one(job) };
    } catch (error) {
      // SQLite rolls the whole transaction back on some errors (disk full, I/O):
      // the jobs before this one are gone too, so fail the group.
      if (!this.#db.inTransaction) throw error;
      return { ok: false, error };
    }
  }

  /** Commits everything queued, synchronously (before the connection closes). */
  drain(): void {
    while (this.#queue.length > 0) this.flush();
  }
}
