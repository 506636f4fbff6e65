import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type EventStore } from '@ledger/event-store';
import { hashSecret, parseApiKey } from '@ledger/ledger';
import { EVENT_STORE } from '../../apps/api/src/ledger/tokens';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { need, registered } from './support/applicant-facts';
import { startChildLedger, type ChildLedger } from './support/child-ledger';
import { call } from './support/http-call';
import { openLive } from './support/live-stream';
import { issueKeyWithCli, ledgerCli } from './support/ledger-cli';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secretOf = (key: string): string => parseApiKey(key)?.secret ?? '';

describe('auth beyond the role matrix (in-process)', () => {
  let ledger: TestLedger;
  let store: EventStore;
  beforeAll(async () => {
    ledger = await startTestLedger();
    store = ledger.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => ledger.close());
  const issue = async (body: Record<string, unknown>) => {
    const res = await ledger.request('POST', '/v1/admin/keys', { key: ledger.keys.admin, body });
    expect(res.status).toBe(201);
    return res.body as { key: string; keyId: string };
  };
  const append = (key: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    ledger.request('POST', `/v1/streams/${path}/events`, { key, body, headers });

  it('a key scoped to a stream prefix writes only streams with that prefix, however the name is spelled', async () => {
    const acme = await issue({ role: 'integration', label: 'Acme feed', streamPrefix: 'applicant-acme-' });
    expect((await append(ledger.keys.integration, 'applicant-other-1', registered())).status).toBe(201);
    expect((await append(acme.key, 'applicant-acme-1', registered())).status).toBe(201);
    expect((await append(acme.key, 'applicant%2Dacme-2', registered())).status).toBe(201);
    for (const path of [
      'applicant-other-1',
      'applicant-other-2',
      'applicant-acme',
      'APPLICANT-ACME-3',
      'applicant-acm',
      'program-acme-1',
      'applicant-other-1%2F..%2Fapplicant-acme-1',
      '%20applicant-acme-4',
      'ledger.apikeys',
      'ledger.idempotency-x',
    ]) {
      const before = await store.headPosition();
      const res = await append(acme.key, path, need('sneaky'));
      expect({ path, status: res.status, type: res.body?.type }).toEqual({
        path,
        status: 403,
        type: expect.stringMatching(/forbidden$/),
      });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await store.headPosition()).toBe(before);
    }
    // A name that starts with the prefix but climbs out of it is refused as a stream name, and writes nothing.
    const before = await store.headPosition();
    const climbing = await append(acme.key, 'applicant-acme-..%2F..%2Fapplicant-other-1', registered());
    expect(climbing.status).toBe(400);
    expect(await store.headPosition()).toBe(before);
    expect((await store.readStream('applicant-other-1')).map((e) => e.type)).toEqual(['ApplicantRegistered']);
  });

  it("no integration key writes the ledger's internal streams (API keys, idempotency records)", async () => {
    const { keyId } = parseApiKey(ledger.keys.integration)!;
    const selfPromotion = {
      type: 'ApiKeyIssued',
      data: { keyId: '0123456789abcdef', role: 'admin', label: 'me', secretSha256: hashSecret('x') },
    };
    for (const stream of [
      'ledger.apikeys',
      'ledger.idempotency-0123456789abcdef0123456789abcdef01234567',
      `ledger.apikeys-${keyId}`,
    ]) {
      const before = await store.headPosition();
      const res = await append(ledger.keys.integration, stream, selfPromotion);
      expect({ stream, refused: res.status >= 400 && res.status < 500 }).toEqual({ stream, refused: true });
      expect(await store.headPosition()).toBe(before);
    }
  });

  it("one key's Idempotency-Key never replays another key's response", async () => {
    const acme = await issue({ role: 'integration', label: 'Acme again', streamPrefix: 'applicant-acme-' });
    expect((await append(acme.key, 'applicant-acme-10', registered())).status).toBe(201);
    // No event ids in the body: the ledger derives them from the key and its Idempotency-Key.
    const { id: _none, ...body } = need('shared idempotency key');
    const first = await append(acme.key, 'applicant-acme-10', body, { 'idempotency-key': 'order-7' });
    const replay = await append(acme.key, 'applicant-acme-10', body, { 'idempotency-key': 'order-7' });
    const other = await append(ledger.keys.integration, 'applicant-acme-10', body, { 'idempotency-key': 'order-7' });
    expect([first.status, replay.status, other.status]).toEqual([201, 201, 201]);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body.revision).toBe(first.body.revision + 1);
    expect(other.body.eventIds).not.toEqual(first.body.eventIds);
    expect((await store.readStream('applicant-acme-10')).map((e) => e.type)).toEqual([
      'ApplicantRegistered',
      'NeedEstimated',
      'NeedEstimated',
    ]);
  });

  it('a key revoked through the admin endpoint is refused on the very next request', async () => {
    const temp = await issue({ role: 'integration', label: 'temporary' });
    expect((await append(temp.key, 'applicant-revoke-1', registered())).status).toBe(201);
    const revoked = await ledger.request('DELETE', `/v1/admin/keys/${temp.keyId}`, {
      key: ledger.keys.admin,
      body: { reason: 'contract ended' },
    });
    expect(revoked.status).toBe(200);
    const before = await store.headPosition();
    const refused = await append(temp.key, 'applicant-revoke-1', need('after revocation'));
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(await store.headPosition()).toBe(before);
    const listed = await ledger.request('GET', '/v1/admin/keys', { key: ledger.keys.admin });
    expect(listed.body.keys.find((k: { keyId: string }) => k.keyId === temp.keyId)).toMatchObject({ revoked: true });
    expect(JSON.stringify(listed.body)).not.toContain(secretOf(temp.key));
    expect(JSON.stringify(listed.body)).not.toContain(hashSecret(secretOf(temp.key)));
    expect((await ledger.request('DELETE', `/v1/admin/keys/${temp.keyId}`, { key: ledger.keys.admin })).status).toBe(
      404,
    );
  });

  it('the ledger stores no key and no secret: not in the raw key stream auditors read, not in an export package', async () => {
    const issued = await issue({ role: 'integration', label: 'stored check' });
    const secrets = [issued.key, secretOf(issued.key), ...Object.values(ledger.keys).flatMap((k) => [k, secretOf(k)])];
    const raw = await ledger.request('GET', '/v1/streams/ledger.apikeys', { key: ledger.keys.auditor });
    expect(raw.status).toBe(200);
    expect(raw.text).toContain(issued.keyId);
    const exported = await ledger.app.inject({
      method: 'GET',
      url: '/v1/audit/export?scope=all',
      headers: { 'x-api-key': ledger.keys.auditor },
    });
    expect(exported.statusCode).toBe(200);
    const unpacked = gunzipSync(exported.rawPayload).toString('utf8');
    expect(unpacked).toContain(issued.keyId);
    for (const secret of secrets) {
      expect(raw.text).not.toContain(secret);
      expect(unpacked).not.toContain(secret);
    }
  });

  it("a live subscriber never receives the ledger's internal events (key issuance, idempotency records)", async () => {
    await ledger.app.listen({ port: 0, host: '127.0.0.1' });
    const address = ledger.app.getHttpServer().address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const everything = await openLive(baseUrl, '/v1/live/events', ledger.keys.dashboard);
    const internal = await openLive(baseUrl, '/v1/live/events?prefix=ledger.', ledger.keys.auditor);
    try {
      expect([everything.status, internal.status]).toEqual([200, 200]);
      await issue({ role: 'dashboard', label: 'seen by nobody' });
      const { id: _none, ...body } = need('live marker');
      const marker = await append(ledger.keys.integration, 'applicant-other-1', body, { 'idempotency-key': 'live-1' });
      expect(marker.status).toBe(201);
      for (let i = 0; i < 100 && !everything.text().includes('live marker'); i++) await sleep(20);
      expect(everything.text()).toContain('live marker');
      await sleep(100);
      for (const seen of [everything.text(), internal.text()]) {
        expect(seen).not.toContain('"stream":"ledger.');
        expect(seen).not.toContain('secretSha256');
        expect(seen).not.toContain('IdempotentRequestCompleted');
      }
    } finally {
      everything.close();
      internal.close();
    }
  });

  it("a key with a known id but another key's secret is refused", async () => {
    const a = parseApiKey(ledger.keys.integration)!;
    const b = parseApiKey(ledger.keys.auditor)!;
    const res = await append(`pl_${a.keyId}_${b.secret}`, 'applicant-forged-1', registered());
    expect(res.status).toBe(401);
  });
});

describe('auth against a server in another process (keys from the CLI, logs at debug)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-auth-'));
  let server: ChildLedger | undefined;
  const keys: string[] = [];
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a key revoked with the CLI stops working within two seconds; a key issued with the CLI works at once; no key or secret is ever logged', async () => {
    const integration = await issueKeyWithCli(dataDir, 'integration', 'vendor feed');
    const admin = await issueKeyWithCli(dataDir, 'admin', 'operator');
    const auditor = await issueKeyWithCli(dataDir, 'auditor', 'state auditor');
    keys.push(integration.key, admin.key, auditor.key);
    server = await startChildLedger(dataDir, { LOG_LEVEL: 'debug' });
    const { baseUrl } = server;
    expect(
      (await call(baseUrl, 'POST', '/v1/streams/applicant-cli-1/events', { key: integration.key, body: registered() }))
        .status,
    ).toBe(201);

    // Issued by another process while the server runs: usable on the first request.
    const late = await issueKeyWithCli(dataDir, 'integration', 'late feed');
    keys.push(late.key);
    expect(
      (await call(baseUrl, 'POST', '/v1/streams/applicant-cli-2/events', { key: late.key, body: registered() })).status,
    ).toBe(201);

    // A session of every kind of outcome, with keys in both headers.
    const issued = await call(baseUrl, 'POST', '/v1/admin/keys', {
      key: admin.key,
      body: { role: 'dashboard', label: 'wall screen' },
    });
    expect(issued.status).toBe(201);
    keys.push(issued.body.key);
    expect(
      (
        await call(baseUrl, 'GET', '/v1/streams/applicant-cli-1', {
          headers: { authorization: `Bearer ${auditor.key}` },
        })
      ).status,
    ).toBe(200);
    expect((await call(baseUrl, 'GET', '/v1/admin/keys', { key: issued.body.key })).status).toBe(403);
    expect(
      (
        await call(baseUrl, 'POST', '/v1/streams/applicant-cli-1/events', {
          key: integration.key,
          body: { events: [{ type: 'NeedEstimated', data: { devices: -1 } }] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(baseUrl, 'POST', '/v1/streams/applicant-cli-1/events', {
          key: integration.key,
          headers: { 'content-type': 'text/plain' },
          body: 'x',
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await call(baseUrl, 'GET', '/v1/admin/keys', {
          key: `pl_${parseApiKey(admin.key)!.keyId}_${secretOf(auditor.key)}`,
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await call(baseUrl, 'GET', '/v1/admin/keys', {
          headers: { authorization: `Basic ${Buffer.from(`x:${admin.key}`).toString('base64')}` },
        })
      ).status,
    ).toBe(401);

    const revoked = await ledgerCli('keys', 'revoke', integration.keyId, '--data-dir', dataDir);
    expect(revoked.code).toBe(0);
    const started = Date.now();
    let status = 201;
    while (status !== 401 && Date.now() - started < 5_000) {
      status = (
        await call(baseUrl, 'POST', '/v1/streams/applicant-cli-1/events', {
          key: integration.key,
          body: need('racing the revocation'),
        })
      ).status;
      if (status !== 401) await sleep(20);
    }
    expect(status).toBe(401);
    // The registry catches up with the store every 250 ms; allow for a loaded machine.
    expect(Date.now() - started).toBeLessThan(2_000);
    for (let i = 0; i < 3; i++)
      expect((await call(baseUrl, 'GET', '/health', { key: integration.key })).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect(
        (
          await call(baseUrl, 'POST', '/v1/streams/applicant-cli-1/events', {
            key: integration.key,
            body: need('after'),
          })
        ).status,
      ).toBe(401);

    const logs = server.output();
    await server.stop();
    server = undefined;
    // The capture really holds debug-level request logs of this session.
    expect(logs).toContain('"level":20');
    expect(logs).toContain('/v1/admin/keys');
    expect(logs).toContain('/v1/streams/applicant-cli-1/events');
    for (const key of keys) {
      expect(logs).not.toContain(key);
      expect(logs).not.toContain(secretOf(key));
    }
  }, 60_000);
});
