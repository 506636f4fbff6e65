import {
  type DomainUpcaster,
  type EventSpec,
  eventSpecOf,
  type ReadModel,
  type StreamDefinition,
  streamPrefix,
} from '@ledger/domain';
import { MAX_STREAM_NAME } from '@ledger/event-store';

/**
 * The characters of a stream name's id part, as the read routes take it: `frn-2025-0001` ↔
 * /v1/funding-requests/2025-0001.
 */
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/;

/** Whether `<kind>-<id>` names a stream that every read route can address and the stores take. */
export const isAddressable = (kind: string, id: string): boolean =>
  STREAM_ID.test(id) && kind.length + 1 + id.length <= MAX_STREAM_NAME;

/**
 * The streams integrations may write, the read models the API serves (looked up by name), and the
 * upcasters every fold of stored events goes through: the write path, the projector, rebuild and replay.
 */
export class LedgerCatalog {
  private readonly byPrefix: ReadonlyMap<string, StreamDefinition>;
  private readonly byModel: ReadonlyMap<string, ReadModel<unknown>>;

  constructor(
    readonly streams: readonly StreamDefinition[],
    readonly readModels: readonly ReadModel<unknown>[],
    readonly upcasters: readonly DomainUpcaster[] = [],
  ) {
    this.byPrefix = new Map(streams.map((d) => [d.prefix, d]));
    this.byModel = new Map(readModels.map((m) => [m.name, m]));
  }

  definitionOf(stream: string): StreamDefinition | undefined {
    return this.byPrefix.get(streamPrefix(stream));
  }

  /** Whether a stream name has a known kind and an id every read route can address, within the stores' length. */
  hasValidId(stream: string): boolean {
    const prefix = streamPrefix(stream);
    return isAddressable(prefix, stream.slice(prefix.length + 1));
  }

  eventSpec(definition: StreamDefinition, type: string): EventSpec | undefined {
    return eventSpecOf(definition, type);
  }

  readModel(name: string): ReadModel<unknown> | undefined {
    return this.byModel.get(name);
  }
}
