import { readFileSync } from 'node:fs';
import { type Command } from 'commander';
import { ERATE_RULE_SET_STREAM, renderRuleSets, type RuleSetView } from '@ledger/domain';
import { adoptRuleSet, type Principal, productionCatalog, recordBuiltInRuleSets, writePathFor } from '@ledger/ledger';
import { CliError, type CliIo } from '../cli-io';
import { resolveDataDir, withStore } from '../data-dir';
import { describeError } from '../describe-error';
import { foldLedger, parseAsOf } from '../ledger-facts';

/** The actor of an adoption from the CLI: whoever holds the data directory, as an administrator would. */
export const CLI_RULES_PRINCIPAL: Principal = {
  keyId: 'internal-cli-operator',
  role: 'admin',
  label: 'ledger rules adopt',
};

const yearsOf = (r: RuleSetView): string =>
  `FY${r.fundingYears.first}–${r.fundingYears.last === null ? 'open' : `FY${r.fundingYears.last}`}`;

function describe(r: RuleSetView): string {
  const state = r.inForce ? 'in force' : `superseded by ${r.supersededBy}`;
  const recorded = r.recorded
    ? `recorded at position ${r.recorded.position} (event ${r.recorded.eventId}, adopted ${r.recorded.adoptedOn})`
    : 'built in, not yet recorded';
  return [
    `${r.id}  ${yearsOf(r)}  ${state}${r.supersedes ? `, supersedes ${r.supersedes}` : ''}`,
    `  ${r.description}`,
    `  ${recorded}`,
    ...r.sources.map((s) => `  source: ${s}`),
    ...r.unconfirmed.map((u) => `  unconfirmed: ${u}`),
    '',
  ].join('\n');
}

/** `ledger rules list|adopt`: the E-Rate rule sets of a data directory, and adopting one without a release. */
export function registerRulesCommand(program: Command, io: CliIo): void {
  const rules = program
    .command('rules')
    .description('E-Rate rule sets: list them, or adopt a new one from a JSON file');
  rules
    .command('list')
    .description(
      'Every E-Rate rule set: funding years, whether in force, where it was recorded, its sources and unconfirmed figures',
    )
    .option('--as-of <positionOrInstant>', 'global position or ISO-8601 instant (default: now)')
    .option('--json', 'print the list as JSON')
    .option('--data-dir <dir>', 'data directory holding events.sqlite')
    .action(async (options: { asOf?: string; json?: boolean; dataDir?: string }) => {
      await withStore(resolveDataDir(options.dataDir, io), async (store) => {
        const { facts } = await foldLedger(store, parseAsOf(options.asOf));
        const view = renderRuleSets(ERATE_RULE_SET_STREAM, facts)!;
        io.stdout.write(
          options.json
            ? `${JSON.stringify(view, null, 2)}\n`
            : `E-Rate rule sets as of position ${view.position}:\n\n${view.ruleSets.map(describe).join('\n')}`,
        );
      });
    });
  rules
    .command('adopt')
    .description(
      'Adopt an E-Rate rule set (the body of POST /v1/admin/rule-sets) through the write path; built-ins are recorded first if missing',
    )
    .argument('<file>', 'JSON file with the adoption')
    .option('--data-dir <dir>', 'data directory holding events.sqlite')
    .action(async (file: string, options: { dataDir?: string }) => {
      let body: unknown;
      try {
        body = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new CliError(`cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      await withStore(resolveDataDir(options.dataDir, io), async (store) => {
        const writePath = writePathFor(store, productionCatalog());
        try {
          await recordBuiltInRuleSets(writePath, store);
          const adopted = await adoptRuleSet(writePath, CLI_RULES_PRINCIPAL, body);
          io.stdout.write(
            `Adopted ${adopted.ruleSet} on ${adopted.stream} at position ${adopted.position} (event ${adopted.eventId}).\n`,
          );
        } catch (error) {
          const failure = describeError(error);
          const code = failure.code === undefined ? '' : ` [${failure.code}]`;
          const fields = failure.fieldErrors.map((e) => `\n  ${e.field}: ${e.message}`).join('');
          throw new CliError(`rule set not adopted${code}: ${failure.detail}${fields}`);
        }
      });
    });
}
