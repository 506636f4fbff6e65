import 'reflect-metadata';
import { InvalidConfiguration, validateConfig } from './config/validate-config';
import { createApp } from './create-app';
import { productionCatalog } from '@ledger/ledger';
import { loadDemoOnFirstRun } from './demo/load-demo-on-first-run';
import { recordBuiltInRuleSetsOnStart } from './admin/record-rule-sets-on-start';

/** `--demo` is the documented shorthand for DEMO=true (npm start -- --demo). */
const flags = (argv: readonly string[]): Record<string, string> => (argv.includes('--demo') ? { DEMO: 'true' } : {});

async function main(): Promise<void> {
  const config = validateConfig({ ...process.env, ...flags(process.argv.slice(2)) });
  const app = await createApp({ config, catalog: productionCatalog() });
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  process.stdout.write(
    `Procurement Ledger listening on ${url} (store: ${config.EVENT_STORE}, data: ${config.DATA_DIR})\n  docs: ${url}/docs\n  dashboard: ${url}/dashboard\n`,
  );
  // The genesis records: built-in rule sets first, so the log shows them before any fact they judge.
  await recordBuiltInRuleSetsOnStart(app, config, (t) => process.stdout.write(t));
  // After listen: the projector runs, so the demo's URLs show data as soon as they are printed. It is loaded
  // through the write path, which only an API node has: a projector node writes nothing, as with the rule sets.
  if (config.DEMO && config.ROLE === 'api') await loadDemoOnFirstRun(app, config);
}

main().catch((error: unknown) => {
  if (error instanceof InvalidConfiguration) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Procurement Ledger failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
