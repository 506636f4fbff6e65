import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canonicalLeafHash,
  verifyCheckpoint,
  verifyConsistency,
  verifyExportPackage,
  verifyInclusion,
} from '@ledger/audit';
import { startTestLedger, type TestLedger } from '../support/ledger-app';

const profile = {
  name: 'Audit ISD',
  kind: 'school-district',
  usState: 'MS',
  students: 1000,
  nslpEligibleStudents: 600,
  economicallyDisadvantagedStudents: 600,
  locale: 'rural',
  cep: false,
  memberApplicantIds: [],
};

describe('audit API: checkpoints, proofs, export', () => {
  let ledger: TestLedger;
  let positions: number[] = [];
  beforeAll(async () => {
    ledger = await startTestLedger();
    for (let i = 0; i < 5; i++) {
      const res = await ledger.request('POST', `/v1/streams/applicant-audit-${i}/events`, {
        key: ledger.keys.integration,
        body: { type: 'ApplicantRegistered', data: { ...profile, name: `Audit ISD ${i}` } },
      });
      expect(res.status).toBe(201);
      positions.push(...(res.body.positions as number[]));
    }
    positions = positions.filter((p) => p > 0);
  });
  afterAll(async () => ledger.close());

  const checkpoint = async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const res = await ledger.request('GET', '/v1/audit/checkpoint', { key: ledger.keys.auditor });
      if (res.status === 200 && res.body.checkpoint.lastPosition >= positions.at(-1)!) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no checkpoint covering the appends');
  };

  it('publishes a signed checkpoint that verifies with the published key', async () => {
    const body = await checkpoint();
    expect(verifyCheckpoint(body.checkpoint, body.publicKeyPem)).toBe(true);
    expect(verifyCheckpoint({ ...body.checkpoint, rootHash: '00'.repeat(32) }, body.publicKeyPem)).toBe(false);
  });

  it('proves each event is in the checkpointed tree, checked with the RFC 9162 verifier', async () => {
    const { checkpoint: head } = await checkpoint();
    for (const position of positions) {
      const proof = await ledger.request('GET', `/v1/audit/proof/${position}`, { key: ledger.keys.auditor });
      expect(proof.status).toBe(200);
      expect(
        verifyInclusion(proof.body.leafHash, proof.body.index, proof.body.treeSize, proof.body.proof, head.rootHash),
      ).toBe(true);
    }
    const stream = await ledger.request('GET', '/v1/streams/applicant-audit-2', { key: ledger.keys.auditor });
    const event = stream.body.events[0];
    const proof = await ledger.request('GET', `/v1/audit/proof/${event.position}`, { key: ledger.keys.auditor });
    expect(canonicalLeafHash(event).toString('hex')).toBe(proof.body.leafHash);
  });

  it('proves an older tree is a prefix of the newer one', async () => {
    const { checkpoint: older } = await checkpoint();
    const res = await ledger.request('POST', '/v1/streams/applicant-audit-late/events', {
      key: ledger.keys.integration,
      body: { type: 'ApplicantRegistered', data: profile },
    });
    positions.push(...(res.body.positions as number[]));
    const { checkpoint: newer } = await checkpoint();
    const consistency = await ledger.request(
      'GET',
      `/v1/audit/consistency?from=${older.treeSize}&to=${newer.treeSize}`,
      { key: ledger.keys.auditor },
    );
    expect(consistency.status).toBe(200);
    expect(
      verifyConsistency(older.treeSize, newer.treeSize, consistency.body.proof, older.rootHash, newer.rootHash),
    ).toBe(true);
  });

  it('exports an applicant package that verifies offline, and any flipped byte is found', async () => {
    await checkpoint();
    const res = await ledger.app.inject({
      method: 'GET',
      url: '/v1/audit/export?scope=applicant&id=audit-1',
      headers: { 'x-api-key': ledger.keys.auditor },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    const bytes = res.rawPayload;
    expect(createHash('sha256').update(bytes).digest('hex')).toHaveLength(64);
    const file = join(ledger.dataDir, 'package.jsonl.gz');
    writeFileSync(file, bytes);
    const report = await verifyExportPackage(file);
    expect(report.ok).toBe(true);
    expect(report.manifest?.scope).toEqual({ kind: 'applicant', id: 'audit-1' });
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    writeFileSync(file, flipped);
    expect((await verifyExportPackage(file)).ok).toBe(false);
  });

  it('refuses bad proof and export requests clearly', async () => {
    expect((await ledger.request('GET', '/v1/audit/proof/999999', { key: ledger.keys.auditor })).status).toBe(404);
    expect((await ledger.request('GET', '/v1/audit/proof/abc', { key: ledger.keys.auditor })).status).toBe(400);
    expect((await ledger.request('GET', '/v1/audit/export?scope=galaxy', { key: ledger.keys.auditor })).status).toBe(
      400,
    );
    expect((await ledger.request('GET', '/v1/audit/checkpoint', { key: ledger.keys.dashboard })).status).toBe(403);
  });
});
