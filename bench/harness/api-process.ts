import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { KeyRegistry, type Role } from '@ledger/ledger';
import { startServer, type ServerProcess } from './server-process';
import { repoRoot } from './workspace';

/**
 * Settings the bench gives the real API. The rate limit is a per-key abuse guard (60,000/min by
 * default) that 64 clients sharing one key would hit within seconds; it is raised so the bench measures
 * the write path, not the limiter's 429s. Everything else, durability included, is the default.
 */
export const BENCH_API_ENV = { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000000', SQLITE_SYNCHRONOUS: 'FULL' };

/** Issues a key into the data directory's store before the API starts, as `ledger keys create` does. */
export async function issueKey(dataDir: string, role: Role): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite'), synchronous: 'FULL' });
  try {
    return (await new KeyRegistry(store, 0).issue(role, `bench ${role}`)).key;
  } finally {
    await store.close();
  }
}

/** What the bench calls the API in its figures: the server `npm start` runs. */
export const API_LABEL = 'ledger API (production server)';

/** The production server's entry point, as package.json names it ("main", what `npm start` runs). */
const apiEntryPoint = (): string =>
  join(repoRoot(), (JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { main: string }).main);

/** The production server over `dataDir`. */
export function startApi(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServer(apiEntryPoint(), [], { ...BENCH_API_ENV, ...env, DATA_DIR: dataDir, HOST: '127.0.0.1' });
}
