import { type TestLedger, type TestResponse } from './ledger-app';

/** A fact as the domain fixtures describe it: the stream it goes to, its type, data and optional metadata. */
export interface FactToPost {
  stream: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown> | undefined;
}

/** A fact as the ledger recorded it: the event id, position and revision the append returned. */
export interface PostedFact extends FactToPost {
  id: string;
  position: number;
  revision: number;
}

/**
 * Posts facts one append at a time, in the order given (deciders read other streams' states, so an
 * order must come after its program and applicant), and fails loudly on any refusal so a scenario never
 * silently runs on fewer facts than it names.
 */
export async function postFacts(
  ledger: TestLedger,
  facts: readonly FactToPost[],
  key = ledger.keys.integration,
): Promise<PostedFact[]> {
  const posted: PostedFact[] = [];
  for (const fact of facts) {
    const event = { type: fact.type, data: fact.data, ...(fact.metadata ? { metadata: fact.metadata } : {}) };
    const res = await ledger.request('POST', `/v1/streams/${fact.stream}/events`, { key, body: { events: [event] } });
    if (res.status !== 201)
      throw new Error(`${fact.type} on ${fact.stream} was refused with ${res.status}: ${res.text}`);
    const positions = res.body.positions as number[];
    const ids = res.body.eventIds as string[];
    posted.push({ ...fact, id: ids[0]!, position: positions[0]!, revision: res.body.revision as number });
  }
  return posted;
}

/** The position of the newest of the posted facts: what a read must wait for to see them all. */
export const lastPosition = (posted: readonly PostedFact[]): number => Math.max(...posted.map((p) => p.position));

/** GET a read model once the projector has reached `minPosition` (read-your-writes). */
export function readModel(
  ledger: TestLedger,
  path: string,
  minPosition: number,
  key = ledger.keys.dashboard,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  const separator = path.includes('?') ? '&' : '?';
  return ledger.request('GET', `${path}${separator}minPosition=${minPosition}`, { key, headers });
}
