import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore } from '@ledger/event-store';
import { ERATE_RULE_SET_STREAM } from '@ledger/domain';
import { demoStreams, streamIdOf } from '@ledger/scenarios';
import { type KeyRegistry } from '../keys/key-registry';
import { ROLES, type Role } from '../keys/roles';
import { type AppendService } from '../write-path/append.service';
import { seedScenario } from './seed-scenario';

/** The demo always uses seed 1 at scale 1, so the walkthrough's ids are the ones a user sees. */
export const DEMO_RUN = { seed: 1, scale: 1 } as const;
export const DEMO_KEYS_FILE = 'demo-keys.json';

export interface DemoKeysFile {
  scenario: 'demo';
  seed: number;
  keys: Record<Role, { keyId: string; key: string }>;
}

export interface DemoInfo {
  /**
   * True when this start loaded the demo (the first one); false when it was already there or the store holds other
   * data.
   */
  loadedNow: boolean;
  /** Undefined when the store already held other data, so no demo was loaded. */
  keys?: DemoKeysFile['keys'];
  dashboardPath: string;
}

/** The parts of a running ledger the demo is loaded through. */
export interface DemoLedger {
  store: EventStore;
  appends: Pick<AppendService, 'append'>;
  keys: Pick<KeyRegistry, 'issue'>;
}

function readKeys(file: string): DemoKeysFile | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as DemoKeysFile;
}

function writeKeys(file: string, keys: DemoKeysFile): void {
  // Created 0600 and chmod-ed again in case the file existed with wider rights: it holds admin secrets.
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** A store whose log holds nothing but the rule sets every start records is as good as empty. */
async function holdsOnlyBuiltInRuleSets(store: EventStore): Promise<boolean> {
  for await (const event of store.readAll()) if (event.stream !== ERATE_RULE_SET_STREAM) return false;
  return true;
}

/**
 * DEMO=true (`npm start -- --demo`): on the first start with an empty store, loads the `demo`
 * scenario through the write path, issues one API key per role and keeps them in
 * `<dataDir>/demo-keys.json` (mode 0600); on every demo start prints the dashboard URL (under `url`)
 * and the keys. A first start that was interrupted (demo data but no keys file) is completed: seeding
 * is idempotent. A store holding other data is left alone.
 */
export async function loadDemoOnFirstRun(
  ledger: DemoLedger,
  dataDir: string,
  url: string,
  print: (text: string) => void,
): Promise<DemoInfo> {
  const { store } = ledger;
  const streams = demoStreams(DEMO_RUN.seed);
  const dashboardPath = `/dashboard?program=${streamIdOf(streams.texasProgram)}`;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DEMO_KEYS_FILE);
  let saved = readKeys(file);
  let loadedNow = false;

  if (!saved) {
    const empty = await holdsOnlyBuiltInRuleSets(store);
    const interrupted = (await store.streamRevision(streams.texasProgram)) !== undefined;
    if (!empty && !interrupted) {
      print(
        `DEMO: ${dataDir} already holds ledger data, so the demo was not loaded. Use an empty DATA_DIR, or issue keys with \`npm run ledger -- keys create\`.\n`,
      );
      return { loadedNow: false, dashboardPath };
    }
    const summary = await seedScenario(ledger.appends, 'demo', DEMO_RUN);
    const keys = {} as DemoKeysFile['keys'];
    for (const role of ROLES) {
      const issued = await ledger.keys.issue(role, `Demo ${role} key`);
      keys[role] = { keyId: issued.keyId, key: issued.key };
    }
    saved = { scenario: 'demo', seed: DEMO_RUN.seed, keys };
    writeKeys(file, saved);
    loadedNow = true;
    print(
      `DEMO: loaded the demo scenario (${summary.events} events) and issued one key per role; they are kept in ${file}.\n`,
    );
  }

  print(
    [
      `DEMO dashboard: ${url}${dashboardPath}`,
      `     Mississippi: ${url}/dashboard?program=${streamIdOf(streams.mississippiProgram)}`,
      `     funding request explained: ${url}/v1/funding-requests/${streamIdOf(streams.cleanFundingRequest)}/explain`,
      'DEMO keys (send as X-Api-Key):',
      ...ROLES.map((role) => `  ${role.padEnd(11)} ${saved.keys[role].key}`),
      '',
    ].join('\n'),
  );
  return { loadedNow, keys: saved.keys, dashboardPath };
}
