import { createHash } from 'node:crypto';
import { type StreamDefinition } from '@ledger/domain';
import { type Upcaster } from './upcasting';

/** The stream definitions the projector folds: every stream whose prefix is not listed is skipped. */
export type Catalog = readonly StreamDefinition[];

/**
 * Identifies what the stored states were folded with. Function sources are part of it on purpose: a
 * changed evolve, links, linksAdded or upcaster means stored states may be stale, so the store starts over.
 * Validators are composed closures whose source says nothing of the rules, so they are not: a change
 * to what an event type accepts must come with a new schemaVersion (and an upcaster), which is.
 */
export function catalogFingerprint(catalog: Catalog, upcasters: readonly Upcaster[], format: string): string {
  const hash = createHash('sha256');
  hash.update(`format:${format}\n`);
  const prefixes = new Set<string>();
  for (const definition of [...catalog].sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0))) {
    if (prefixes.has(definition.prefix))
      throw new Error(`Two stream definitions share the prefix ${definition.prefix}`);
    prefixes.add(definition.prefix);
    hash.update(`stream:${definition.prefix}\n`);
    hash.update(`initial:${JSON.stringify(definition.decider.initialState)}\n`);
    hash.update(`evolve:${definition.decider.evolve.toString()}\n`);
    hash.update(`links:${definition.links.toString()}\n`);
    if (definition.linksAdded) hash.update(`linksAdded:${definition.linksAdded.toString()}\n`);
    const events = definition.events as Record<string, { schemaVersion: number }>;
    for (const type of Object.keys(events).sort()) hash.update(`event:${type}@${events[type]?.schemaVersion ?? 0}\n`);
  }
  const keyOf = (u: Upcaster): string => `${u.type}@${u.fromVersion}`;
  for (const upcaster of [...upcasters].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))) {
    hash.update(`upcast:${keyOf(upcaster)}->${upcaster.toVersion}:${upcaster.upcast.toString()}\n`);
  }
  return hash.digest('hex');
}
