import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KeyRegistry, productionCatalog, type Role } from '@ledger/ledger';
import { validateConfig } from '../../apps/api/src/config/validate-config';
import { createApp } from '../../apps/api/src/create-app';

export interface TestLedger {
  app: NestFastifyApplication;
  dataDir: string;
  keys: Record<Role, string>;
  request(
    method: 'GET' | 'POST' | 'DELETE' | 'PUT',
    url: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any endpoint
  text: string;
}

/**
 * A real ledger app (embedded SQLite in a temp dir, or in `dataDir` which it then leaves in place) with one key per
 * role.
 */
export async function startTestLedger(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<TestLedger> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const config = validateConfig({ LOG_LEVEL: 'silent', CHECKPOINT_INTERVAL_MS: '200', ...env, DATA_DIR: dataDir });
  const app = await createApp({ config, catalog: productionCatalog() });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const registry = app.get(KeyRegistry);
  const keys = {} as Record<Role, string>;
  for (const role of ['integration', 'dashboard', 'auditor', 'admin'] as const)
    keys[role] = (await registry.issue(role, `test ${role}`)).key;

  const request: TestLedger['request'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = {
      ...(options.key ? { 'x-api-key': options.key } : {}),
      ...options.headers,
    };
    let payload: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    let body: unknown = undefined;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    return { status: response.statusCode, headers: response.headers, body, text: response.body };
  };

  return {
    app,
    dataDir,
    keys,
    request,
    close: async () => {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
