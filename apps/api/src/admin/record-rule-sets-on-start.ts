import { type INestApplicationContext } from '@nestjs/common';
import { type EventStore } from '@ledger/event-store';
import { type AppConfig } from '../config/app-config';
import { AppendService, recordBuiltInRuleSets } from '@ledger/ledger';
import { EVENT_STORE } from '../ledger/tokens';

/**
 * On an API node's start, records the built-in rule sets not yet in the log (the first start records
 * all three; later starts nothing). A projector node writes nothing.
 */
export async function recordBuiltInRuleSetsOnStart(
  app: INestApplicationContext,
  config: AppConfig,
  print: (text: string) => void = () => undefined,
): Promise<string[]> {
  if (config.ROLE === 'projector') return [];
  const recorded = await recordBuiltInRuleSets(app.get(AppendService), app.get<EventStore>(EVENT_STORE));
  if (recorded.length > 0) print(`Recorded the built-in E-Rate rule sets ${recorded.join(', ')} on ruleset-erate.\n`);
  return recorded;
}
