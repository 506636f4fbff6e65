import { type Envelope, type EventMetadata } from '@ledger/domain';
import { type RecordedEvent } from '@ledger/event-store';

/** The domain's view of a stored event (the same fields; declared apart so the domain stays store-free). */
export const toEnvelope = (event: RecordedEvent): Envelope => ({
  id: event.id,
  stream: event.stream,
  revision: event.revision,
  position: event.position,
  type: event.type,
  data: event.data,
  metadata: event.metadata as EventMetadata,
  recordedAt: event.recordedAt,
});
