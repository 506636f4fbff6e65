import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { benchDir } from './workspace';

/** A server under load in its own process, so its CPU and memory are its own. */
export interface ServerProcess {
  pid: number;
  baseUrl: string;
  /** Peak resident set so far (VmHWM from /proc), in bytes. */
  peakRssBytes(): number;
  stop(): Promise<void>;
}

/** A port free at the time of asking, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const profiling = (): boolean => process.env['BENCH_CPU_PROF'] === '1';

/** With BENCH_CPU_PROF=1, servers write a V8 CPU profile to <bench dir>/profiles when stopped. */
function nodeArgs(script: string): string[] {
  if (!profiling()) return [script];
  const name = `${basename(script, '.js')}-${Date.now()}.cpuprofile`;
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${join(benchDir(), 'profiles')}`,
    `--cpu-prof-name=${name}`,
    '--require',
    join(__dirname, 'exit-on-sigusr2.js'),
    script,
  ];
}

/** Starts `node script` with `env`, waits until `GET readyPath` answers, and returns its handle. */
export async function startServer(
  script: string,
  args: string[],
  env: Record<string, string>,
  readyPath = '/health',
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs(script), ...args], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(child, `${baseUrl}${readyPath}`, () => stderr);
  return {
    pid: child.pid!,
    baseUrl,
    peakRssBytes: () => peakRssOf(child.pid!),
    stop: () => stop(child),
  };
}

async function waitUntilReady(child: ChildProcess, url: string, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Server exited (${child.exitCode}) before it was ready: ${stderr()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`Server at ${url} was not ready within 60 s: ${stderr()}`);
}

/** VmHWM: the kernel's record of the process's peak resident set, so no sampling can miss a spike. */
export function peakRssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`No VmHWM for process ${pid}`);
  return Number(match[1]) * 1024;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(profiling() ? 'SIGUSR2' : 'SIGTERM');
  });
}
