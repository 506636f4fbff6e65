import { InMemoryEventStore } from '@ledger/event-store';
import { KeyRegistry } from './key-registry';

describe('KeyRegistry.authenticate', () => {
  let store: InMemoryEventStore;
  let registry: KeyRegistry;
  beforeEach(() => {
    store = new InMemoryEventStore();
    registry = new KeyRegistry(store, 60_000);
  });
  afterEach(async () => store.close());

  const withSecret = (key: string, secret: string): string => `${key.slice(0, key.lastIndexOf('_') + 1)}${secret}`;

  it('keeps checking the secret after the right one was accepted: a wrong secret for the same key id is refused every time', async () => {
    const { key, keyId } = await registry.issue('integration', 'feed', 'order-acme-');
    expect(await registry.authenticate(key)).toEqual({
      keyId,
      role: 'integration',
      label: 'feed',
      streamPrefix: 'order-acme-',
    });
    expect(await registry.authenticate(key)).toEqual({
      keyId,
      role: 'integration',
      label: 'feed',
      streamPrefix: 'order-acme-',
    });
    const secret = key.slice(key.lastIndexOf('_') + 1);
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await registry.authenticate(withSecret(key, flipped))).toBeUndefined();
    expect(await registry.authenticate(withSecret(key, flipped))).toBeUndefined();
    expect(await registry.authenticate(key)).toMatchObject({ keyId });
  });

  it('refuses a revoked key at once, though its secret was accepted before', async () => {
    const { key, keyId } = await registry.issue('dashboard', 'wall screen');
    expect(await registry.authenticate(key)).toMatchObject({ keyId, role: 'dashboard' });
    expect(await registry.revoke(keyId, 'screen stolen')).toBe(true);
    expect(await registry.authenticate(key)).toBeUndefined();
  });

  it('lists keys without their secrets or anything derived from them', async () => {
    const { key } = await registry.issue('auditor', 'auditor');
    await registry.authenticate(key);
    const listed = await registry.list();
    expect(listed).toEqual([{ keyId: expect.any(String), role: 'auditor', label: 'auditor', revoked: false }]);
    expect(JSON.stringify(listed)).not.toContain(key.slice(key.lastIndexOf('_') + 1));
  });
});
