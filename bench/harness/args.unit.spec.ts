import { BenchUsageError, parseBenchArgs } from './args';

const KNOWN = ['append', 'http', 'rebuild', 'as-of', 'sse'];

describe('parseBenchArgs', () => {
  it('runs every bench at full size when given nothing', () => {
    expect(parseBenchArgs([], KNOWN)).toEqual({ names: KNOWN, quick: false, events: undefined });
  });

  it('runs the named benches in the suite’s order, once each', () => {
    expect(parseBenchArgs(['sse', 'append', 'sse'], KNOWN).names).toEqual(['append', 'sse']);
  });

  it('reads --quick and --events in both spellings, with digit separators', () => {
    expect(parseBenchArgs(['--quick', '--events', '200_000'], KNOWN)).toEqual({
      names: KNOWN,
      quick: true,
      events: 200_000,
    });
    expect(parseBenchArgs(['rebuild', '--events=50000'], KNOWN)).toEqual({
      names: ['rebuild'],
      quick: false,
      events: 50_000,
    });
  });

  it('names an unknown bench, an unknown option and a bad event count', () => {
    expect(() => parseBenchArgs(['apend'], KNOWN)).toThrow(
      new BenchUsageError('Unknown bench "apend"; choose from append, http, rebuild, as-of, sse'),
    );
    expect(() => parseBenchArgs(['--fast'], KNOWN)).toThrow(/Unknown option --fast/);
    expect(() => parseBenchArgs(['--events', 'many'], KNOWN)).toThrow(/--events must be an integer/);
    expect(() => parseBenchArgs(['--events'], KNOWN)).toThrow(/got nothing/);
  });
});
