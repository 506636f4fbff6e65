/** What each kind of caller may do (docs/architecture.md, "Who uses it"). */
export const ROLES = ['integration', 'dashboard', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  keyId: string;
  role: Role;
  label: string;
  /** Integration keys may be limited to streams starting with this prefix (a vendor writes only its own). */
  streamPrefix?: string;
}
