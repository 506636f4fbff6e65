import { request as httpRequest } from 'node:http';
import { type EventStore } from '@ledger/event-store';
import { KeyRegistry, type Role } from '@ledger/ledger';
import { EVENT_STORE } from '../../apps/api/src/ledger/tokens';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { need, registered } from './support/applicant-facts';
import { openLive } from './support/live-stream';

const BODY_LIMIT = 4096;
const MAX_EVENTS = 5;
const RATE = 25;
const SSE_CAP = 2;

/** POSTs a body in chunks without Content-Length, so only the server's running count can stop it. */
function postChunked(
  baseUrl: string,
  path: string,
  key: string,
  chunks: string[],
): Promise<{ status: number; body: string; contentType: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'transfer-encoding': 'chunked' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, contentType: String(res.headers['content-type']) }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error),
    );
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('resource limits', () => {
  let ledger: TestLedger;
  let store: EventStore;
  let baseUrl: string;
  const freshKey = async (role: Role): Promise<string> =>
    (await ledger.app.get(KeyRegistry).issue(role, `limits ${role}`)).key;
  beforeAll(async () => {
    ledger = await startTestLedger({
      BODY_LIMIT_BYTES: String(BODY_LIMIT),
      MAX_EVENTS_PER_APPEND: String(MAX_EVENTS),
      RATE_LIMIT_PER_MINUTE: String(RATE),
      SSE_MAX_SUBSCRIBERS_PER_KEY: String(SSE_CAP),
      SSE_HEARTBEAT_MS: '1000',
    });
    store = ledger.app.get<EventStore>(EVENT_STORE);
    await ledger.app.listen({ port: 0, host: '127.0.0.1' });
    const address = ledger.app.getHttpServer().address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => ledger.close());
  const post = (key: string, stream: string, body: unknown) =>
    ledger.request('POST', `/v1/streams/${stream}/events`, { key, body });

  it(`caps the request body at BODY_LIMIT_BYTES (${BODY_LIMIT}): 413 problem, nothing appended; a body of exactly the cap is accepted`, async () => {
    const key = await freshKey('integration');
    // JSON allows trailing whitespace, so a valid body can be padded to an exact size.
    const sized = (body: unknown, bytes: number) => {
      const text = JSON.stringify(body);
      return ledger.request('POST', '/v1/streams/applicant-limits-body/events', {
        key,
        rawBody: text + ' '.repeat(bytes - Buffer.byteLength(text)),
        headers: { 'content-type': 'application/json' },
      });
    };
    expect((await sized(registered(), BODY_LIMIT)).status).toBe(201);
    const before = await store.headPosition();
    const tooBig = await sized(need('one byte over'), BODY_LIMIT + 1);
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');
    expect(tooBig.body).toMatchObject({ status: 413, type: expect.stringMatching(/body-too-large$/) });
    // Without Content-Length, streamed in chunks far past the cap.
    const streamed = await postChunked(baseUrl, '/v1/streams/applicant-limits-body/events', key, [
      '{"events":[{"type":"NeedEstimated","data":{"area":"',
      ...Array.from({ length: 64 }, () => 'b'.repeat(1024)),
      '"}}]}',
    ]);
    expect(streamed.status).toBe(413);
    expect(streamed.contentType).toContain('application/problem+json');
    expect(await store.headPosition()).toBe(before);
  });

  it(`caps a batch at MAX_EVENTS_PER_APPEND (${MAX_EVENTS}): 413 problem naming the limit, nothing appended`, async () => {
    const key = await freshKey('integration');
    expect((await post(key, 'applicant-limits-batch', registered())).status).toBe(201);
    const batch = (n: number) => ({ events: Array.from({ length: n }, (_, i) => need(`batch ${i}`, 1)) });
    expect((await post(key, 'applicant-limits-batch', batch(MAX_EVENTS))).status).toBe(201);
    const before = await store.headPosition();
    const res = await post(key, 'applicant-limits-batch', batch(MAX_EVENTS + 1));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 413, type: expect.stringMatching(/batch-too-large$/) });
    expect(res.body.detail).toContain(String(MAX_EVENTS));
    expect(await store.headPosition()).toBe(before);
  });

  it(`rate-limits each key after RATE_LIMIT_PER_MINUTE (${RATE}) requests with a 429 problem, while another key still passes`, async () => {
    const [reader, otherReader, writer] = [
      await freshKey('auditor'),
      await freshKey('auditor'),
      await freshKey('integration'),
    ];
    for (let i = 0; i < RATE; i++)
      expect((await ledger.request('GET', '/v1/streams/applicant-limits-batch', { key: reader })).status).toBe(200);
    const limited = await ledger.request('GET', '/v1/streams/applicant-limits-batch', { key: reader });
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body).toMatchObject({
      status: 429,
      type: expect.stringMatching(/rate-limited$/),
      title: expect.any(String),
    });
    expect((await ledger.request('GET', '/v1/streams/applicant-limits-batch', { key: otherReader })).status).toBe(200);
    expect((await ledger.request('GET', '/v1/streams/applicant-limits-batch', { key: reader })).status).toBe(429);

    // A write refused for the rate appends nothing.
    expect((await post(writer, 'applicant-limits-rate', registered())).status).toBe(201);
    for (let i = 1; i < RATE; i++)
      expect((await post(writer, 'applicant-limits-rate', need(`rate ${i}`, 1))).status).toBe(201);
    const before = await store.headPosition();
    const refused = await post(writer, 'applicant-limits-rate', need('one too many', 1));
    expect(refused.status).toBe(429);
    expect(await store.headPosition()).toBe(before);
  });

  it(`caps open live streams per key at SSE_MAX_SUBSCRIBERS_PER_KEY (${SSE_CAP}) with a 429 problem; another key still subscribes; closing one frees a slot`, async () => {
    const [mine, theirs] = [await freshKey('dashboard'), await freshKey('dashboard')];
    const open = [
      await openLive(baseUrl, '/v1/live/events', mine),
      await openLive(baseUrl, '/v1/live/events?prefix=applicant-', mine),
    ];
    try {
      expect(open.map((s) => [s.status, s.contentType.split(';')[0]])).toEqual([
        [200, 'text/event-stream'],
        [200, 'text/event-stream'],
      ]);
      const refused = await openLive(baseUrl, '/v1/live/events', mine);
      expect(refused.status).toBe(429);
      expect(refused.contentType).toContain('application/problem+json');
      expect(JSON.parse(await refused.body())).toMatchObject({ status: 429, limit: SSE_CAP });
      const other = await openLive(baseUrl, '/v1/live/events', theirs);
      open.push(other);
      expect(other.status).toBe(200);
      open.shift()!.close();
      let again = await openLive(baseUrl, '/v1/live/events', mine);
      for (let i = 0; i < 50 && again.status === 429; i++) {
        await new Promise((r) => setTimeout(r, 20));
        again = await openLive(baseUrl, '/v1/live/events', mine);
      }
      open.push(again);
      expect(again.status).toBe(200);
    } finally {
      for (const s of open) s.close();
    }
  });
});
