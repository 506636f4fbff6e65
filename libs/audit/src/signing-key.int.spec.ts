import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningKeyError } from './errors';
import { DEFAULT_SIGNING_KEY_FILE, keyIdOfPem, loadOrCreateSigningKey } from './signing-key';

describe('loadOrCreateSigningKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates an Ed25519 key on first start, saved as PEM with mode 0600, and loads the same key afterwards', () => {
    const created = loadOrCreateSigningKey(join(dir, 'data'));
    const file = join(dir, 'data', DEFAULT_SIGNING_KEY_FILE);
    expect(created.path).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(createPublicKey(created.publicKeyPem).asymmetricKeyType).toBe('ed25519');
    const again = loadOrCreateSigningKey(join(dir, 'data'));
    expect(again.publicKeyPem).toBe(created.publicKeyPem);
    expect(again.keyId).toBe(created.keyId);
  });

  it('derives the key id from the SHA-256 of the public key DER, 16 hex digits', () => {
    const key = loadOrCreateSigningKey(dir);
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOfPem(key.publicKeyPem)).toBe(key.keyId);
    expect(loadOrCreateSigningKey(join(dir, 'other')).keyId).not.toBe(key.keyId);
  });

  it('uses a configured key file and refuses a missing or non-Ed25519 one rather than inventing an identity', () => {
    const configured = join(dir, 'configured.pem');
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(configured, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    expect(loadOrCreateSigningKey(dir, configured).publicKeyPem).toBe(
      createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }),
    );
    expect(() => loadOrCreateSigningKey(dir, join(dir, 'absent.pem'))).toThrow(SigningKeyError);
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    expect(() => loadOrCreateSigningKey(dir, rsa)).toThrow('expected Ed25519');
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'not a key');
    expect(() => loadOrCreateSigningKey(dir, garbage)).toThrow('not a readable PEM private key');
  });
});
