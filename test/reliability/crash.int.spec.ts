import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { need, profile, registered, type PostedEvent } from './support/applicant-facts';
import { startChildLedger, type ChildLedger } from './support/child-ledger';
import { call } from './support/http-call';
import { issueKeyWithCli, ledgerCli } from './support/ledger-cli';
import { counts } from './support/reliability-mode';
import { tally } from './support/tally';

/** One append as the client saw it: acknowledged (201), refused (4xx), or cut off by the crash. */
interface Attempt {
  stream: string;
  events: PostedEvent[];
  outcome: 'acknowledged' | 'refused' | 'unknown';
  acknowledged?: { revision: number; positions: number[]; eventIds: string[] };
}

interface StoredEvent {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  data: unknown;
}

const STREAMS = Array.from({ length: 6 }, (_, i) => `applicant-crash-${i}`);
/**
 * The applicants join this program, so its dashboard (LEA rows with each applicant's latest name) is a read model the
 * crashes touch.
 */
const PROGRAM = 'program-crash';
const programEstablished = {
  type: 'ProgramEstablished',
  data: {
    name: 'Crash Connects',
    usState: 'MS',
    fundingSource: 'CARES Act CRF',
    totalFunds: 50_000_000,
    terms: {
      share: { kind: 'fixed-split', stateMaxPercent: 80, districtMinPercent: 20 },
      interlocalAgreementRequired: false,
    },
    establishedOn: '2020-07-01',
  },
};
const joined = (): PostedEvent => ({
  id: randomUUID(),
  type: 'ProgramJoined',
  data: { program: PROGRAM, joinedOn: '2020-07-15' },
});
const corrected = (registration: string, name: string): PostedEvent => ({
  id: randomUUID(),
  type: 'ApplicantProfileCorrected',
  data: { ...profile, name, corrects: registration, reason: 'name corrected during the crash test' },
});
const WRITERS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

describe('crash safety: kill -9 while appends are in flight', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  const copyDir = mkdtempSync(join(tmpdir(), 'ledger-crash-rebuilt-'));
  let server: ChildLedger | undefined;
  afterAll(async () => {
    await server?.kill9();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(copyDir, { recursive: true, force: true });
  });

  it(
    `loses no acknowledged append and half-writes no batch over ${counts.crashes} crashes; read models equal a rebuild; the chain verifies`,
    async () => {
      const integration = (await issueKeyWithCli(dataDir, 'integration', 'crash writer')).key;
      const auditor = (await issueKeyWithCli(dataDir, 'auditor', 'crash auditor')).key;
      const dashboard = (await issueKeyWithCli(dataDir, 'dashboard', 'crash dashboard')).key;
      const attempts: Attempt[] = [];
      const serverErrors: string[] = [];
      const lastKnownRevision = new Map<string, number>();
      const registrationOf = new Map<string, string>();

      const appendOnce = async (baseUrl: string, label: string): Promise<void> => {
        const stream = pick(STREAMS);
        const known = lastKnownRevision.get(stream);
        const registration = registrationOf.get(stream);
        const needs = Array.from({ length: 1 + Math.floor(Math.random() * 5) }, (_, i) => need(`${label}-${i}`));
        const events =
          known === undefined
            ? [registered({ name: `${stream} as registered` }), joined()]
            : registration && Math.random() < 0.3
              ? [corrected(registration, label), ...needs]
              : needs;
        const style = Math.floor(Math.random() * 3);
        const headers: Record<string, string> = style === 0 && known !== undefined ? { 'if-match': `"${known}"` } : {};
        const body = {
          events,
          ...(style === 1 ? { expectedRevision: known === undefined ? 'no_stream' : 'any' } : {}),
        };
        const attempt: Attempt = { stream, events, outcome: 'unknown' };
        attempts.push(attempt);
        try {
          const res = await call(baseUrl, 'POST', `/v1/streams/${stream}/events`, { key: integration, body, headers });
          if (res.status >= 500) serverErrors.push(`${res.status} ${res.text}`);
          if (res.status === 201) {
            attempt.outcome = 'acknowledged';
            attempt.acknowledged = res.body;
            if (known === undefined) registrationOf.set(stream, events[0]!.id);
            lastKnownRevision.set(stream, Math.max(res.body.revision as number, lastKnownRevision.get(stream) ?? -1));
          } else if (res.status < 500) {
            attempt.outcome = 'refused';
            // 422 applicant-already-registered: another writer registered it first.
            if (res.status === 422 && known === undefined)
              lastKnownRevision.set(stream, lastKnownRevision.get(stream) ?? 0);
          }
        } catch {
          // Connection reset or refused: the client does not know whether the append happened.
        }
      };

      for (let round = 0; round < counts.crashes; round++) {
        const crashing = await startChildLedger(dataDir);
        server = crashing;
        if (round === 0)
          expect(
            (
              await call(crashing.baseUrl, 'POST', `/v1/streams/${PROGRAM}/events`, {
                key: integration,
                body: programEstablished,
              })
            ).status,
          ).toBe(201);
        let running = true;
        const writers = Array.from({ length: WRITERS }, async (_, w) => {
          for (let n = 0; running; n++) await appendOnce(crashing.baseUrl, `r${round}-w${w}-n${n}`);
        });
        await sleep(150 + Math.random() * 750);
        running = false;
        await crashing.kill9();
        await Promise.all(writers);
      }

      server = await startChildLedger(dataDir);
      const { baseUrl } = server;
      const stored = new Map<string, StoredEvent>();
      for (const stream of STREAMS) {
        const events: StoredEvent[] = [];
        for (let page: string | undefined = `/v1/streams/${stream}?limit=1000`; page;) {
          const res = await call(baseUrl, 'GET', page, { key: auditor });
          if (res.status === 404) break;
          expect(res.status).toBe(200);
          events.push(...(res.body.events as StoredEvent[]));
          page = res.body.next as string | undefined;
        }
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
        for (let i = 1; i < events.length; i++) expect(events[i]!.position).toBeGreaterThan(events[i - 1]!.position);
        for (const e of events) stored.set(e.id, e);
      }

      expect(serverErrors).toEqual([]);
      const acknowledged = attempts.filter((a) => a.outcome === 'acknowledged');
      const unknown = attempts.filter((a) => a.outcome === 'unknown');
      expect(acknowledged.length).toBeGreaterThan(counts.crashes);
      // The kills interrupted appends in flight, so the all-or-nothing check below has something to check.
      expect(unknown.length).toBeGreaterThan(0);

      const lost: unknown[] = [];
      for (const a of acknowledged) {
        const ack = a.acknowledged!;
        expect(ack.eventIds).toEqual(a.events.map((e) => e.id));
        a.events.forEach((sent, i) => {
          const got = stored.get(sent.id);
          const expected = {
            id: sent.id,
            stream: a.stream,
            revision: ack.revision - (a.events.length - 1) + i,
            position: ack.positions[i],
            type: sent.type,
            data: sent.data,
          };
          if (
            !got ||
            JSON.stringify({ ...expected }) !==
              JSON.stringify({
                id: got.id,
                stream: got.stream,
                revision: got.revision,
                position: got.position,
                type: got.type,
                data: got.data,
              })
          )
            lost.push({ expected, got });
        });
      }
      tally('crashesSurvived', counts.crashes);
      tally(
        'acknowledgedEventsChecked',
        acknowledged.reduce((n, a) => n + a.events.length, 0),
      );
      tally('acknowledgedEventsLost', lost.length);
      expect(lost).toEqual([]);
      for (const a of attempts.filter((x) => x.outcome === 'refused'))
        expect(a.events.filter((e) => stored.has(e.id))).toEqual([]);
      for (const a of unknown) {
        const present = a.events.filter((e) => stored.has(e.id)).length;
        expect({ stream: a.stream, present: present === 0 || present === a.events.length }).toEqual({
          stream: a.stream,
          present: true,
        });
      }
      const sentIds = new Set(attempts.flatMap((a) => a.events.map((e) => e.id)));
      expect([...stored.keys()].filter((id) => !sentIds.has(id))).toEqual([]);

      // Read models after the crashes, once the projector reached the head.
      const health = await call(baseUrl, 'GET', '/health');
      const head = health.body.details.store.headPosition as number;
      expect(head).toBeGreaterThanOrEqual(stored.size);
      const modelUrls = [
        `/v1/programs/${PROGRAM.slice('program-'.length)}/dashboard`,
        `/v1/programs/${PROGRAM.slice('program-'.length)}/compliance`,
        ...STREAMS.map((stream) => `/v1/applicants/${stream.slice('applicant-'.length)}/compliance`),
      ];
      const readModels = async (url: string) =>
        Promise.all(
          modelUrls.map(async (path) => {
            const res = await call(url, 'GET', `${path}?minPosition=${head}`, { key: dashboard });
            return { path, status: res.status, etag: res.headers.get('etag'), body: res.body };
          }),
        );
      const afterCrashes = await readModels(baseUrl);
      expect(afterCrashes.map((m) => m.status)).toEqual(modelUrls.map(() => 200));
      // Folded by hand from the stored events: each applicant that joined, under the name of its last profile event.
      const latestName = new Map<string, string>();
      for (const e of [...stored.values()].sort((a, b) => a.position - b.position))
        if (e.type === 'ApplicantRegistered' || e.type === 'ApplicantProfileCorrected')
          latestName.set(e.stream, (e.data as { name: string }).name);
      const byLea = (afterCrashes[0]!.body.data.byLea as { applicant: string; name: string }[]).map((l) => [
        l.applicant,
        l.name,
      ]);
      expect(new Map(byLea as [string, string][])).toEqual(latestName);

      // The audit log catches up from the store after each crash; then the whole chain verifies.
      let checkpoint = await call(baseUrl, 'GET', '/v1/audit/checkpoint', { key: auditor });
      for (let i = 0; i < 200 && !(checkpoint.status === 200 && checkpoint.body.checkpoint.lastPosition >= head); i++) {
        await sleep(100);
        checkpoint = await call(baseUrl, 'GET', '/v1/audit/checkpoint', { key: auditor });
      }
      expect(checkpoint.status).toBe(200);
      expect(checkpoint.body.checkpoint.lastPosition).toBeGreaterThanOrEqual(head);
      await server.stop();
      server = undefined;
      const verified = await ledgerCli('verify', '--data-dir', dataDir);
      expect(verified.out).toMatch(/^OK: ledger/);
      expect(verified.code).toBe(0);

      // A full rebuild of a copy serves exactly the same models.
      cpSync(dataDir, copyDir, { recursive: true });
      const rebuilt = await ledgerCli('rebuild', '--data-dir', copyDir);
      expect(rebuilt.code).toBe(0);
      server = await startChildLedger(copyDir);
      expect(await readModels(server.baseUrl)).toEqual(afterCrashes);
      await server.stop();
      server = undefined;
    },
    120_000 + counts.crashes * 8_000,
  );
});
