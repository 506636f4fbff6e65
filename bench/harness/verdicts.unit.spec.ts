import { formatNumber, formatRatio, judge } from './verdicts';

describe('judge', () => {
  it('passes a ratio bar at exactly the minimum and fails just below it', () => {
    expect(judge({ kind: 'at-least-ratio', label: 'append', measured: 70, baseline: 100, minimum: 0.7 })).toEqual(
      expect.objectContaining({ pass: true, figure: '70%', target: '≥ 70%' }),
    );
    expect(judge({ kind: 'at-least-ratio', label: 'append', measured: 69.9, baseline: 100, minimum: 0.7 }).pass).toBe(
      false,
    );
  });

  it('reads multiples as ×: 3.2 times a peer passes a 3× bar', () => {
    const verdict = judge({
      kind: 'at-least-ratio',
      label: 'vs peer',
      measured: 128_000,
      baseline: 40_000,
      minimum: 3,
    });
    expect(verdict).toEqual(expect.objectContaining({ pass: true, figure: '3.20×', target: '≥ 3.00×', value: 3.2 }));
  });

  it('refuses a ratio over a baseline that measured nothing', () => {
    expect(() => judge({ kind: 'at-least-ratio', label: 'broken', measured: 1, baseline: 0, minimum: 0.5 })).toThrow(
      /baseline/,
    );
  });

  it('passes a ceiling at the limit, fails above it, and fails an infinite (missing) figure', () => {
    expect(judge({ kind: 'at-most', label: 'p99', measured: 100, maximum: 100, unit: 'ms' }).pass).toBe(true);
    expect(judge({ kind: 'at-most', label: 'p99', measured: 100.4, maximum: 100, unit: 'ms' })).toEqual(
      expect.objectContaining({ pass: false, figure: '100 ms', target: '≤ 100 ms' }),
    );
    expect(
      judge({ kind: 'at-most', label: 'p99', measured: Number.POSITIVE_INFINITY, maximum: 100, unit: 'ms' }).pass,
    ).toBe(false);
  });

  it('passes a floor at the minimum, shows the exact count, and fails one short of it', () => {
    expect(
      judge({ kind: 'at-least', label: 'devices ordered', measured: 700_000, minimum: 700_000, unit: 'devices' }),
    ).toEqual(expect.objectContaining({ pass: true, figure: '700,000 devices', target: '≥ 700,000 devices' }));
    expect(
      judge({ kind: 'at-least', label: 'devices ordered', measured: 699_999, minimum: 700_000, unit: 'devices' }),
    ).toEqual(expect.objectContaining({ pass: false, figure: '699,999 devices' }));
  });

  it('rounds a measured rate against a floor like other figures', () => {
    expect(
      judge({
        kind: 'at-least',
        label: 'rebuild throughput',
        measured: 41_007.294,
        minimum: 100_000,
        unit: 'events/s',
      }),
    ).toEqual(expect.objectContaining({ pass: false, figure: '41,000 events/s', target: '≥ 100,000 events/s' }));
  });
});

describe('formatting', () => {
  it('keeps about three significant figures with thousands separated', () => {
    expect(formatNumber(123_456)).toBe('123,000');
    expect(formatNumber(45.67)).toBe('45.7');
    expect(formatNumber(0.8234)).toBe('0.82');
  });

  it('shows ratios under 1 as percentages and others as multiples', () => {
    expect(formatRatio(0.734)).toBe('73%');
    expect(formatRatio(1)).toBe('1.00×');
  });
});
