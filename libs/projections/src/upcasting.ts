import { type Envelope } from '@ledger/domain';

/**
 * Turns the stored data of one event type at one schema version into the shape of a later version.
 * Stored bytes never change: upcasting happens on every read, before evolve.
 */
export interface Upcaster {
  type: string;
  /** The stored schemaVersion this upcaster reads (an event without one is version 1). */
  fromVersion: number;
  /** The schemaVersion of the data it returns; greater than fromVersion. */
  toVersion: number;
  upcast: (data: unknown, event: Envelope) => unknown;
}

export type Upcast = (event: Envelope) => Envelope;

const key = (type: string, version: number): string => `${type}\u0000${version}`;

export const schemaVersionOf = (event: Envelope): number =>
  typeof event.metadata.schemaVersion === 'number' ? event.metadata.schemaVersion : 1;

/**
 * One function applying every matching upcaster in a chain (v1→v2→v3), so an upcaster only has to
 * know the version after its own. Refuses ambiguous or backward chains when built, not when folding.
 */
export function upcasterChain(upcasters: readonly Upcaster[]): Upcast {
  const byKey = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    if (
      !Number.isSafeInteger(upcaster.fromVersion) ||
      !Number.isSafeInteger(upcaster.toVersion) ||
      upcaster.toVersion <= upcaster.fromVersion
    ) {
      throw new Error(
        `Upcaster for ${upcaster.type} must go from one integer schemaVersion to a greater one (got ${upcaster.fromVersion} → ${upcaster.toVersion})`,
      );
    }
    const k = key(upcaster.type, upcaster.fromVersion);
    if (byKey.has(k)) throw new Error(`Two upcasters for ${upcaster.type} schemaVersion ${upcaster.fromVersion}`);
    byKey.set(k, upcaster);
  }
  if (byKey.size === 0) return (event) => event;
  return (event) => {
    let current = event;
    for (
      let upcaster = byKey.get(key(current.type, schemaVersionOf(current)));
      upcaster;
      upcaster = byKey.get(key(current.type, schemaVersionOf(current)))
    ) {
      current = {
        ...current,
        data: upcaster.upcast(current.data, current),
        metadata: { ...current.metadata, schemaVersion: upcaster.toVersion },
      };
    }
    return current;
  };
}
