/** What one request learns from the limiter: whether it may pass, and what to tell the client. */
export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
}

interface Window {
  start: number;
  current: number;
  previous: number;
}

/**
 * A sliding-window counter per key: the previous fixed window's count, weighted by how much of it
 * the sliding window still overlaps, plus the current window's count. O(1) time and memory per key,
 * where a log of every hit (what @nestjs/throttler keeps) costs O(hits in the window) per request —
 * at a raised limit and thousands of requests a second that log dominated the append path.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): LimitDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window) {
      window = { start: now, current: 0, previous: 0 };
      this.windows.set(key, window);
    }
    const elapsed = now - window.start;
    if (elapsed >= this.windowMs) {
      const windowsPassed = Math.floor(elapsed / this.windowMs);
      window.previous = windowsPassed === 1 ? window.current : 0;
      window.current = 0;
      window.start += windowsPassed * this.windowMs;
    }
    const into = (now - window.start) / this.windowMs;
    const used = Math.floor(window.previous * (1 - into)) + window.current;
    const allowed = used < this.limit;
    if (allowed) window.current += 1;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - used - (allowed ? 1 : 0)),
      resetSeconds: Math.ceil((window.start + this.windowMs - now) / 1000),
    };
  }

  /** Drops keys idle for two windows (they count nothing any more). */
  sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (now - window.start >= 2 * this.windowMs) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}
