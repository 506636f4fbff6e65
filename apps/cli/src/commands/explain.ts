import { type Command } from 'commander';
import { formatUsd, type Finding, type TraceStep } from '@ledger/domain';
import { productionCatalog } from '../../../api/src/ledger/production-catalog';
import { idsOf, sourceEvents, withSources, type SourceEvent } from '../../../api/src/read/explain';
import { RecordingFacts } from '../../../api/src/read/recording-facts';
import { CliError, type CliIo } from '../cli-io';
import { resolveDataDir, withStore } from '../data-dir';
import { foldLedger, parseAsOf } from '../ledger-facts';

interface FrnExplained {
  status: string;
  /** Null when no rule set covers the request's funding year: its findings say so. */
  ruleSet: string | null;
  trace: TraceStep[];
  findings: Finding[];
}

/** Amount-like values are cents; rates are basis points: show both the way a program officer reads them. */
const showValue = (key: string, value: unknown): string => {
  if (typeof value !== 'number') return String(value);
  if (/BasisPoints$|Bp$|rate$/i.test(key)) return `${(value / 100).toFixed(2)}%`;
  if (/percent/i.test(key)) return `${value}%`;
  if (/(cost|amount|price|commitment|share|total|value|budget|deduction|pays|cents|grants|eligible)/i.test(key)) return formatUsd(value);
  return String(value);
};

const showSources = (sources: SourceEvent[]): string =>
  sources.length === 0 ? '' : `\n      events: ${sources.map((s) => `${s.type} ${s.stream}@${s.revision} (position ${s.position})`).join('; ')}`;

/** The decision trace as text an auditor can read aloud: each step, its rule and the events behind it. */
export function renderExplanation(root: string, position: number, view: FrnExplained, sources: ReadonlyMap<string, SourceEvent>): string {
  const lines = [`Funding request ${root} as of position ${position}: ${view.status}, ${view.ruleSet === null ? 'no rule set for its funding year' : `rule set ${view.ruleSet}`}`, ''];
  withSources(view.trace, sources).forEach((step, i) => {
    const rule = step.ruleId ? ` [${step.ruleId}${step.ruleSet ? ` · ${step.ruleSet}` : ''}]` : '';
    lines.push(`  ${String(i + 1).padStart(2)}. ${step.step}${rule}`);
    lines.push(`      ${step.explanation}`);
    const values = Object.entries(step.values).map(([k, v]) => `${k} ${showValue(k, v)}`);
    if (values.length > 0) lines.push(`      ${values.join(', ')}`);
    if (step.citation) lines.push(`      source: ${step.citation}`);
    const shown = showSources(step.sources);
    if (shown) lines.push(shown.slice(1));
  });
  lines.push('', view.findings.length === 0 ? 'Findings: none' : 'Findings:');
  for (const finding of withSources(view.findings, sources)) {
    lines.push(`  - ${finding.severity.toUpperCase()} ${finding.ruleId} (${finding.ruleSet}): ${finding.message}`);
    lines.push(`      source: ${finding.citation}${showSources(finding.sources)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `ledger explain <frn>`: why a funding request's figures are what they are. */
export function registerExplainCommand(program: Command, io: CliIo): void {
  program
    .command('explain')
    .description('Explain a funding request: each step of the computation, the rule behind it and the events that fed it')
    .argument('<frn>', 'funding request id (frn-<id> or <id>)')
    .option('--as-of <positionOrInstant>', 'global position or ISO-8601 instant (default: now)')
    .option('--json', 'print the trace as JSON')
    .option('--data-dir <dir>', 'data directory holding events.sqlite')
    .action(async (frn: string, options: { asOf?: string; json?: boolean; dataDir?: string }) => {
      const root = frn.startsWith('frn-') ? frn : `frn-${frn}`;
      const model = productionCatalog().readModel('funding-request');
      if (!model) throw new CliError('This build has no funding-request read model');
      await withStore(resolveDataDir(options.dataDir, io), async (store) => {
        const { facts, position } = await foldLedger(store, parseAsOf(options.asOf));
        const recording = new RecordingFacts(facts);
        const view = model.render(root, recording) as FrnExplained | undefined;
        if (!view) throw new CliError(`No funding request ${root}${options.asOf ? ` as of ${options.asOf}` : ''}`);
        const sources = await sourceEvents(store, recording.touched, idsOf(view.trace, view.findings), position);
        if (options.json) {
          io.stdout.write(`${JSON.stringify({ frn: root, position, ruleSet: view.ruleSet, status: view.status, steps: withSources(view.trace, sources), findings: withSources(view.findings, sources) }, null, 2)}\n`);
          return;
        }
        io.stdout.write(renderExplanation(root, position, view, sources));
      });
    });
}
