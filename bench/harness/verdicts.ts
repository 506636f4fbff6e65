/**
 * The quality bars of docs/architecture.md as checks over figures measured in one run. A bar is a ratio of the
 * ledger to a baseline measured beside it (throughputs), a ceiling on an absolute figure (latency,
 * memory) or a floor on one (the size a scenario must reach).
 */
export type Bar =
  | { kind: 'at-least-ratio'; label: string; measured: number; baseline: number; minimum: number }
  | { kind: 'at-most'; label: string; measured: number; maximum: number; unit: string }
  | { kind: 'at-least'; label: string; measured: number; minimum: number; unit: string };

export interface Verdict {
  label: string;
  /** Human-readable figure compared with the bar: a ratio ("0.83×") or a value with its unit. */
  figure: string;
  target: string;
  pass: boolean;
  /** The ratio for ratio bars, the measured value for ceilings. */
  value: number;
}

export function judge(bar: Bar): Verdict {
  switch (bar.kind) {
    case 'at-least-ratio': {
      if (!(bar.baseline > 0)) throw new RangeError(`${bar.label}: baseline must be positive, got ${bar.baseline}`);
      const ratio = bar.measured / bar.baseline;
      return {
        label: bar.label,
        figure: formatRatio(ratio),
        target: `≥ ${formatRatio(bar.minimum)}`,
        pass: ratio >= bar.minimum,
        value: ratio,
      };
    }
    case 'at-most':
      return {
        label: bar.label,
        figure: `${formatNumber(bar.measured)} ${bar.unit}`,
        target: `≤ ${formatNumber(bar.maximum)} ${bar.unit}`,
        pass: bar.measured <= bar.maximum,
        value: bar.measured,
      };
    case 'at-least':
      return {
        label: bar.label,
        // Counts exactly (699,999 must not read as 700,000 against a floor), rates as other figures.
        figure: `${Number.isInteger(bar.measured) ? bar.measured.toLocaleString('en-US') : formatNumber(bar.measured)} ${bar.unit}`,
        target: `≥ ${bar.minimum.toLocaleString('en-US')} ${bar.unit}`,
        pass: bar.measured >= bar.minimum,
        value: bar.measured,
      };
    default: {
      const unknown: never = bar;
      throw new Error(`Unknown bar ${JSON.stringify(unknown)}`);
    }
  }
}

/** Ratios below 1 read as percentages (the bars say "70% of"), above as multiples ("3×"). */
export function formatRatio(ratio: number): string {
  return ratio < 1 ? `${(ratio * 100).toFixed(0)}%` : `${ratio.toFixed(2)}×`;
}

/** Three significant figures at most, thousands separated: tables stay readable and honest about noise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const rounded = abs >= 1000 ? Number(value.toPrecision(3)) : Number(value.toFixed(digits));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: digits });
}
