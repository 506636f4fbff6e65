import { firstValueFrom, take, toArray, type Observable } from 'rxjs';
import { LedgerApiError, LedgerClient, type LiveMessage } from '@ledger/client';
import { LiveSessions } from './live-sessions';
import { startLiveLedger, type LiveLedger } from '../../testing/live-ledger';
import { establishStateProgram } from '../../testing/state-program-facts';

interface Recorded {
  stream: string;
  type: string;
  data: { i: number };
}

const collect = <T>(source: Observable<T>, count: number): { values: T[]; done: Promise<T[]> } => {
  const values: T[] = [];
  const done = new Promise<T[]>((resolve, reject) => {
    source.pipe(take(count)).subscribe({ next: (v) => values.push(v), error: reject, complete: () => resolve(values) });
  });
  return { values, done };
};

const until = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('LedgerClient against a running ledger', () => {
  let ledger: LiveLedger;
  let writer: LedgerClient;
  let reader: LedgerClient;
  let n = 0;
  const tag = (): string => `cl${++n}${Date.now().toString(36)}`;
  const registered = {
    type: 'ApplicantRegistered',
    data: {
      name: 'Gulfport School District',
      kind: 'school-district',
      usState: 'MS',
      students: 6_000,
      nslpEligibleStudents: 4_000,
      economicallyDisadvantagedStudents: 3_900,
      locale: 'urban',
      cep: false,
      memberApplicantIds: [],
    },
  };

  beforeAll(async () => {
    ledger = await startLiveLedger();
    writer = new LedgerClient({ baseUrl: `${ledger.baseUrl}/`, apiKey: ledger.keys.integration });
    reader = new LedgerClient({
      baseUrl: ledger.baseUrl,
      apiKey: ledger.keys.dashboard,
      reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    });
  });
  afterAll(async () => ledger.close());
  // Unsubscribing aborts the request; the next test starts once the server has let go of it.
  afterEach(async () => until(() => ledger.app.get(LiveSessions).size === 0));

  it('append: revision and positions; the same idempotency key replays; a stale expected revision is a 412 LedgerApiError', async () => {
    const stream = `applicant-${tag()}`;
    const first = await writer.append(stream, [registered], {
      expectedRevision: 'no_stream',
      idempotencyKey: `${stream}-create`,
    });
    expect(first).toMatchObject({ stream, revision: 0, replayed: false });
    expect(first.positions).toHaveLength(1);
    const again = await writer.append(stream, [registered], {
      expectedRevision: 'no_stream',
      idempotencyKey: `${stream}-create`,
    });
    expect(again).toMatchObject({ revision: 0, positions: first.positions, replayed: true });
    const stale = await writer.append(stream, [registered], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(LedgerApiError);
    expect(stale).toMatchObject({ status: 412, problem: { status: 412, actualRevision: 0 } });
  });

  it('readModel: the current model, and as of an earlier position', async () => {
    const p = await establishStateProgram(writer, tag());
    const before = await p.placeOrder(0, 4, 0);
    const latest = await p.placeOrder(0, 6, 0);
    type Dashboard = { program: string; byLea: { devices: number }[] };
    const path = `/v1/programs/${p.programId}/dashboard`;
    const now = await reader.readModel<Dashboard>(path, { minPosition: latest });
    expect(now).toMatchObject({ model: 'program-dashboard', id: p.program });
    expect(now.position).toBeGreaterThanOrEqual(latest);
    expect(now.data.byLea[0]!.devices).toBe(10);
    const then = await reader.readModel<Dashboard>(path, { asOf: before });
    expect(then.data.byLea[0]!.devices).toBe(4);
    const missing = await reader.readModel('/v1/programs/no-such-program/dashboard').catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, isClientError: true });
  });

  it('live: messages with the ledger position as id, from the firehose', async () => {
    const t = tag();
    const live = collect(reader.live<Recorded>(`/v1/live/events?prefix=note-${t}`), 3);
    await until(() => ledger.app.get(LiveSessions).size > 0);
    const { positions } = await ledger.store.append(
      `note-${t}`,
      [0, 1, 2].map((i) => ({ type: 'Noted', data: { i } })),
    );
    const messages = await live.done;
    expect(messages.map((m) => m.id)).toEqual(positions);
    expect(messages.map((m) => m.data.data.i)).toEqual([0, 1, 2]);
  });

  it('live: when the server ends the stream, it reconnects with Last-Event-ID and misses nothing, repeats nothing', async () => {
    const t = tag();
    const sessions = ledger.app.get(LiveSessions);
    const live = collect(reader.live<Recorded>(`/v1/live/events?prefix=note-${t}`), 6);
    await until(() => sessions.size > 0);
    const before = await ledger.store.append(
      `note-${t}`,
      [0, 1].map((i) => ({ type: 'Noted', data: { i } })),
    );
    await until(() => live.values.length === 2);
    sessions.beforeApplicationShutdown();
    const during = await ledger.store.append(
      `note-${t}`,
      [2, 3].map((i) => ({ type: 'Noted', data: { i } })),
    );
    await until(() => sessions.size > 0);
    const after = await ledger.store.append(
      `note-${t}`,
      [4, 5].map((i) => ({ type: 'Noted', data: { i } })),
    );
    const messages: LiveMessage<Recorded>[] = await live.done;
    expect(messages.map((m) => m.id)).toEqual([...before.positions, ...during.positions, ...after.positions]);
    expect(messages.map((m) => m.data.data.i)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('live: the program dashboard model, first message at once', async () => {
    const p = await establishStateProgram(writer, tag());
    const first = await firstValueFrom(reader.live<{ program: string }>(`/v1/live/programs/${p.programId}`));
    expect(first.event).toBe('program-dashboard');
    expect(first.data.program).toBe(p.program);
  });

  it('live: errors with a LedgerApiError on 4xx instead of retrying (bad key 401, wrong role 403, unknown program 404)', async () => {
    const cases: [LedgerClient, string, number][] = [
      [
        new LedgerClient({ baseUrl: ledger.baseUrl, apiKey: 'pl_0123456789abcdef_' + 'A'.repeat(43) }),
        '/v1/live/events',
        401,
      ],
      [writer, '/v1/live/events', 403],
      [reader, '/v1/live/programs/no-such-program', 404],
    ];
    for (const [client, path, status] of cases) {
      const error = await firstValueFrom(client.live(path).pipe(toArray())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LedgerApiError);
      expect(error).toMatchObject({ status, problem: { status } });
    }
  });
});
