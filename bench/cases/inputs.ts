import { type Throughput } from '../harness/throughput';

/** Inputs and outputs of the measurement processes: inputs travel as JSON on their command line. */
export interface BatchAppendInput {
  corpus: string;
  batchSize: number;
}

export interface EmmettAppendInput extends BatchAppendInput {
  /** `default`: emmett's own connection handling (a connection per call); `reused`: one connection passed in. */
  connection: 'default' | 'reused';
}

export interface LedgerDataInput {
  corpus: string;
  /** Facts in the corpus the ledger is loaded from. */
  events: number;
  /** Directory holding `events.sqlite` and `read-models.sqlite`. */
  dir: string;
}

export interface EmmettThroughput extends Throughput {
  /** PRAGMA synchronous on emmett's connections (2 = FULL): the durability actually compared. */
  synchronous: number;
  /**
   * emmett's fire-and-forget `PRAGMA journal_mode = WAL` failing on a busy file (harmless: the file is already WAL).
   */
  unwaitedPragmaFailures: number;
  /** Appends whose COMMIT met that PRAGMA (SQLITE_BUSY), were rolled back by emmett and made again. */
  busyRetries: number;
}

export interface LoadOutcome {
  /** Undefined when an earlier run had already loaded this corpus. */
  load?: Throughput;
  /** Events stored: the corpus facts plus any events the deciders derived from them, less those refused. */
  head: number;
  /** Facts the write path refused (another seed's run had registered the same entity). */
  refused: number;
  examples: string[];
}

export interface RebuildOutcome extends Throughput {
  digest: string;
  position: number;
}

export interface AsOfInput extends LedgerDataInput {
  /** Timed calls per as-of point after the first (cold) one. */
  repeats: number;
}

export interface AsOfPoint {
  label: string;
  position: number;
  coldMs: number;
  warmMs: number[];
}

export interface AsOfOutcome {
  frn: string;
  frnEvents: number;
  /** Seconds the read models needed to catch up first (0 when rebuild had left them current). */
  catchUpSeconds: number;
  points: AsOfPoint[];
}

export interface TexasInput {
  /** Directory holding the scenario's `events.sqlite` and `read-models.sqlite`. */
  dir: string;
  seed: number;
  scale: number;
  /** Time the program dashboard's first render too (slow at this size; quick mode leaves it out). */
  renderDashboard: boolean;
}

export interface TexasLoadOutcome {
  /** Generated appends and the facts in them, all posted through the write path. */
  appends: number;
  facts: number;
  /** Events stored: the facts plus the write path's idempotency claims and records (two per append). */
  stored: number;
  seconds: number;
}

export interface TexasProjectOutcome {
  /** Events replayed by the rebuild. */
  events: number;
  position: number;
  rebuildSeconds: number;
  /** First render of the program dashboard from the rebuilt models, when asked for. */
  dashboardMs?: number;
  program: string;
  /** Every placed order of the program, cancelled ones included. */
  orders: number;
  cancelledOrders: number;
  leasWithOrders: number;
  devicesOrdered: number;
  hotspotsOrdered: number;
  /** Units in orders that are not cancelled. */
  devicesNotCancelled: number;
  hotspotsNotCancelled: number;
}
