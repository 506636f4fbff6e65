import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { adoptionOf, builtInErateRuleSets, ERATE_RULE_SET_STREAM } from '@ledger/domain';
import { type EventStore } from '@ledger/event-store';
import { demoStreams } from '@ledger/scenarios';
import { validateConfig } from '../config/validate-config';
import { createApp } from '../create-app';
import { loadDemoOnFirstRun } from '../demo/load-demo-on-first-run';
import { BUILT_IN_PRINCIPAL, productionCatalog } from '@ledger/ledger';
import { EVENT_STORE } from '../ledger/tokens';
import { recordBuiltInRuleSetsOnStart } from './record-rule-sets-on-start';

jest.setTimeout(60_000);

let dataDir: string;
let app: NestFastifyApplication | undefined;

async function start(env: Record<string, string> = {}) {
  const config = validateConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, PORT: '3998', ...env });
  app = await createApp({ config, catalog: productionCatalog() });
  await app.init();
  return { app, config, store: app.get<EventStore>(EVENT_STORE) };
}

async function stop(): Promise<void> {
  await app?.close();
  app = undefined;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ledger-rules-'));
});
afterEach(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('built-in rule sets are the genesis records', () => {
  it('the first start records each built-in once through the write path; a second start records nothing', async () => {
    const first = await start();
    expect(await first.store.streamRevision(ERATE_RULE_SET_STREAM)).toBeUndefined();
    expect(await recordBuiltInRuleSetsOnStart(first.app, first.config)).toEqual([
      'erate-fsa-2015',
      'erate-2025',
      'erate-2030',
    ]);
    const events = await first.store.readStream(ERATE_RULE_SET_STREAM);
    expect(
      events.map((e) => [e.revision, e.position, e.type, (e.data as { id: string }).id, e.metadata.actor]),
    ).toEqual([
      [0, 1, 'ErateRuleSetAdopted', 'erate-fsa-2015', BUILT_IN_PRINCIPAL.keyId],
      [1, 2, 'ErateRuleSetAdopted', 'erate-2025', BUILT_IN_PRINCIPAL.keyId],
      [2, 3, 'ErateRuleSetAdopted', 'erate-2030', BUILT_IN_PRINCIPAL.keyId],
    ]);
    const { adoptedOn } = events[2]!.data as { adoptedOn: string };
    expect(events[2]!.data).toEqual(adoptionOf(builtInErateRuleSets[2]!, adoptedOn));
    await stop();

    const second = await start();
    expect(await recordBuiltInRuleSetsOnStart(second.app, second.config)).toEqual([]);
    expect(await second.store.streamRevision(ERATE_RULE_SET_STREAM)).toBe(2);
    expect(await second.store.headPosition()).toBe(3);
  });

  it('a projector node records nothing', async () => {
    const node = await start({ ROLE: 'projector' });
    expect(await recordBuiltInRuleSetsOnStart(node.app, node.config)).toEqual([]);
    expect(await node.store.streamRevision(ERATE_RULE_SET_STREAM)).toBeUndefined();
  });

  it('the demo still loads on a store that holds only the built-in rule sets', async () => {
    const node = await start({ DEMO: 'true' });
    await recordBuiltInRuleSetsOnStart(node.app, node.config);
    const info = await loadDemoOnFirstRun(node.app, node.config, () => undefined);
    expect(info.loadedNow).toBe(true);
    expect(await node.store.streamRevision(demoStreams(1).texasProgram)).toBeGreaterThanOrEqual(0);
  });
});
