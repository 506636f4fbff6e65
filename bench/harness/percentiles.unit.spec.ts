import { percentile, summarize } from './percentiles';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('returns a measured sample, never an interpolation', () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
  });

  it('gives the 99th of 100 samples for p99 and the largest for p100', () => {
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
  });

  it('lets one slow sample in a hundred set p100 but not p99', () => {
    const latencies = [...Array.from({ length: 99 }, () => 5), 900];
    expect(percentile(latencies, 99)).toBe(5);
    expect(percentile(latencies, 100)).toBe(900);
  });

  it('refuses no samples and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('sorts unsorted samples and reports count, extremes, mean and percentiles', () => {
    const summary = summarize([30, 10, 20, 40]);
    expect(summary).toEqual({ count: 4, min: 10, p50: 20, p90: 40, p99: 40, max: 40, mean: 25 });
  });

  it('leaves the caller’s array in its order', () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});
