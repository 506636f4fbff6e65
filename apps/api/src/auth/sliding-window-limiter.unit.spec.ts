import { SlidingWindowLimiter } from './sliding-window-limiter';

describe('SlidingWindowLimiter', () => {
  let now = 0;
  const limiter = (limit: number, windowMs = 60_000) => new SlidingWindowLimiter(limit, windowMs, () => now);
  beforeEach(() => (now = 1_000_000));

  it('lets exactly `limit` requests of a key through in a window, then refuses; other keys are counted apart', () => {
    const l = limiter(3);
    expect([1, 2, 3, 4].map(() => l.hit('a').allowed)).toEqual([true, true, true, false]);
    expect(l.hit('b').allowed).toBe(true);
    expect(l.hit('a')).toMatchObject({ allowed: false, limit: 3, remaining: 0 });
  });

  it('reports what is left and when the window ends', () => {
    const l = limiter(5);
    expect(l.hit('a')).toEqual({ allowed: true, limit: 5, remaining: 4, resetSeconds: 60 });
    now += 15_500;
    expect(l.hit('a')).toEqual({ allowed: true, limit: 5, remaining: 3, resetSeconds: 45 });
  });

  it('keeps counting the previous window for the part of it the sliding window still covers', () => {
    const l = limiter(10);
    for (let i = 0; i < 10; i++) l.hit('a');
    now += 60_000 + 15_000; // a quarter into the next window: 75% of the previous 10 still count
    const passed = Array.from({ length: 10 }, () => l.hit('a').allowed).filter(Boolean).length;
    expect(passed).toBe(3);
    now += 120_000; // two whole windows without a request: nothing counts any more
    expect(Array.from({ length: 10 }, () => l.hit('a').allowed).every(Boolean)).toBe(true);
  });

  it('never lets more than the limit through in any window-long span under steady load', () => {
    const l = limiter(100, 1_000);
    const accepted: number[] = [];
    for (let t = 0; t < 10_000; t += 3) {
      now = 1_000_000 + t;
      if (l.hit('a').allowed) accepted.push(now);
    }
    for (let i = 0; i < accepted.length; i++) {
      const inSpan = accepted.filter((at) => at >= accepted[i]! && at < accepted[i]! + 1_000).length;
      expect(inSpan).toBeLessThanOrEqual(100 * 1.5);
    }
    expect(accepted.length).toBeGreaterThan(100 * 9);
  });

  it('forgets keys idle for two windows', () => {
    const l = limiter(2);
    l.hit('a');
    now += 30_000;
    l.hit('b');
    now += 95_000;
    l.sweep();
    expect(l.size).toBe(1);
  });
});
