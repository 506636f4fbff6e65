import { type INestApplicationContext } from '@nestjs/common';
import { type EventStore } from '@ledger/event-store';
import { AppendService, KeyRegistry, loadDemoOnFirstRun as loadDemo, type DemoInfo } from '@ledger/ledger';
import { type AppConfig } from '../config/app-config';
import { EVENT_STORE } from '../ledger/tokens';

const baseUrl = (config: AppConfig): string =>
  `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;

/**
 * DEMO=true (`npm start -- --demo`): loads the demo through this app's store, write path and keys, under DATA_DIR
 * (libs/ledger, seeding).
 */
export async function loadDemoOnFirstRun(
  app: INestApplicationContext,
  config: AppConfig,
  print: (text: string) => void = (t) => process.stdout.write(t),
): Promise<DemoInfo> {
  const ledger = {
    store: app.get<EventStore>(EVENT_STORE),
    appends: app.get(AppendService),
    keys: app.get(KeyRegistry),
  };
  return loadDemo(ledger, config.DATA_DIR, baseUrl(config), print);
}
