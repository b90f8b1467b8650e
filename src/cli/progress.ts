/**
 * A progress bar on stderr for long work: silent when stderr is not a
 * terminal, and silent for work that ends within `delayMs` (a second by
 * default), so quick runs and pipes see nothing.
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

export class Progress {
  #stream: ProgressStream;
  #label = '';
  #done = 0;
  #total = 0;
  #shown = false;
  #started = Date.now();
  #delayMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(stream: ProgressStream = process.stderr, delayMs = 1000) {
    this.#stream = stream;
    this.#delayMs = delayMs;
    if (stream.isTTY) {
      this.#timer = setInterval(() => this.#render(), 100);
      this.#timer.unref();
    }
  }

  /** Sets the current stage; total 0 shows a stage without a count. */
  stage(label: string, total = 0): void {
    this.#label = label;
    this.#total = total;
    this.#done = 0;
    this.#render();
  }

  update(done: number, total = this.#total): void {
    this.#done = done;
    this.#total = total;
    this.#render();
  }

  #render(): void {
    if (!this.#stream.isTTY || Date.now() - this.#started < this.#delayMs) return;
    const width = 30;
    let line = this.#label;
    if (this.#total > 0) {
      const filled = Math.round((this.#done / this.#total) * width);
      line = `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${this.#done}/${this.#total} ${this.#label}`;
    }
    const max = (this.#stream.columns ?? 80) - 1;
    this.#stream.write(`\r\x1b[2K${line.slice(0, max)}`);
    this.#shown = true;
  }

  /** Clears the bar; call before printing anything else to stderr. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#shown) this.#stream.write('\r\x1b[2K');
    this.#shown = false;
  }
}
