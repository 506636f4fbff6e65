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
  /** Events the loaded ledger must hold. */
  events: number;
  /** Directory holding `events.sqlite` and `read-models.sqlite`. */
  dir: string;
}

export interface EmmettThroughput extends Throughput {
  /** PRAGMA synchronous on emmett's connections (2 = FULL): the durability actually compared. */
  synchronous: number;
}
