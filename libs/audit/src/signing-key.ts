import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SigningKeyError } from './errors';

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** First 16 hex digits of SHA-256 over the public key's SPKI DER. */
  keyId: string;
  /** File the private key was read from or written to. */
  path: string;
}

export const DEFAULT_SIGNING_KEY_FILE = 'audit-signing-key.pem';

/**
 * The checkpoint signing key. A configured path must already hold a key: silently generating one there
 * would give the ledger a new identity nobody has pinned. Without one, the key lives in the data
 * directory, generated on first start and written (PKCS#8 PEM, mode 0600) atomically so a crash never
 * leaves half a key.
 */
export function loadOrCreateSigningKey(dataDir: string, configuredKeyPath?: string): SigningKey {
  if (configuredKeyPath !== undefined) {
    if (!existsSync(configuredKeyPath))
      throw new SigningKeyError(`Configured signing key ${configuredKeyPath} does not exist`);
    return readKey(configuredKeyPath);
  }
  const path = join(dataDir, DEFAULT_SIGNING_KEY_FILE);
  if (existsSync(path)) return readKey(path);
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, pem, { mode: 0o600, flag: 'wx' });
  chmodSync(partial, 0o600); // `mode` passes through the umask; the documented mode is exactly 0600
  renameSync(partial, path);
  return describe(privateKey, path);
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function keyIdOfPem(publicKeyPem: string): string {
  return keyIdOf(createPublicKey(publicKeyPem));
}

function readKey(path: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(path));
  } catch (error) {
    throw new SigningKeyError(`Signing key ${path} is not a readable PEM private key: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`Signing key ${path} is ${privateKey.asymmetricKeyType ?? 'unknown'}, expected Ed25519`);
  }
  return describe(privateKey, path);
}

function describe(privateKey: KeyObject, path: string): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    keyId: keyIdOf(publicKey),
    path,
  };
}
