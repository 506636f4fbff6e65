import { type CalendarDate } from '@ledger/domain';
import { deterministicUuid } from './deterministic-id';
import { type ScenarioAppend } from './scenario-append';

/**
 * Builds the appends of one scenario run. Event ids come from (scenario, seed, running count), so they
 * are unique within a run, identical across runs of the same seed and different across seeds.
 */
export class AppendRecorder {
  private count = 0;

  constructor(
    private readonly scenario: string,
    private readonly seed: number,
  ) {}

  /** One event on `stream`, dated `on` (a calendar date; the fact is stamped 15:00 UTC that day). */
  fact(stream: string, type: string, data: object, on: CalendarDate): ScenarioAppend {
    const id = deterministicUuid(`${this.scenario}\n${this.seed}\n${this.count++}`);
    return {
      stream,
      events: [
        {
          id,
          type,
          data: data as Record<string, unknown>,
          metadata: { source: 'demo-generator', occurredAt: `${on}T15:00:00.000Z` },
        },
      ],
    };
  }
}
