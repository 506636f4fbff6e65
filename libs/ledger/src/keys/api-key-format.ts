import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keys look like `pl_<keyId>_<secret>`: the id finds the record, the secret is checked against its
 * SHA-256 (secrets are 256 random bits, so a plain hash is enough; only the hash is stored).
 */
const KEY_PATTERN = /^pl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface ParsedKey {
  keyId: string;
  secret: string;
}

export const parseApiKey = (presented: string): ParsedKey | undefined => {
  const match = KEY_PATTERN.exec(presented);
  return match ? { keyId: match[1] ?? '', secret: match[2] ?? '' } : undefined;
};

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const secretMatches = (secret: string, storedHashHex: string): boolean => {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHashHex, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
};

export function newApiKey(): { keyId: string; secret: string; key: string } {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, key: `pl_${keyId}_${secret}` };
}
