import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './workspace';

/**
 * Peer libraries live in their own npm project (bench/peer), never in the ledger's dependencies:
 * emmett-sqlite brings the `sqlite3` driver and a peer the registry lacks (hence --legacy-peer-deps).
 */
const peerDir = (): string => join(repoRoot(), 'bench', 'peer');

export const peerInstalled = (): boolean =>
  existsSync(join(peerDir(), 'node_modules', '@event-driven-io', 'emmett-sqlite'));

/**
 * Installs bench/peer from its lock file on first use (it compiles sqlite3, a minute or two; needs the npm registry).
 */
export function ensurePeerInstalled(): void {
  if (peerInstalled()) return;
  process.stdout.write('Installing the peer event store for the comparison (bench/peer, once)…\n');
  const outcome = spawnSync('npm', ['ci', '--legacy-peer-deps', '--no-audit', '--no-fund'], {
    cwd: peerDir(),
    stdio: 'inherit',
  });
  if (outcome.status !== 0) throw new Error('`npm ci --legacy-peer-deps` in bench/peer failed');
}

export function requirePeer(name: string): unknown {
  if (!existsSync(join(peerDir(), 'node_modules')))
    throw new Error('bench/peer is not installed: run `npm ci --legacy-peer-deps` in bench/peer');
  return createRequire(join(peerDir(), 'package.json'))(name);
}
