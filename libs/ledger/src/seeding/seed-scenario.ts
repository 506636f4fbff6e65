import { generateScenario, type ScenarioAppend, type ScenarioOptions } from '@ledger/scenarios';
import { type Principal } from '../keys/roles';
import { type AppendService } from '../write-path/append.service';

/** The principal generated data is written as: an internal actor, never an issued API key. */
export const SEED_PRINCIPAL: Principal = {
  keyId: 'internal-demo-generator',
  role: 'admin',
  label: 'Demo data generator',
};

export interface SeedProgress {
  /** Appends handled so far, this one included. */
  done: number;
  append: ScenarioAppend;
  /** The append was already recorded by an earlier run with the same scenario, seed and scale. */
  replayed: boolean;
}

export interface SeedSummary {
  appends: number;
  events: number;
  /** Appends an earlier run had already recorded (their idempotency keys matched). */
  alreadyRecorded: number;
}

/** Names one append of one run, so a re-run of the same scenario, seed and scale never records anything twice. */
export const seedIdempotencyKey = (scenario: string, options: ScenarioOptions, index: number): string =>
  `seed:${scenario}:${options.seed}:${options.scale}:${index}`;

/**
 * Posts every append of a scenario through the write path integrations use (validation, deciders,
 * idempotency), one after another: the order matters, since later facts (an order's volume tier) are
 * decided on the state earlier ones left.
 */
export async function seedScenario(
  appender: Pick<AppendService, 'append'>,
  scenario: string,
  options: ScenarioOptions,
  onProgress?: (progress: SeedProgress) => void,
): Promise<SeedSummary> {
  const summary: SeedSummary = { appends: 0, events: 0, alreadyRecorded: 0 };
  for (const append of generateScenario(scenario, options)) {
    const outcome = await appender.append({
      principal: SEED_PRINCIPAL,
      stream: append.stream,
      body: { events: append.events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })) },
      expected: undefined,
      idempotencyKey: seedIdempotencyKey(scenario, options, summary.appends),
    });
    summary.appends += 1;
    summary.events += append.events.length;
    if (outcome.replayed) summary.alreadyRecorded += 1;
    onProgress?.({ done: summary.appends, append, replayed: outcome.replayed });
  }
  return summary;
}

/** How many appends a scenario run has, counted by generating it (cheap: no store, nothing kept). */
export function countAppends(scenario: string, options: ScenarioOptions): number {
  let n = 0;
  for (const _append of generateScenario(scenario, options)) n += 1;
  return n;
}
