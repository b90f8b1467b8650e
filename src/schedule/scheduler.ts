/**
 * Runs each model's monitor on its cron schedule (croner, UTC). Before a
 * run the replica claims the job in the store for that fire time, so with
 * several replicas sharing a store exactly one runs it; a run's failure is
 * logged and counted, never thrown into the timer.
 */
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { MonitorRecord, Store } from '../store/store.js';

export interface SchedulerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SchedulerOptions {
  store: Store;
  /** Runs the monitor's comparison and stores its report. */
  run: (monitor: MonitorRecord, firedAt: Date) => Promise<void>;
  logger: SchedulerLogger;
  owner?: string;
}

export class Scheduler {
  #jobs = new Map<string, Cron>();
  #opts: SchedulerOptions;
  #owner: string;
  #inflight = new Set<Promise<void>>();
  #stopped = false;

  constructor(opts: SchedulerOptions) {
    this.#opts = opts;
    this.#owner = opts.owner ?? randomUUID();
  }

  /** Schedules every stored monitor. */
  async start(): Promise<void> {
    for (const m of await this.#opts.store.listMonitors()) this.set(m);
  }

  /** Creates or replaces the job of a monitor. */
  set(monitor: MonitorRecord): void {
    if (this.#stopped) return;
    this.remove(monitor.model);
    const job = new Cron(monitor.schedule, { timezone: 'UTC', protect: true, catch: false }, () => {
      const p = this.#fire(monitor);
      this.#inflight.add(p);
      void p.finally(() => this.#inflight.delete(p));
    });
    this.#jobs.set(monitor.model, job);
  }

  remove(model: string): void {
    this.#jobs.get(model)?.stop();
    this.#jobs.delete(model);
  }

  /** When the model's next run is due, or null. */
  nextRun(model: string): Date | null {
    return this.#jobs.get(model)?.nextRun() ?? null;
  }

  async #fire(monitor: MonitorRecord): Promise<void> {
    const firedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const key = `monitor:${monitor.model}:${firedAt.toISOString()}`;
    try {
      const mine = await this.#opts.store.claimJob(key, this.#owner, 10 * 60_000);
      if (!mine) return;
      await this.#opts.run(monitor, firedAt);
    } catch (err) {
      this.#opts.logger.error({ err, model: monitor.model }, 'scheduled comparison failed');
    }
  }

  /** Stops every job and waits for runs in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const job of this.#jobs.values()) job.stop();
    this.#jobs.clear();
    await Promise.allSettled([...this.#inflight]);
  }
}
