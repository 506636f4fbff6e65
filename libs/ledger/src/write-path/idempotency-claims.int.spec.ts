import { randomUUID } from 'node:crypto';
import { applicantStream } from '@ledger/domain';
import {
  InMemoryEventStore,
  StoreUnavailable,
  WrongExpectedVersion,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
} from '@ledger/event-store';
import { type Principal } from '../keys/roles';
import { writePathFor } from './write-path';
import { productionCatalog } from '../catalog/production-catalog';
import { type AppendEvents } from './append-events';
import { AppendService } from './append.service';
import { IdempotencyRecords, idempotencyStream } from './idempotency';
import { StreamStates } from './stream-states';

/**
 * A store that, like EventStoreDB, does not refuse an event id another append already stored: the
 * repeated event is simply stored again (here under a fresh id, since the in-memory store keys by id).
 */
class AcceptsRepeatedIds extends InMemoryEventStore {
  override async append(
    stream: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const known = new Set<string>();
    for await (const e of this.readAll()) known.add(e.id);
    return super.append(
      stream,
      events.map((e) => (e.id && known.has(e.id) ? { ...e, id: randomUUID() } : e)),
      options,
    );
  }
}

const principal: Principal = { keyId: 'k-erp', role: 'integration', label: 'district ERP' };
const need = (area: string) => ({
  type: 'NeedEstimated',
  data: { area, devices: 10, hotspots: 2, unconnectedHouseholds: 1, estimatedOn: '2020-05-20' },
});
const registered = { type: 'ApplicantRegistered', data: applicantStream.events.ApplicantRegistered.example };
const body = (...events: { type: string; data: unknown }[]) => ({ events }) as unknown as AppendEvents;
const needs = async (store: EventStore, stream: string) =>
  (await store.readStream(stream)).filter((e) => e.type === 'NeedEstimated').length;
const typesOf = async (store: EventStore, stream: string) =>
  (await store.readStream(stream).catch(() => [])).map((e) => e.type);
/** Releases are written in the background after the failed request has been answered. */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 10) {
    if (waited > 2_000) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('idempotent appends on a store that does not refuse repeated event ids (as EventStoreDB)', () => {
  let store: AcceptsRepeatedIds;
  beforeEach(async () => {
    store = new AcceptsRepeatedIds();
    await writePathFor(store, productionCatalog()).append({
      principal,
      stream: 'applicant-houston',
      body: body(registered),
      expected: undefined,
      idempotencyKey: undefined,
    });
  });

  it('given a try cut off after its append, when it is retried, then the repeatable fact is not stored twice and the retry gets the first append', async () => {
    const records = new IdempotencyRecords(store);
    jest.spyOn(records, 'record').mockRejectedValueOnce(new StoreUnavailable('cut off after the append'));
    const cutting = new AppendService(
      store,
      productionCatalog(),
      new StreamStates(store, productionCatalog()),
      records,
      1000,
    );
    const command = {
      principal,
      stream: 'applicant-houston',
      body: body(need('north')),
      expected: undefined,
      idempotencyKey: 'need-north-1',
    };
    await expect(cutting.append(command)).rejects.toBeInstanceOf(StoreUnavailable);
    expect(await needs(store, 'applicant-houston')).toBe(1);

    const retry = await writePathFor(store, productionCatalog()).append(command);
    expect(retry).toMatchObject({ status: 201, replayed: true, body: { revision: 1 } });
    expect(await needs(store, 'applicant-houston')).toBe(1);
  });

  it('given a try whose claim the store took but never acknowledged, when it is retried at once, then the try gives its claim back and the retry appends (no wait for a takeover)', async () => {
    const append = store.append.bind(store);
    jest.spyOn(store, 'append').mockImplementationOnce(async (stream, events, options) => {
      await append(stream, events, options);
      throw new StoreUnavailable('connection lost before the acknowledgement');
    });
    const command = {
      principal,
      stream: 'applicant-houston',
      body: body(need('east')),
      expected: undefined,
      idempotencyKey: 'need-east-1',
    };
    await expect(writePathFor(store, productionCatalog()).append(command)).rejects.toBeInstanceOf(StoreUnavailable);
    expect(await needs(store, 'applicant-houston')).toBe(0);

    const retry = await writePathFor(store, productionCatalog()).append(command);
    expect(retry).toMatchObject({ status: 201, replayed: false, body: { revision: 1 } });
    expect(await needs(store, 'applicant-houston')).toBe(1);
    const keyStream = (await store.readStream(idempotencyStream(principal.keyId, 'need-east-1'))).map((e) => e.type);
    expect(keyStream).toEqual([
      'IdempotentRequestClaimed',
      'IdempotentRequestReleased',
      'IdempotentRequestClaimed',
      'IdempotentRequestCompleted',
    ]);
  });

  it('given a try whose claim timed out and lands only after the try gave up, then the release by the try fenced it out and the retry appends', async () => {
    const append = store.append.bind(store);
    let inFlight: (() => Promise<unknown>) | undefined;
    jest.spyOn(store, 'append').mockImplementationOnce(async (stream, events, options) => {
      inFlight = () => append(stream, events, options);
      throw new StoreUnavailable('timed out; the write may still land');
    });
    const command = {
      principal,
      stream: 'applicant-houston',
      body: body(need('west')),
      expected: undefined,
      idempotencyKey: 'need-west-1',
    };
    const keyStream = idempotencyStream(principal.keyId, 'need-west-1');
    await expect(writePathFor(store, productionCatalog()).append(command)).rejects.toBeInstanceOf(StoreUnavailable);
    await eventually(async () => (await typesOf(store, keyStream)).length === 1);

    await expect(inFlight!()).rejects.toBeInstanceOf(WrongExpectedVersion);
    const retry = await writePathFor(store, productionCatalog()).append(command);
    expect(retry).toMatchObject({ status: 201, replayed: false, body: { revision: 1 } });
    expect(await needs(store, 'applicant-houston')).toBe(1);
    expect(await typesOf(store, keyStream)).toEqual([
      'IdempotentRequestReleased',
      'IdempotentRequestClaimed',
      'IdempotentRequestCompleted',
    ]);
  });

  it('given a try whose append lands only after its retry claimed the key, then the retry answers with that append instead of appending the fact again', async () => {
    const append = store.append.bind(store);
    let inFlight: (() => Promise<unknown>) | undefined;
    jest.spyOn(store, 'append').mockImplementation(async (stream, events, options) => {
      if (stream !== 'applicant-houston') return append(stream, events, options);
      if (!inFlight) {
        inFlight = () => append(stream, events, options);
        throw new StoreUnavailable('timed out; the write may still land');
      }
      // The first try's append commits just before the retry's.
      await inFlight();
      inFlight = async () => undefined;
      return append(stream, events, options);
    });
    const command = {
      principal,
      stream: 'applicant-houston',
      body: body(need('north-east')),
      expected: undefined,
      idempotencyKey: 'need-ne-1',
    };
    const keyStream = idempotencyStream(principal.keyId, 'need-ne-1');
    await expect(writePathFor(store, productionCatalog()).append(command)).rejects.toBeInstanceOf(StoreUnavailable);
    await eventually(async () => (await typesOf(store, keyStream)).at(-1) === 'IdempotentRequestReleased');

    const retry = await writePathFor(store, productionCatalog()).append(command);
    expect(retry).toMatchObject({ status: 201, replayed: true, body: { revision: 1 } });
    expect(await needs(store, 'applicant-houston')).toBe(1);
  });

  it('given two tries of one request on two nodes at the same moment, then one appends and both get its answer', async () => {
    const command = {
      principal,
      stream: 'applicant-houston',
      body: body(need('south')),
      expected: undefined,
      idempotencyKey: 'need-south-1',
    };
    const [a, b] = await Promise.all([
      writePathFor(store, productionCatalog()).append(command),
      writePathFor(store, productionCatalog()).append(command),
    ]);
    expect(a.body).toEqual(b.body);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await needs(store, 'applicant-houston')).toBe(1);
  });
});
