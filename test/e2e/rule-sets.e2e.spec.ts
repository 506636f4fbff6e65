import { adoptionOf, erate2030, ERATE_RULE_SET_STREAM } from '@ledger/domain';
import { type EventStore } from '@ledger/event-store';
import { verifyCheckpoint, verifyExportPackage } from '@ledger/audit';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { EVENT_STORE } from '../../apps/api/src/ledger/tokens';
import { recordBuiltInRuleSetsOnStart } from '../../apps/api/src/admin/record-rule-sets-on-start';
import { startTestLedger, type TestLedger } from '../support/ledger-app';

/** A FY2031–2035 set with erate-2030's figures under a new id. */
const fy2035 = (over: Record<string, unknown> = {}) => {
  const { adoptedOn: _on, ...base } = adoptionOf(erate2030, '2030-12-01');
  return {
    ...base,
    id: 'erate-2035',
    description: 'E-Rate FY2031–FY2035',
    fundingYears: { first: 2031, last: 2035 },
    adoptedOn: '2030-12-01',
    ...over,
  };
};

describe('rule sets over the API: POST /v1/admin/rule-sets, GET /v1/rule-sets', () => {
  let ledger: TestLedger;
  let store: EventStore;
  const revision = () => store.streamRevision(ERATE_RULE_SET_STREAM);
  const adopt = (body: unknown, key = ledger.keys.admin) =>
    ledger.request('POST', '/v1/admin/rule-sets', { key, body });

  beforeAll(async () => {
    ledger = await startTestLedger();
    store = ledger.app.get<EventStore>(EVENT_STORE);
    await recordBuiltInRuleSetsOnStart(ledger.app, ledger.app.get(AppConfig));
  });
  afterAll(async () => ledger.close());

  it('the built-ins are in the log as revisions 0–2 of ruleset-erate', async () => {
    expect(await revision()).toBe(2);
  });

  it('an admin adopts a FY2031–2035 set: 201 with its position and event id, and GET lists it in force', async () => {
    const res = await adopt(fy2035());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ruleSet: 'erate-2035', stream: ERATE_RULE_SET_STREAM, revision: 3 });
    const [event] = await store.readStream(ERATE_RULE_SET_STREAM, { fromRevision: 3 });
    expect([res.body.position, res.body.eventId]).toEqual([event!.position, event!.id]);

    const list = await ledger.request('GET', `/v1/rule-sets?minPosition=${res.body.position}`, {
      key: ledger.keys.auditor,
    });
    expect(list.status).toBe(200);
    expect(list.body.ruleSets.map((r: { id: string; inForce: boolean }) => [r.id, r.inForce])).toEqual([
      ['erate-fsa-2015', true],
      ['erate-2025', true],
      ['erate-2030', true],
      ['erate-2035', true],
    ]);
    expect(list.body.ruleSets.find((r: { id: string }) => r.id === 'erate-2035')).toMatchObject({
      fundingYears: { first: 2031, last: 2035 },
      builtIn: false,
      recorded: { eventId: event!.id, position: event!.position, adoptedOn: '2030-12-01' },
      sources: erate2030.sources,
      unconfirmed: erate2030.unconfirmed,
    });
  });

  it('another role may not adopt: 403, nothing written', async () => {
    const before = await revision();
    for (const role of ['integration', 'dashboard', 'auditor'] as const)
      expect((await adopt(fy2035({ id: `erate-by-${role}` }), ledger.keys[role])).status).toBe(403);
    expect(await revision()).toBe(before);
  });

  it('integration keys may not write the rule-set stream through /v1/streams either: 403, nothing written', async () => {
    const before = await revision();
    const res = await ledger.request('POST', `/v1/streams/${ERATE_RULE_SET_STREAM}/events`, {
      key: ledger.keys.integration,
      body: { type: 'ErateRuleSetAdopted', data: fy2035({ id: 'erate-sneaky' }) },
    });
    expect(res.status).toBe(403);
    expect(await revision()).toBe(before);
  });

  it('a set with bands out of order: 422 problem+json with code rule-set-invalid naming the field, nothing written', async () => {
    const before = await revision();
    const [b0, b1, b2] = erate2030.params.discountMatrix;
    const res = await adopt(fy2035({ id: 'erate-bad', params: { ...erate2030.params, discountMatrix: [b0, b2, b1] } }));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'rule-set-invalid',
      errors: [
        {
          field: 'params.discountMatrix[2].fromBasisPoints',
          message: 'must be above the band before it: bands ascend',
        },
      ],
    });
    expect(await revision()).toBe(before);
  });

  it.each([
    [
      'overlapping funding years',
      'rule-set-overlap',
      () => fy2035({ id: 'erate-overlap', fundingYears: { first: 2030, last: 2032 } }),
    ],
    [
      'a supersedes naming nothing',
      'rule-set-unknown',
      () => fy2035({ id: 'erate-2040', fundingYears: { first: 2036, last: 2040 }, supersedes: 'erate-1999' }),
    ],
    ['an id already adopted', 'rule-set-duplicate', () => fy2035()],
    [
      'a built-in id with other content',
      'rule-set-builtin-mismatch',
      () => ({ ...adoptionOf(erate2030, '2030-12-01'), description: 'changed' }),
    ],
  ])('%s: 422 with code %s, nothing written', async (_what, code, body) => {
    const before = await revision();
    const res = await adopt(body());
    expect([res.status, res.body.code]).toEqual([422, code]);
    expect(await revision()).toBe(before);
  });

  it('a body that is not an adoption: 400 naming the field, nothing written', async () => {
    const before = await revision();
    const res = await adopt({ ...fy2035({ id: 'erate-x' }), fundingYears: { first: 'soon' } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('fundingYears.first');
    expect(await revision()).toBe(before);
  });

  it('the audit chain verifies with the rule sets in it, and a whole-ledger package carries the adopted set and verifies offline', async () => {
    const head = await store.headPosition();
    let body: { checkpoint: { lastPosition: number }; publicKeyPem: string } | undefined;
    for (let i = 0; i < 100 && !(body && body.checkpoint.lastPosition >= head); i++) {
      const res = await ledger.request('GET', '/v1/audit/checkpoint', { key: ledger.keys.auditor });
      if (res.status === 200) body = res.body;
      if (!(body && body.checkpoint.lastPosition >= head)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(verifyCheckpoint(body!.checkpoint as never, body!.publicKeyPem)).toBe(true);
    const res = await ledger.app.inject({
      method: 'GET',
      url: '/v1/audit/export?scope=all',
      headers: { 'x-api-key': ledger.keys.auditor },
    });
    expect(res.statusCode).toBe(200);
    const file = join(ledger.dataDir, 'rules-package.jsonl.gz');
    writeFileSync(file, res.rawPayload);
    const report = await verifyExportPackage(file);
    expect(report.ok).toBe(true);
    const lines = gunzipSync(res.rawPayload).toString('utf8');
    expect(lines).toContain('"id":"erate-2035"');
  });
});
