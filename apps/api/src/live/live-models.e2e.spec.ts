import { LedgerClient, type SseEvent } from '@ledger/client';
import { LiveSessions } from './live-sessions';
import { startLiveLedger, type LiveLedger } from '../../testing/live-ledger';
import { dataOf, openSse, type SseProbe } from '../../testing/sse-probe';
import { establishStateProgram, type StateProgramLedger } from '../../testing/state-program-facts';

const until = async (condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const quietFor = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('live read models: GET /v1/live/programs/:id, /funding-requests/:id, /applicants/:id/compliance (SSE)', () => {
  let ledger: LiveLedger;
  let writer: LedgerClient;
  let n = 0;
  const tag = (): string => `lm${++n}${Date.now().toString(36)}`;
  const open = (path: string, headers: Record<string, string> = {}): Promise<SseProbe> =>
    openSse(`${ledger.baseUrl}${path}`, { 'x-api-key': ledger.keys.dashboard, ...headers });
  const devicesOf = (m: SseEvent): number[] => (dataOf(m).byLea as { devices: number }[]).map((r) => r.devices);

  beforeAll(async () => {
    ledger = await startLiveLedger();
    writer = new LedgerClient({ baseUrl: ledger.baseUrl, apiKey: ledger.keys.integration });
  });
  afterAll(async () => ledger.close());
  afterEach(async () => until(() => ledger.app.get(LiveSessions).size === 0));

  it('sends the program dashboard at once, then again when an order changes it, with the ledger position as id', async () => {
    const p: StateProgramLedger = await establishStateProgram(writer, tag());
    const probe = await open(`/v1/live/programs/${p.programId}`);
    expect(probe.status).toBe(200);
    await probe.waitFor((m) => m.length >= 1);
    const first = probe.messages[0]!;
    expect(first.event).toBe('program-dashboard');
    expect(dataOf(first)).toMatchObject({ program: p.program, funds: { allocated: 200_000_000, committed: 0 } });
    expect(devicesOf(first)).toEqual([0, 0]);
    const position = await p.placeOrder(1, 25, 5);
    await probe.waitFor((m) => m.length >= 2);
    probe.close();
    const second = probe.messages[1]!;
    expect(Number(second.id)).toBeGreaterThanOrEqual(position);
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    expect(devicesOf(second)).toEqual([0, 25]);
    expect(dataOf(second).funds.committed).toBe(((25 * 30_000 + 5 * 10_000) * 80) / 100);
  });

  it('resumes with Last-Event-ID: a model that changed while away arrives once, then only new changes', async () => {
    const p = await establishStateProgram(writer, tag());
    const first = await open(`/v1/live/programs/${p.programId}`);
    await first.waitFor((m) => m.length >= 1);
    first.close();
    const seen = first.messages.at(-1)!.id!;

    await p.placeOrder(0, 10, 0);
    const resumed = await open(`/v1/live/programs/${p.programId}`, { 'last-event-id': seen });
    await resumed.waitFor((m) => m.length >= 1);
    await quietFor(300);
    expect(resumed.messages).toHaveLength(1);
    expect(Number(resumed.messages[0]!.id)).toBeGreaterThan(Number(seen));
    expect(devicesOf(resumed.messages[0]!)).toEqual([10, 0]);
    await p.placeOrder(1, 3, 0);
    await resumed.waitFor((m) => m.length >= 2);
    resumed.close();
    expect(devicesOf(resumed.messages[1]!)).toEqual([10, 3]);
  });

  it('resumes with Last-Event-ID: a model unchanged while away is not sent again, though other facts moved the ledger on', async () => {
    const p = await establishStateProgram(writer, tag());
    const first = await open(`/v1/live/programs/${p.programId}`);
    await first.waitFor((m) => m.length >= 1);
    first.close();
    const latest = first.messages.at(-1)!.id!;
    await establishStateProgram(writer, tag());
    const again = await open(`/v1/live/programs/${p.programId}`, { 'last-event-id': latest });
    await again.waitFor((_, text) => text.includes(': connected'));
    await quietFor(500);
    await p.placeOrder(0, 1, 0);
    await again.waitFor((m) => m.length >= 1);
    again.close();
    expect(again.messages).toHaveLength(1);
    expect(devicesOf(again.messages[0]!)).toEqual([1, 0]);
  });

  it("streams an applicant's compliance view", async () => {
    const p = await establishStateProgram(writer, tag());
    const probe = await open(`/v1/live/applicants/${p.applicants[0]!.slice('applicant-'.length)}/compliance`, {
      'x-api-key': ledger.keys.auditor,
    });
    expect(probe.status).toBe(200);
    await probe.waitFor((m) => m.length >= 1);
    probe.close();
    expect(probe.messages[0]!.event).toBe('compliance');
    expect(dataOf(probe.messages[0]!)).toMatchObject({
      subject: p.applicants[0],
      counts: {
        serious: expect.any(Number),
        violation: expect.any(Number),
        warning: expect.any(Number),
        info: expect.any(Number),
      },
    });
  });

  it('404 problem for a program or funding request the ledger does not have; 400 for an id that cannot be one (the ids the read endpoints take)', async () => {
    const longest = `p${'x'.repeat(191)}`; // program- and 192 characters: the longest name a store takes
    for (const path of [
      '/v1/live/programs/nowhere-at-all',
      '/v1/live/funding-requests/999999999',
      `/v1/live/programs/${longest}`,
    ]) {
      const missing = await open(path);
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      await missing.ended;
    }
    for (const path of ['/v1/live/programs/-bad%20id', `/v1/live/programs/${longest}x`]) {
      const bad = await open(path);
      expect(bad.status).toBe(400);
      await bad.ended;
    }
  });

  it('401 without a key, 403 for integration and admin keys', async () => {
    const p = await establishStateProgram(writer, tag());
    const path = `/v1/live/programs/${p.programId}`;
    const none = await openSse(`${ledger.baseUrl}${path}`);
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    none.close();
    for (const role of ['integration', 'admin'] as const) {
      const forbidden = await open(path, { 'x-api-key': ledger.keys[role] });
      expect(forbidden.status).toBe(403);
      forbidden.close();
    }
  });
});
