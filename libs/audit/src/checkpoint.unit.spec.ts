import { generateKeyPairSync } from 'node:crypto';
import { checkpointText, signCheckpoint, verifyCheckpoint } from './checkpoint';

const body = {
  treeSize: 7,
  lastPosition: 91,
  rootHash: 'a'.repeat(64),
  chainHash: 'b'.repeat(64),
  timestamp: '2026-03-04T05:06:07.000Z',
  keyId: '0123456789abcdef',
};

describe('checkpoint text and signature', () => {
  it('signs the documented seven-line text', () => {
    expect(checkpointText(body)).toBe(
      'procurement-ledger checkpoint v1\ntree-size 7\nlast-position 91\n' +
        `root-hash ${'a'.repeat(64)}\nchain-hash ${'b'.repeat(64)}\ntimestamp 2026-03-04T05:06:07.000Z\nkey-id 0123456789abcdef\n`,
    );
  });

  it('verifies only the signed values under the signing key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const signed = signCheckpoint(body, privateKey);
    expect(verifyCheckpoint(signed, pem)).toBe(true);
    for (const change of [
      { treeSize: 8 },
      { lastPosition: 90 },
      { rootHash: 'c'.repeat(64) },
      { chainHash: 'c'.repeat(64) },
      { timestamp: '2026-03-04T05:06:08.000Z' },
      { keyId: 'fedcba9876543210' },
    ]) {
      expect(verifyCheckpoint({ ...signed, ...change }, pem)).toBe(false);
    }
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(verifyCheckpoint(signed, other)).toBe(false);
    expect(verifyCheckpoint(signed, 'not a key')).toBe(false);
    expect(verifyCheckpoint({ ...signed, signature: '' }, pem)).toBe(false);
  });
});
