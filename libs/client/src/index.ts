export {
  LedgerClient,
  type LedgerClientOptions,
  type AppendOptions,
  type AppendResult,
  type NewEvent,
  type ExpectedRevision,
  type ReadModelResponse,
} from './ledger-client';
export { LedgerApiError, type Problem } from './ledger-api-error';
export {
  liveStream,
  MalformedLiveMessage,
  type LiveMessage,
  type LiveRequest,
  type ReconnectOptions,
} from './live-stream';
export { SseParser, type SseEvent } from './sse-parser';
