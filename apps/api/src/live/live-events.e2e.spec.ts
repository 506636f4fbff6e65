import { connect } from 'node:net';
import { SseParser, type SseEvent } from '@ledger/client';
import { LedgerMetrics } from '../metrics/ledger-metrics';
import { LiveSessions } from './live-sessions';
import { startLiveLedger, type LiveLedger } from '../../testing/live-ledger';
import { dataOf, openSse } from '../../testing/sse-probe';

const until = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('live firehose: GET /v1/live/events (SSE)', () => {
  let ledger: LiveLedger;
  let n = 0;
  const fresh = (): string => `fh${++n}-${Date.now()}`;
  const events = (count: number, label: string) =>
    Array.from({ length: count }, (_, i) => ({ type: 'Noted', data: { label, i } }));
  const url = (query: string): string => `${ledger.baseUrl}/v1/live/events${query}`;
  const sessions = (): number => ledger.app.get(LiveSessions).size;

  beforeAll(async () => {
    ledger = await startLiveLedger({ SSE_HEARTBEAT_MS: '1000', SSE_MAX_SUBSCRIBERS_PER_KEY: '2' });
  });
  afterAll(async () => ledger.close());
  afterEach(async () => until(() => sessions() === 0));

  it('streams events whose stream starts with the prefix, each with its position as the SSE id', async () => {
    const tag = fresh();
    const probe = await openSse(url(`?prefix=note-${tag}`), { 'x-api-key': ledger.keys.dashboard });
    expect(probe.status).toBe(200);
    expect(probe.headers['content-type']).toContain('text/event-stream');
    expect(probe.headers['cache-control']).toContain('no-cache');
    await probe.waitFor((_, text) => text.includes(': connected'));
    const mine = await ledger.store.append(`note-${tag}-1`, events(2, 'mine'));
    await ledger.store.append(`memo-${tag}`, events(1, 'other'));
    const more = await ledger.store.append(`note-${tag}-2`, events(1, 'mine'));
    await probe.waitFor((m) => m.length >= 3);
    probe.close();
    expect(probe.messages.map((m) => Number(m.id))).toEqual([...mine.positions, ...more.positions]);
    expect(probe.messages.every((m) => m.event === 'recorded-event')).toBe(true);
    expect(dataOf(probe.messages[0]!)).toMatchObject({
      stream: `note-${tag}-1`,
      type: 'Noted',
      revision: 0,
      position: mine.positions[0],
      data: { label: 'mine', i: 0 },
    });
  });

  it('starts at the head: events recorded before the connection are not replayed unless asked for', async () => {
    const tag = fresh();
    const before = await ledger.store.append(`note-${tag}`, events(2, 'before'));
    const probe = await openSse(url(`?prefix=note-${tag}`), { 'x-api-key': ledger.keys.auditor });
    await probe.waitFor((_, text) => text.includes(': connected'));
    const after = await ledger.store.append(`note-${tag}`, events(1, 'after'));
    await probe.waitFor((m) => m.length >= 1);
    probe.close();
    expect(probe.messages.map((m) => Number(m.id))).toEqual(after.positions);
    const replay = await openSse(url(`?prefix=note-${tag}&from=${before.positions[0]! - 1}`), {
      'x-api-key': ledger.keys.auditor,
    });
    await replay.waitFor((m) => m.length >= 3);
    replay.close();
    expect(replay.messages.map((m) => Number(m.id))).toEqual([...before.positions, ...after.positions]);
  });

  it('never sends the internal ledger.* streams (API key hashes, idempotency records)', async () => {
    const tag = fresh();
    const probe = await openSse(url(''), { 'x-api-key': ledger.keys.auditor });
    await probe.waitFor((_, text) => text.includes(': connected'));
    await ledger.store.append('ledger.apikeys', [{ type: 'ApiKeyRevoked', data: { keyId: 'none', reason: tag } }]);
    const visible = await ledger.store.append(`note-${tag}`, events(1, 'visible'));
    await probe.waitFor((m) => m.length >= 1);
    probe.close();
    expect(probe.messages.map((m) => dataOf(m).stream)).toEqual([`note-${tag}`]);
    expect(Number(probe.messages[0]!.id)).toBe(visible.positions[0]);
  });

  it('resumes with Last-Event-ID: everything appended while away arrives once, in order, nothing repeated', async () => {
    const tag = fresh();
    const first = await openSse(url(`?prefix=note-${tag}`), { 'x-api-key': ledger.keys.dashboard });
    await first.waitFor((_, text) => text.includes(': connected'));
    const seen = await ledger.store.append(`note-${tag}`, events(3, 'seen'));
    await first.waitFor((m) => m.length >= 3);
    first.close();
    const lastId = first.messages.at(-1)!.id!;
    expect(Number(lastId)).toBe(seen.positions[2]);
    const missed = await ledger.store.append(`note-${tag}`, events(4, 'missed'));
    const again = await openSse(url(`?prefix=note-${tag}`), {
      'x-api-key': ledger.keys.dashboard,
      'last-event-id': lastId,
    });
    await again.waitFor((m) => m.length >= 4);
    const live = await ledger.store.append(`note-${tag}`, events(1, 'live'));
    await again.waitFor((m) => m.length >= 5);
    again.close();
    expect(again.messages.map((m) => Number(m.id))).toEqual([...missed.positions, ...live.positions]);
    expect(again.messages.map((m) => dataOf(m).data.i)).toEqual([0, 1, 2, 3, 0]);
  });

  it('400 for a Last-Event-ID or prefix that is not one', async () => {
    const badId = await openSse(url('?prefix=order-'), {
      'x-api-key': ledger.keys.dashboard,
      'last-event-id': 'yesterday',
    });
    expect(badId.status).toBe(400);
    expect(badId.headers['content-type']).toContain('application/problem+json');
    await badId.ended;
    expect(JSON.parse(badId.text()).errors[0].field).toBe('Last-Event-ID');
    const badPrefix = await openSse(url('?prefix=%0Aorder'), { 'x-api-key': ledger.keys.dashboard });
    expect(badPrefix.status).toBe(400);
    badPrefix.close();
  });

  it('sends heartbeat comments every SSE_HEARTBEAT_MS while nothing happens', async () => {
    const probe = await openSse(url(`?prefix=quiet-${fresh()}`), { 'x-api-key': ledger.keys.dashboard });
    await probe.waitFor((_, text) => (text.match(/^: heartbeat /gm) ?? []).length >= 2, 3_500);
    probe.close();
    expect(probe.messages).toEqual([]);
  });

  it('401 without or with an unknown key, 403 for roles other than dashboard and auditor (problem+json)', async () => {
    const none = await openSse(url(''));
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    none.close();
    const unknown = await openSse(url(''), { 'x-api-key': 'pl_0123456789abcdef_' + 'A'.repeat(43) });
    expect(unknown.status).toBe(401);
    unknown.close();
    for (const role of ['integration', 'admin'] as const) {
      const forbidden = await openSse(url(''), { 'x-api-key': ledger.keys[role] });
      expect(forbidden.status).toBe(403);
      expect(forbidden.headers['content-type']).toContain('application/problem+json');
      forbidden.close();
    }
  });

  it('caps open streams per key at SSE_MAX_SUBSCRIBERS_PER_KEY with a 429 problem, counts them in the gauge, and frees a slot on disconnect', async () => {
    const gauge = ledger.app.get(LedgerMetrics).sseSubscribers;
    const a = await openSse(url(''), { 'x-api-key': ledger.keys.dashboard });
    const b = await openSse(url(''), { 'x-api-key': ledger.keys.dashboard });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await gauge.get()).values[0]!.value).toBe(2);
    const c = await openSse(url(''), { 'x-api-key': ledger.keys.dashboard });
    expect(c.status).toBe(429);
    expect(c.headers['content-type']).toContain('application/problem+json');
    await c.ended;
    expect(JSON.parse(c.text())).toMatchObject({ status: 429, limit: 2 });
    const otherKey = await openSse(url(''), { 'x-api-key': ledger.keys.auditor });
    expect(otherKey.status).toBe(200);
    a.close();
    await until(() => sessions() === 2);
    const d = await openSse(url(''), { 'x-api-key': ledger.keys.dashboard });
    expect(d.status).toBe(200);
    for (const p of [b, d, otherKey]) p.close();
    await until(() => sessions() === 0);
    expect((await gauge.get()).values[0]!.value).toBe(0);
  });

  it('drops a client that stops reading once its buffer passes the bound, telling it why', async () => {
    const tag = fresh();
    const address = new URL(ledger.baseUrl);
    const socket = connect(Number(address.port), address.hostname);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.write(
      `GET /v1/live/events?prefix=bulk-${tag} HTTP/1.1\r\nHost: ${address.host}\r\nX-Api-Key: ${ledger.keys.dashboard}\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n`,
    );
    await until(() => received.includes(': connected'));
    socket.pause();
    const blob = 'x'.repeat(512 * 1024);
    for (let i = 0; i < 40 && sessions() > 0; i++)
      await ledger.store.append(`bulk-${tag}`, [{ type: 'Bulk', data: { i, blob } }]);
    await until(() => sessions() === 0);
    socket.resume();
    await new Promise<void>((resolve) => socket.once('close', resolve));
    const messages: SseEvent[] = [];
    const body = received.slice(received.indexOf('\r\n\r\n') + 4).replace(/\r\n[0-9a-f]+\r\n/g, '');
    new SseParser((m) => messages.push(m)).push(body);
    const last = messages.at(-1)!;
    expect(last.event).toBe('close');
    expect(JSON.parse(last.data).reason).toBe('slow-consumer');
    expect(messages.filter((m) => m.event === 'recorded-event').length).toBeLessThan(40);
  });
});

describe('live streams at shutdown', () => {
  it('end with a server-shutdown close message instead of holding the server open', async () => {
    const ledger = await startLiveLedger();
    const probe = await openSse(`${ledger.baseUrl}/v1/live/events`, { 'x-api-key': ledger.keys.dashboard });
    await probe.waitFor((_, text) => text.includes(': connected'));
    await ledger.close();
    await probe.ended;
    expect(probe.messages.at(-1)).toMatchObject({ event: 'close' });
    expect(JSON.parse(probe.messages.at(-1)!.data).reason).toBe('server-shutdown');
  });
});
