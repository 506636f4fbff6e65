import { InMemoryEventStore, type EventStore } from '@ledger/event-store';
import { IdempotencyRecords } from './idempotency';
import { KeyClaim } from './key-claim';

const key = { stream: 'ledger.idempotency-k1', fingerprint: 'f1' };
const request = { stream: 'applicant-houston', tag: 't1' };
const typesOf = async (store: EventStore) => (await store.readStream(key.stream).catch(() => [])).map((e) => e.type);
/** Releases are written in the background. */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 10) {
    if (waited > 2_000) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a try claiming an idempotency key', () => {
  it('gives nothing back when it never tried to claim', async () => {
    const store = new InMemoryEventStore();
    new KeyClaim(store, new IdempotencyRecords(store), key, request).release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await typesOf(store)).toEqual([]);
  });

  it('claims once however often it is held, and gives the claim back on release', async () => {
    const store = new InMemoryEventStore();
    const claim = new KeyClaim(store, new IdempotencyRecords(store), key, request);
    expect(await claim.hold()).toBeUndefined();
    expect(await claim.hold()).toBeUndefined();
    expect(await typesOf(store)).toEqual(['IdempotentRequestClaimed']);
    claim.release();
    await eventually(async () => (await typesOf(store)).length === 2);
    expect(await typesOf(store)).toEqual(['IdempotentRequestClaimed', 'IdempotentRequestReleased']);
  });

  it('answers with the recorded response when another try of the request completed', async () => {
    const store = new InMemoryEventStore();
    const records = new IdempotencyRecords(store);
    const response = { status: 201, etag: '"3"', body: { stream: request.stream, revision: 3 } };
    await records.claim(key.stream, key.fingerprint, 'other-try');
    await records.record(key.stream, key.fingerprint, response);
    expect(await new KeyClaim(store, records, key, request).hold()).toEqual(response);
  });
});
