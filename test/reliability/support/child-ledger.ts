import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The built server (`npm test` builds before jest runs). */
export const SERVER_ENTRY = join(__dirname, '..', '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

/** A ledger server in its own process, on a data directory the test owns. */
export interface ChildLedger {
  baseUrl: string;
  pid: number;
  /** Everything the process wrote to stdout and stderr so far (pino logs are JSON lines on stdout). */
  output(): string;
  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  kill9(): Promise<void>;
  /** SIGTERM: the graceful shutdown path (in-flight appends finish, the store closes). */
  stop(): Promise<void>;
}

/** main.ts reports the configured port, so PORT=0 would be printed as 0: take a free port first. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

export async function startChildLedger(
  dataDir: string,
  env: Record<string, string> = {},
  startTimeoutMs = 30_000,
): Promise<ChildLedger> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: build first (npm run build)`);
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      CHECKPOINT_INTERVAL_MS: '200',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`the ledger did not start within ${startTimeoutMs} ms:\n${output}`)),
      startTimeoutMs,
    );
    const onData = (): void => {
      if (output.includes('listening on http://')) done();
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`the ledger exited with ${code} before listening:\n${output}`));
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    const done = (): void => (cleanup(), resolve());
    const fail = (error: Error): void => {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    output: () => output,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
