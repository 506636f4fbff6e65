import { type StreamStop } from '@ledger/projections';

/** Injection tokens for ledger parts that are interfaces rather than classes. */
export const EVENT_STORE = Symbol('EventStore');

/** What /health and /metrics show of the projector running in this process. */
export const PROJECTOR_STATUS = Symbol('ProjectorStatus');
export interface ProjectorStatus {
  status(): Promise<{
    checkpoint: number;
    headPosition: number;
    lag: number;
    /** What a position counts: events (embedded store) or bytes of EventStoreDB's log. */
    lagUnit: 'events' | 'log bytes';
    degradedAbove: number;
    rebuilding: boolean;
    /** Streams stopped at a malformed stored event (their read models are withheld), and the first of them. */
    stoppedStreams: number;
    firstStopped: StreamStop[];
    /** Events of types this version does not know, skipped. */
    skippedEvents: number;
    error?: string;
  }>;
}
