import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command } from 'commander';
import { AuditLog, auditLogFile, loadOrCreateSigningKey, type ExportScope } from '@ledger/audit';
import { productionCatalog, storedEvents, writeAuditPackage } from '@ledger/ledger';
import { type RecordedEvent } from '@ledger/event-store';
import { CliError, type CliIo } from '../cli-io';
import { resolveDataDir, withStore } from '../data-dir';
import { foldLedger, parseAsOf } from '../ledger-facts';

const SCOPES = ['all', 'applicant', 'program', 'frn'] as const;

interface ExportOptions {
  scope: string;
  id?: string;
  asOf?: string;
  out?: string;
  dataDir?: string;
}

function scopeOf(options: ExportOptions): ExportScope {
  if (options.scope === 'all') return { kind: 'all' };
  if (options.scope !== 'applicant' && options.scope !== 'program' && options.scope !== 'frn')
    throw new CliError(`--scope must be one of ${SCOPES.join(', ')}`);
  if (!options.id) throw new CliError(`--scope ${options.scope} needs --id <id>`);
  const prefix = `${options.scope}-`;
  return { kind: options.scope, id: options.id.startsWith(prefix) ? options.id.slice(prefix.length) : options.id };
}

/** `ledger export`: one file an auditor can take away and verify offline with `ledger verify --export`. */
export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      'Write an audit package: events with inclusion proofs, a signed checkpoint, read models as of a point, rule sets, manifest',
    )
    .requiredOption('--scope <scope>', SCOPES.join(' | '))
    .option('--id <id>', 'applicant, program or FRN id (with --scope applicant|program|frn)')
    .option('--as-of <positionOrInstant>', 'global position or ISO-8601 instant (default: now)')
    .option('--out <file>', 'package file to write (default: ./audit-<scope>[-<id>]-at-<position>.jsonl.gz)')
    .option('--data-dir <dir>', 'data directory holding events.sqlite and audit.sqlite')
    .action(async (options: ExportOptions) => {
      const scope = scopeOf(options);
      const asOf = parseAsOf(options.asOf);
      const dataDir = resolveDataDir(options.dataDir, io);
      if (!existsSync(join(dataDir, 'events.sqlite')))
        throw new CliError(`No ledger in ${dataDir} (events.sqlite is missing)`);
      const key = loadOrCreateSigningKey(dataDir, io.env.SIGNING_KEY_FILE || undefined);
      const log = AuditLog.open({ file: auditLogFile(dataDir), signingKey: key });
      try {
        await withStore(dataDir, async (store) => {
          // Bring the audit log up to the store's head (the server does this continuously when it runs).
          let batch: RecordedEvent[] = [];
          for await (const event of store.readAll({ fromPosition: log.head().lastPosition + 1 })) {
            batch.push(event);
            if (batch.length === 1000) {
              log.append(batch);
              batch = [];
            }
          }
          if (batch.length > 0) log.append(batch);
          const { facts, position } = await foldLedger(store, asOf);
          if (position === 0) throw new CliError('The ledger has no events at that point');
          const checkpoint = log.checkpoint();
          const out = resolve(
            options.out ?? `audit-${scope.kind}${scope.kind === 'all' ? '' : `-${scope.id}`}-at-${position}.jsonl.gz`,
          );
          const sources = {
            store,
            log,
            publicKeyPem: key.publicKeyPem,
            catalog: productionCatalog(),
            factsAsOf: () => Promise.resolve(facts),
            allEvents: () => storedEvents(store),
          };
          const summary = await writeAuditPackage(out, sources, scope, position, checkpoint);
          io.stdout.write(
            `Wrote ${summary.path}: ${summary.events} events as of position ${position}, signed checkpoint at tree size ${checkpoint.treeSize}, sha256 ${summary.sha256}\n`,
          );
        });
      } finally {
        log.close();
      }
    });
}
