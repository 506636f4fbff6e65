import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');

const freePort = (): Promise<number> =>
  new Promise((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => ok(port));
    });
  });

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the built server; resolves when it exits, or after `stopAfter` resolves (then SIGTERM). */
function runServer(env: Record<string, string>, stopAfter?: (stdout: () => string) => Promise<void>): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      done({ code, signal, stdout, stderr });
    });
    if (stopAfter) void stopAfter(() => stdout).finally(() => child.kill('SIGTERM'));
  });
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('start-up of the built server', () => {
  const dirs: string[] = [];
  const tmp = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-start-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('serves /health 200 within seconds on a fresh data directory, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = join(tmp(), 'data');
    let health: { status: number; body: { info?: { store?: { status: string } } } } | undefined;
    const run = await runServer({ PORT: String(port), DATA_DIR: dataDir }, async (stdout) => {
      const started = Date.now();
      while (!stdout().includes('listening on') && Date.now() - started < 20_000)
        await new Promise((r) => setTimeout(r, 50));
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      health = { status: res.status, body: (await res.json()) as { info?: { store?: { status: string } } } };
    });
    expect(health?.status).toBe(200);
    expect(health?.body.info?.store?.status).toBe('up');
    // Nest closes the app (stop accepting, finish in-flight, close the store), then re-raises SIGTERM.
    expect(run.signal).toBe('SIGTERM');
    expect(run.stderr).toBe('');
    expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);
  });

  it('refuses a corrupt event store file with a clear message and leaves it untouched', async () => {
    const dataDir = tmp();
    const file = join(dataDir, 'events.sqlite');
    writeFileSync(file, Buffer.from('this is not a ledger, just some bytes that happen to be here'.repeat(100)));
    const before = sha(file);
    const run = await runServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/failed to start/);
    expect(run.stderr).toContain('events.sqlite');
    expect(sha(file)).toBe(before);
  });

  it('refuses a data directory it cannot create, naming it', async () => {
    const blocker = join(tmp(), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const run = await runServer({ PORT: String(await freePort()), DATA_DIR: join(blocker, 'data') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(join(blocker, 'data'));
  });

  it('stops on a bad setting with a message naming it', async () => {
    const run = await runServer({ PORT: 'eighty', DATA_DIR: tmp() });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^Invalid configuration: PORT="eighty"/);
  });
});
