import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command } from 'commander';
import {
  AuditLog,
  auditLogFile,
  DEFAULT_SIGNING_KEY_FILE,
  verifyExportPackage,
  verifyLedger,
  type VerificationReport,
} from '@ledger/audit';
import { createPublicKey } from 'node:crypto';
import { storedEvents } from '@ledger/ledger';
import { CliError, type CliIo } from '../cli-io';
import { resolveDataDir, withStore } from '../data-dir';

export class VerificationFailed extends CliError {}

const publicKeyOf = (file: string): string => {
  const pem = readFileSync(file, 'utf8');
  return createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
};

function report(io: CliIo, what: string, result: VerificationReport): void {
  if (result.ok) {
    io.stdout.write(
      `OK: ${what} verified — ${result.eventsChecked} events, ${result.checkpointsChecked} checkpoint(s); hash chain, Merkle tree and signatures intact.\n`,
    );
    return;
  }
  io.stdout.write(
    `FAILED: ${what} — ${result.problemCount} problem(s); first bad position ${result.firstBadPosition ?? 'unknown'}.\n`,
  );
  for (const p of result.problems) io.stdout.write(`  position ${p.position ?? '-'}: ${p.kind}: ${p.message}\n`);
  throw new VerificationFailed(`verification failed at position ${result.firstBadPosition ?? 'unknown'}`);
}

/** `ledger verify`: recompute the chain, tree and signatures of a data directory or of an export package. */
export function registerVerifyCommand(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description('Recompute hash chain, Merkle tree and checkpoint signatures; name the first bad position')
    .option('--export <file>', 'verify an exported audit package offline (no server, no data directory)')
    .option('--public-key <pem>', 'trusted public (or private) key PEM the checkpoints must be signed by')
    .option('--data-dir <dir>', 'data directory holding events.sqlite and audit.sqlite')
    .action(async (options: { export?: string; publicKey?: string; dataDir?: string }) => {
      const trusted = options.publicKey ? publicKeyOf(options.publicKey) : undefined;
      if (options.export) {
        if (!existsSync(options.export)) throw new CliError(`No such file ${options.export}`);
        const result = await verifyExportPackage(options.export, trusted ? { trustedPublicKeyPem: trusted } : {});
        report(io, `export package ${options.export}`, result);
        return;
      }
      const dataDir = resolveDataDir(options.dataDir, io);
      if (!existsSync(join(dataDir, 'events.sqlite')))
        throw new CliError(`No ledger in ${dataDir} (events.sqlite is missing)`);
      const logFile = auditLogFile(dataDir);
      const keyFile = join(dataDir, DEFAULT_SIGNING_KEY_FILE);
      const publicKeyPem = trusted ?? (existsSync(keyFile) ? publicKeyOf(keyFile) : undefined);
      const log = existsSync(logFile) ? AuditLog.open({ file: logFile, readonly: true }) : undefined;
      if (!log)
        io.stderr.write(
          `note: ${logFile} is missing (the server never ran here); checking the event log's own order and revisions only\n`,
        );
      try {
        await withStore(dataDir, async (store) => {
          const result = await verifyLedger({
            events: storedEvents(store),
            ...(log ? { auditLog: log } : {}),
            ...(publicKeyPem ? { publicKeyPem } : {}),
            maxProblems: 20,
          });
          report(io, `ledger in ${dataDir}`, result);
        });
      } finally {
        log?.close();
      }
    });
}
