import { type EventDataValidator, type StreamDefinition } from '@ledger/domain';
import { InMemoryEventStore, type RecordedEvent } from '@ledger/event-store';
import { ReadModelStore, readModelsFile, renderAsOf, StreamStopped } from '../index';
import { accountStream, accountsCatalog, fact, type Fact, portfolioModel } from '../../test/accounts-ledger';
import { appendAll, readLog, tempDir } from '../../test/store-helpers';

/** The account stream with a real check on withdrawals, as the domain catalog checks every event. */
const positiveCents: EventDataValidator = (data) =>
  Number.isSafeInteger((data as { amountCents?: unknown }).amountCents) &&
  (data as { amountCents: number }).amountCents > 0
    ? []
    : [{ field: 'amountCents', message: 'must be a positive whole number of cents' }];
const strictAccounts: StreamDefinition = {
  ...accountStream,
  events: { ...accountStream.events, Withdrawn: { ...accountStream.events['Withdrawn']!, validate: positiveCents } },
};
const catalog = [strictAccounts, ...accountsCatalog.filter((d) => d.prefix !== 'account')];

const opening: Fact[] = [
  fact('owner-o1', 'OwnerRegistered', { name: 'Ada' }),
  fact('account-a1', 'AccountOpened', { owner: 'o1' }),
  fact('account-a1', 'Deposited', { amountCents: 1000 }, 2),
  fact('account-a2', 'AccountOpened', { owner: 'o1' }),
];

async function logOf(facts: Fact[]): Promise<RecordedEvent[]> {
  const events = new InMemoryEventStore();
  await appendAll(events, facts);
  return readLog(events);
}

describe('ReadModelStore: stored events the fold cannot use', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.remove());

  it('given an event type the catalog does not know, when folded, then it is skipped and counted and the stream folds on', async () => {
    const log = await logOf([
      ...opening,
      fact('account-a1', 'InterestAccrued', { amountCents: 3 }),
      fact('account-a1', 'Deposited', { amountCents: 500 }, 2),
      fact('account-a1', 'InterestAccrued', { amountCents: 4 }),
    ]);
    const store = ReadModelStore.open({ file: readModelsFile(tmp.dir), catalog });
    const applied = store.applyBatch(log);
    expect(applied.skipped).toBe(2);
    expect(store.skippedEvents()).toEqual([
      { prefix: 'account', eventType: 'InterestAccrued', count: 2, firstPosition: log[4]!.position },
    ]);
    expect(store.state<{ balanceCents: number }>('account-a1')?.balanceCents).toBe(1500);
    expect(store.streamInfo('account-a1')).toEqual({ revision: 4, lastPosition: log[6]!.position });
    expect(store.stoppedStreams().count).toBe(0);
    store.close();
  });

  it('given a malformed stored event, when folded, then only its stream stops there, named with position and field, and every other stream goes on', async () => {
    const log = await logOf([
      ...opening,
      fact('account-a1', 'Withdrawn', { amountCents: -300 }),
      fact('account-a2', 'Deposited', { amountCents: 250 }, 2),
      fact('account-a1', 'Deposited', { amountCents: 40 }, 2),
      fact('bonus-o1', 'BonusGranted', { amountCents: 500 }),
    ]);
    const malformed = log[4]!;
    const file = readModelsFile(tmp.dir);
    const store = ReadModelStore.open({ file, catalog });
    const applied = store.applyBatch(log.slice(0, 6));
    expect(applied.stopped).toEqual([
      {
        stream: 'account-a1',
        position: malformed.position,
        eventType: 'Withdrawn',
        reason: 'amountCents: must be a positive whole number of cents',
      },
    ]);
    store.applyBatch(log.slice(6));
    expect(store.checkpoint).toBe(log.at(-1)!.position);
    // The stopped stream keeps the state it had before the malformed event; its later events are not folded.
    expect(store.state<{ balanceCents: number }>('account-a1')?.balanceCents).toBe(1000);
    expect(store.streamInfo('account-a1')?.revision).toBe(3);
    // The others went on.
    expect(store.state<{ balanceCents: number }>('account-a2')?.balanceCents).toBe(250);
    expect(store.state<{ totalCents: number }>('bonus-o1')?.totalCents).toBe(500);
    expect(store.stopped('account-a2')).toBeUndefined();
    const digest = store.contentDigest();
    store.close();

    const reopened = ReadModelStore.open({ file, catalog });
    expect(reopened.stoppedStreams()).toEqual({
      count: 1,
      first: [expect.objectContaining({ stream: 'account-a1', position: malformed.position })],
    });
    reopened.close();
    // One batch or many, the store holds the same.
    const whole = ReadModelStore.open({ file: ':memory:', catalog });
    whole.applyBatch(log);
    expect(whole.contentDigest()).toBe(digest);
    whole.close();
  });

  it('given a malformed stored event, when a read model reading its stream is replayed as of a later position, then it is withheld with the position; before it, it renders', async () => {
    const events = new InMemoryEventStore();
    const positions = await appendAll(events, [...opening, fact('account-a1', 'Withdrawn', { amountCents: 0 })]);
    const live = ReadModelStore.open({ file: ':memory:', catalog });
    live.applyBatch(await readLog(events));
    const before = await renderAsOf(portfolioModel, 'owner-o1', positions[3]!, { eventStore: events, live });
    expect(before.model?.totalCents).toBe(1000);
    const after = renderAsOf(portfolioModel, 'owner-o1', positions[4]!, { eventStore: events, live });
    await expect(after).rejects.toBeInstanceOf(StreamStopped);
    await expect(after).rejects.toThrow(`position ${positions[4]}`);
    live.close();
  });
});
