import { timingSafeEqual } from 'node:crypto';
import { hashSecret, newApiKey, secretMatches } from '@ledger/ledger';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const compared = timingSafeEqual as jest.MockedFunction<typeof timingSafeEqual>;

describe('API key secret comparison', () => {
  beforeEach(() => compared.mockClear());

  it('compares the SHA-256 digests with crypto.timingSafeEqual (never ===), both 32 bytes', () => {
    const { secret } = newApiKey();
    const stored = hashSecret(secret);
    const other = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(secretMatches(secret, stored)).toBe(true);
    expect(secretMatches(other, stored)).toBe(false);
    expect(compared).toHaveBeenCalledTimes(2);
    for (const [a, b] of compared.mock.calls) expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
  });

  it('refuses a stored hash of another length or a non-hex one without throwing', () => {
    const { secret } = newApiKey();
    const stored = hashSecret(secret);
    for (const bad of [stored.slice(0, 62), `${stored}00`, '', 'not hex at all'])
      expect(secretMatches(secret, bad)).toBe(false);
  });
});
