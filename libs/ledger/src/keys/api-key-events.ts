import { type Role } from './roles';

/**
 * API keys are ledger facts like any other, kept in one internal stream, so every API node of a
 * cluster sees issuance and revocation. Only the secret's hash is recorded.
 */
export const API_KEYS_STREAM = 'ledger.apikeys';

export interface ApiKeyIssued {
  type: 'ApiKeyIssued';
  data: { keyId: string; role: Role; label: string; secretSha256: string; streamPrefix?: string };
}
export interface ApiKeyRevoked {
  type: 'ApiKeyRevoked';
  data: { keyId: string; reason: string };
}
export type ApiKeyEvent = ApiKeyIssued | ApiKeyRevoked;
