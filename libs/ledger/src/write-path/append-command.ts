import { type ExpectedRevision } from '@ledger/event-store';
import { type Principal } from '../keys/roles';
import { type AppendEvents } from './append-events';
import { type StoredResponse } from './idempotency';

/** One append as a caller asks for it: who, which stream, the events, and the caller's own guards. */
export interface AppendCommand {
  principal: Principal;
  stream: string;
  body: AppendEvents;
  expected: ExpectedRevision | undefined;
  idempotencyKey: string | undefined;
}

/** The answer to an append; `replayed` when it is the answer an earlier try of the same request got. */
export interface AppendOutcome extends StoredResponse {
  replayed: boolean;
}
