import { timingSafeEqual } from 'node:crypto';
import { type EventStore, type JsonObject, StreamNotFound } from '@ledger/event-store';
import { hashSecret, newApiKey, parseApiKey, secretMatches } from './api-key-format';
import { API_KEYS_STREAM, type ApiKeyEvent } from './api-key-events';
import { type Principal, type Role } from './roles';

interface KeyRecord extends Principal {
  secretSha256: string;
  revoked: boolean;
  /** The principal handed to requests, built once. */
  principal: Principal;
  /**
   * A secret already checked against the hash: later requests compare with it (timing-safe) instead of hashing again.
   */
  verified?: Buffer;
}

export interface IssuedKey extends Principal {
  key: string;
}

/**
 * The API keys recorded in the ledger, folded in memory. Catches up with the stream at most every
 * `refreshMs` (and whenever an unknown key id is presented), so a key issued or revoked by the CLI or
 * another node takes effect within that interval; changes made through this registry apply at once.
 */
export class KeyRegistry {
  private readonly keys = new Map<string, KeyRecord>();
  private revision = -1;
  private lastRefresh = 0;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly refreshMs = 250,
  ) {}

  async authenticate(presented: string): Promise<Principal | undefined> {
    const parsed = parseApiKey(presented);
    if (!parsed) return undefined;
    if (Date.now() - this.lastRefresh >= this.refreshMs || !this.keys.has(parsed.keyId)) await this.refresh();
    const record = this.keys.get(parsed.keyId);
    if (!record || record.revoked) return undefined;
    const secret = Buffer.from(parsed.secret);
    if (record.verified && secret.length === record.verified.length && timingSafeEqual(secret, record.verified))
      return record.principal;
    if (!secretMatches(parsed.secret, record.secretSha256)) return undefined;
    record.verified = secret;
    return record.principal;
  }

  async issue(role: Role, label: string, streamPrefix?: string): Promise<IssuedKey> {
    const { keyId, secret, key } = newApiKey();
    const data: JsonObject = {
      keyId,
      role,
      label,
      secretSha256: hashSecret(secret),
      ...(streamPrefix ? { streamPrefix } : {}),
    };
    await this.store.append(API_KEYS_STREAM, [{ type: 'ApiKeyIssued', data }]);
    await this.refresh();
    return { key, keyId, role, label, ...(streamPrefix ? { streamPrefix } : {}) };
  }

  async revoke(keyId: string, reason: string): Promise<boolean> {
    await this.refresh();
    const record = this.keys.get(keyId);
    if (!record || record.revoked) return false;
    await this.store.append(API_KEYS_STREAM, [{ type: 'ApiKeyRevoked', data: { keyId, reason } }]);
    await this.refresh();
    return true;
  }

  async list(): Promise<(Principal & { revoked: boolean })[]> {
    await this.refresh();
    return [...this.keys.values()].map(
      ({ secretSha256: _hidden, verified: _secret, principal: _principal, ...rest }) => rest,
    );
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.catchUp().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async catchUp(): Promise<void> {
    try {
      const events = await this.store.readStream(API_KEYS_STREAM, { fromRevision: this.revision + 1 });
      for (const event of events) {
        this.apply({ type: event.type, data: event.data } as unknown as ApiKeyEvent);
        this.revision = event.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
    this.lastRefresh = Date.now();
  }

  private apply(event: ApiKeyEvent): void {
    switch (event.type) {
      case 'ApiKeyIssued': {
        const { keyId, role, label, streamPrefix } = event.data;
        const principal: Principal = Object.freeze({ keyId, role, label, ...(streamPrefix ? { streamPrefix } : {}) });
        this.keys.set(keyId, { ...event.data, revoked: false, principal });
        return;
      }
      case 'ApiKeyRevoked': {
        const record = this.keys.get(event.data.keyId);
        if (record) record.revoked = true;
        return;
      }
      default: {
        const unknown: never = event;
        throw new Error(`Unknown API key event ${JSON.stringify(unknown)}`);
      }
    }
  }
}
