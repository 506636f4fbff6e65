/** Adds up the wall time spent inside measured calls only, so producing their input is never counted. */
export class Stopwatch {
  private totalNs = 0n;

  async time<T>(work: () => Promise<T> | T): Promise<T> {
    const started = process.hrtime.bigint();
    try {
      return await work();
    } finally {
      this.totalNs += process.hrtime.bigint() - started;
    }
  }

  get seconds(): number {
    return Number(this.totalNs) / 1e9;
  }
}

/** Milliseconds since an arbitrary origin, monotonic: for latencies measured within one process. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
