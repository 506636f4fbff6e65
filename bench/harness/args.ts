/** `npm run bench -- [name…] [--quick] [--events N]` */
export interface BenchArgs {
  names: string[];
  quick: boolean;
  events: number | undefined;
}

export class BenchUsageError extends Error {}

export function parseBenchArgs(argv: readonly string[], known: readonly string[]): BenchArgs {
  const names: string[] = [];
  let quick = false;
  let events: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--events' || arg.startsWith('--events=')) {
      const value = arg === '--events' ? argv[(i += 1)] : arg.slice('--events='.length);
      const parsed = Number((value ?? '').replace(/_/g, ''));
      if (!Number.isSafeInteger(parsed) || parsed < 1000)
        throw new BenchUsageError(`--events must be an integer of at least 1000, got ${value ?? 'nothing'}`);
      events = parsed;
    } else if (arg.startsWith('-')) throw new BenchUsageError(`Unknown option ${arg}`);
    else if (!known.includes(arg)) throw new BenchUsageError(`Unknown bench "${arg}"; choose from ${known.join(', ')}`);
    else if (!names.includes(arg)) names.push(arg);
  }
  return { names: names.length > 0 ? known.filter((n) => names.includes(n)) : [...known], quick, events };
}
