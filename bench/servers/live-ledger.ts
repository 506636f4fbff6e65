import { startLiveLedger } from '../../apps/api/src/live/testing/live-ledger';

/**
 * The ledger with its live (SSE) routes, as the API's own live specs start it: createApp's app once
 * AppModule mounts the live controllers, until then AppModule plus those controllers. Prints its URL
 * and keys as one JSON line, serves until SIGTERM.
 */
async function main(): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const ledger = await startLiveLedger(env);
  process.stdout.write(`${JSON.stringify({ baseUrl: ledger.baseUrl, keys: ledger.keys })}\n`);
  process.once('SIGTERM', () => {
    ledger.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
