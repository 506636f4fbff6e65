import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, WrongExpectedVersion, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { EVENT_STORE } from '../../apps/api/src/ledger/tokens';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { need, registered } from './support/applicant-facts';
import { counts } from './support/reliability-mode';

const W = counts.writers;
const DIST_STORE = join(__dirname, '..', '..', 'dist', 'libs', 'event-store', 'src', 'index.js');

/** Stream revisions are 0..n-1 with no gap, and global positions rise with them. */
function expectGapFreeAndOrdered(events: Pick<RecordedEvent, 'revision' | 'position'>[]): void {
  expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
  for (let i = 1; i < events.length; i++) expect(events[i]!.position).toBeGreaterThan(events[i - 1]!.position);
}

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

describe(`concurrent writers over HTTP (${W} per race)`, () => {
  let ledger: TestLedger;
  let store: EventStore;
  beforeAll(async () => {
    ledger = await startTestLedger();
    store = ledger.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => ledger.close());
  const post = (stream: string, body: unknown, headers: Record<string, string> = {}) =>
    ledger.request('POST', `/v1/streams/${stream}/events`, { key: ledger.keys.integration, body, headers });

  it('with expected revisions: exactly the writers whose revision was current land, every other gets 412, each accepted revision once', async () => {
    const stream = 'applicant-race-expected';
    expect((await post(stream, registered())).status).toBe(201);
    let current = 0;
    const winners: { id: string; revision: number }[] = [];
    for (let round = 0; round < 5; round++) {
      // Some writers are current, some stale, some ahead: with a per-stream queue several may win in turn.
      const attempts = Array.from({ length: W }, (_, w) => ({
        event: need(`round ${round} writer ${w}`),
        expected: Math.max(0, current - 1 + Math.floor(Math.random() * 4)),
      }));
      const responses = await Promise.all(
        attempts.map((a) => post(stream, { events: [a.event] }, { 'if-match': `"${a.expected}"` })),
      );
      responses.forEach((res, i) => {
        const a = attempts[i]!;
        expect([201, 412]).toContain(res.status);
        if (res.status === 201) {
          expect(res.body.revision).toBe(a.expected + 1);
          winners.push({ id: a.event.id, revision: res.body.revision });
        } else {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(res.body).toMatchObject({ status: 412, stream, expectedRevision: a.expected });
        }
      });
      current = Math.max(current, ...winners.map((w) => w.revision));
      expect(responses.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    }
    const revisions = winners.map((w) => w.revision);
    expect(new Set(revisions).size).toBe(revisions.length);
    const stored = await store.readStream(stream);
    expectGapFreeAndOrdered(stored);
    expect(stored.slice(1).map((e) => ({ id: e.id, revision: e.revision }))).toEqual(
      [...winners].sort((a, b) => a.revision - b.revision),
    );
  });

  it("with 'any' or no expectation: every writer lands, revisions gap-free, positions strictly increasing", async () => {
    const stream = 'applicant-race-any';
    expect((await post(stream, registered())).status).toBe(201);
    const events = Array.from({ length: W }, (_, w) => need(`writer ${w}`));
    const responses = await Promise.all(
      events.map((e, w) => post(stream, w % 2 ? { events: [e], expectedRevision: 'any' } : e)),
    );
    expect(responses.map((r) => r.status)).toEqual(events.map(() => 201));
    expect(new Set(responses.map((r) => r.body.revision)).size).toBe(W);
    const stored = await store.readStream(stream);
    expectGapFreeAndOrdered(stored);
    expect(
      stored
        .slice(1)
        .map((e) => e.id)
        .sort(),
    ).toEqual(events.map((e) => e.id).sort());
    responses.forEach((r, w) =>
      expect(stored.find((e) => e.id === events[w]!.id)).toMatchObject({
        revision: r.body.revision,
        position: r.body.positions[0],
      }),
    );
  });

  it('across many streams at once: global positions unique and strictly increasing, each stream gap-free', async () => {
    const streams = Array.from({ length: 8 }, (_, i) => `applicant-race-many-${i}`);
    await Promise.all(streams.map((s) => post(s, registered())));
    const responses = await Promise.all(
      Array.from({ length: W }, (_, w) =>
        post(streams[w % streams.length]!, { events: [need(`a${w}`), need(`b${w}`)] }),
      ),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const all = await allEvents(store);
    for (let i = 1; i < all.length; i++) expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
    for (const s of streams) expectGapFreeAndOrdered(all.filter((e) => e.stream === s));
    // Each batch's two events are adjacent in its stream.
    for (const r of responses) expect(r.body.positions).toHaveLength(2);
  });
});

describe('two store instances on one file (two processes sharing a data directory)', () => {
  let dir: string;
  let file: string;
  let a: SqliteEventStore;
  let b: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-two-stores-'));
    file = join(dir, 'events.sqlite');
    a = SqliteEventStore.open({ file, pollIntervalMs: 50 });
    b = SqliteEventStore.open({ file, pollIntervalMs: 50 });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Reads the stream's revision on one store and appends expecting it: a lost race is WrongExpectedVersion, nothing
   * else.
   */
  async function race(store: SqliteEventStore, stream: string, by: string, attempts: number) {
    const wins: { id: string; revision: number }[] = [];
    let losses = 0;
    for (let i = 0; i < attempts; i++) {
      // Jitter, so neither store's queue always flushes first.
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      const revision = await store.streamRevision(stream);
      const id = randomUUID();
      try {
        const result = await store.append(stream, [{ id, type: 'Raced', data: { by, i } }], {
          expectedRevision: revision ?? 'no_stream',
        });
        wins.push({ id, revision: result.nextExpectedRevision });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        losses += 1;
      }
    }
    return { wins, losses };
  }

  it('with expected revisions: each revision is won once, the winners are exactly what is stored', async () => {
    const results = await Promise.all(
      Array.from({ length: W }, (_, w) => race(w % 2 ? a : b, 'race-shared', `writer ${w}`, 5)),
    );
    const wins = results.flatMap((r) => r.wins);
    const losses = results.reduce((n, r) => n + r.losses, 0);
    expect(wins.length + losses).toBe(W * 5);
    expect(losses).toBeGreaterThan(0);
    expect(new Set(wins.map((w) => w.revision)).size).toBe(wins.length);
    const stored = await a.readStream('race-shared');
    expectGapFreeAndOrdered(stored);
    expect(stored.map((e) => ({ id: e.id, revision: e.revision }))).toEqual(
      [...wins].sort((x, y) => x.revision - y.revision),
    );
    expect(await b.readStream('race-shared')).toEqual(stored);
  });

  it("with 'any': every append from both lands once, positions strictly increasing, and each store sees the other's", async () => {
    const appends = Array.from({ length: W }, (_, w) => ({
      store: w % 2 ? a : b,
      id: randomUUID(),
      stream: `shared-${w % 3}`,
    }));
    await Promise.all(
      appends.map((x) =>
        x.store.append(
          x.stream,
          [
            { id: x.id, type: 'Landed', data: {} },
            { type: 'Landed', data: { second: true } },
          ],
          { expectedRevision: 'any' },
        ),
      ),
    );
    const fromA = await allEvents(a);
    expect(await allEvents(b)).toEqual(fromA);
    expect(fromA).toHaveLength(W * 2);
    expect(new Set(fromA.map((e) => e.id)).size).toBe(W * 2);
    for (let i = 1; i < fromA.length; i++) expect(fromA[i]!.position).toBeGreaterThan(fromA[i - 1]!.position);
    for (const s of ['shared-0', 'shared-1', 'shared-2']) expectGapFreeAndOrdered(fromA.filter((e) => e.stream === s));
    for (const x of appends) expect(fromA.filter((e) => e.id === x.id)).toHaveLength(1);
  });

  it('a store in another OS process races this one on the same file: revisions still won once, gap-free', async () => {
    expect(existsSync(DIST_STORE)).toBe(true);
    const attempts = W * 5;
    const script = `
      const { SqliteEventStore, WrongExpectedVersion } = require(${JSON.stringify(DIST_STORE)});
      const { randomUUID } = require('node:crypto');
      (async () => {
        const store = SqliteEventStore.open({ file: ${JSON.stringify(file)} });
        process.stdout.write('ready\\n');
        const wins = []; let losses = 0;
        for (let i = 0; i < ${attempts}; i++) {
          const revision = await store.streamRevision('race-process');
          const id = randomUUID();
          try {
            const r = await store.append('race-process', [{ id, type: 'Raced', data: { by: 'child', i } }], { expectedRevision: revision ?? 'no_stream' });
            wins.push({ id, revision: r.nextExpectedRevision });
          } catch (e) { if (!(e instanceof WrongExpectedVersion)) throw e; losses++; }
        }
        await store.close();
        process.stdout.write(JSON.stringify({ wins, losses }));
      })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Start racing once the other process has the file open, so both write at the same time.
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.startsWith('ready\n')) resolve();
      }),
    );
    const mine = await Promise.all(
      Array.from({ length: 4 }, (_, w) => race(a, 'race-process', `parent ${w}`, attempts / 4)),
    );
    expect({ code: await exited, err }).toEqual({ code: 0, err: '' });
    const theirs = JSON.parse(out.slice('ready\n'.length)) as {
      wins: { id: string; revision: number }[];
      losses: number;
    };
    const wins = [...mine.flatMap((r) => r.wins), ...theirs.wins];
    expect(theirs.wins.length + theirs.losses).toBe(attempts);
    expect(theirs.wins.length).toBeGreaterThan(0);
    expect(mine.flatMap((r) => r.wins).length).toBeGreaterThan(0);
    expect(new Set(wins.map((w) => w.revision)).size).toBe(wins.length);
    const stored = await a.readStream('race-process');
    expectGapFreeAndOrdered(stored);
    expect(stored.map((e) => ({ id: e.id, revision: e.revision }))).toEqual(
      wins.sort((x, y) => x.revision - y.revision),
    );
  }, 60_000);
});
