import { adoptionOf, builtInErateRuleSets, DomainError, ERATE_RULE_SET_STREAM } from '@ledger/domain';
import { StreamNotFound, type EventStore } from '@ledger/event-store';
import { type Principal } from '../keys/roles';
import { type AppendService } from '../write-path/append.service';

/** The actor the built-in rule sets are recorded as: the ledger itself, never an issued API key. */
export const BUILT_IN_PRINCIPAL: Principal = {
  keyId: 'internal-built-in-rule-sets',
  role: 'admin',
  label: 'Built-in rule sets',
};

async function recordedIds(store: EventStore): Promise<Set<string>> {
  try {
    return new Set((await store.readStream(ERATE_RULE_SET_STREAM)).map((e) => (e.data as { id: string }).id));
  } catch (error) {
    if (error instanceof StreamNotFound) return new Set();
    throw error;
  }
}

/**
 * Records every built-in E-Rate rule set not yet on the rule-set stream, in one append through the
 * write path, so auditors find the genesis sets in the log and in exports. Idempotent: a start that
 * finds them all recorded appends nothing; a node that loses the race to another finds its append
 * refused as a duplicate and leaves it at that. Returns the ids recorded now.
 */
export async function recordBuiltInRuleSets(
  appends: AppendService,
  store: EventStore,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<string[]> {
  const recorded = await recordedIds(store);
  const missing = builtInErateRuleSets.filter((s) => !recorded.has(s.id));
  if (missing.length === 0) return [];
  const events = missing.map((s) => ({
    type: 'ErateRuleSetAdopted',
    data: { ...adoptionOf(s, today) } as unknown as Record<string, unknown>,
    metadata: { source: 'built-in' },
  }));
  try {
    await appends.append({
      principal: BUILT_IN_PRINCIPAL,
      stream: ERATE_RULE_SET_STREAM,
      body: { events },
      expected: undefined,
      idempotencyKey: undefined,
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'rule-set-duplicate') return [];
    throw error;
  }
  return missing.map((s) => s.id);
}
