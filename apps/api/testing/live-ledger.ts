import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type EventStore } from '@ledger/event-store';
import { KeyRegistry, productionCatalog, type Role } from '@ledger/ledger';
import { validateConfig } from '../src/config/validate-config';
import { createApp } from '../src/create-app';
import { EVENT_STORE } from '../src/ledger/tokens';

/** A real ledger app listening on an ephemeral loopback port, with one key per role. */
export interface LiveLedger {
  app: NestFastifyApplication;
  baseUrl: string;
  keys: Record<Role, string>;
  store: EventStore;
  close(): Promise<void>;
}

export async function startLiveLedger(env: Record<string, string> = {}): Promise<LiveLedger> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-live-'));
  const config = validateConfig({ LOG_LEVEL: 'silent', CHECKPOINT_INTERVAL_MS: '200', ...env, DATA_DIR: dataDir });
  const app = await createApp({ config, catalog: productionCatalog() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string')
    throw new Error('The test ledger is not listening on a TCP port');
  const registry = app.get(KeyRegistry);
  const keys = {} as Record<Role, string>;
  for (const role of ['integration', 'dashboard', 'auditor', 'admin'] as const)
    keys[role] = (await registry.issue(role, `live test ${role}`)).key;
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    keys,
    store: app.get<EventStore>(EVENT_STORE),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
