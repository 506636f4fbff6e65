import { type Command } from 'commander';
import { formatUsd, type Finding, type OrderView, type ProgramDashboard, type TraceStep } from '@ledger/domain';
import { idsOf, productionCatalog, type SourceEvent, sourceEvents, withSources } from '@ledger/ledger';
import { RecordingFacts } from '@ledger/projections';
import { CliError, type CliIo } from '../cli-io';
import { resolveDataDir, withStore } from '../data-dir';
import { foldLedger, parseAsOf } from '../ledger-facts';

interface Explained {
  /** Null when no rule set covers a funding request's funding year: its findings say so. */
  ruleSet: string | null;
  trace: TraceStep[];
  findings: Finding[];
}

interface FrnExplained extends Explained {
  status: string;
}

/** What `ledger explain` can explain, by the stream prefix of its argument (an FRN when it has none). */
interface Subject {
  model: string;
  noun: string;
  /** The first line of the text: what the figures are, as of which position. */
  headline: (root: string, position: number, view: Explained) => string;
  /** The JSON beside steps and findings. */
  summary: (view: Explained) => Record<string, unknown>;
}

const termsOf = (terms: { version: number; eventId: string; effectiveFrom: string } | null): string =>
  terms
    ? `terms version ${terms.version} (effective ${terms.effectiveFrom}, event ${terms.eventId})`
    : 'no terms in force';

const SUBJECTS: Record<'frn' | 'order' | 'program', Subject> = {
  frn: {
    model: 'funding-request',
    noun: 'funding request',
    headline: (root, position, view) =>
      `Funding request ${root} as of position ${position}: ${(view as FrnExplained).status}, ${view.ruleSet === null ? 'no rule set for its funding year' : `rule set ${view.ruleSet}`}`,
    summary: (view) => ({ ruleSet: view.ruleSet, status: (view as FrnExplained).status }),
  },
  order: {
    model: 'order',
    noun: 'placed order',
    headline: (root, position, view) => {
      const o = view as unknown as OrderView;
      return `Order ${root} as of position ${position}: state share earned ${formatUsd(o.earnedStateShare)} of ${formatUsd(o.stateShare)} (${o.earnedReason}), district share ${formatUsd(o.districtShare)}, under ${termsOf(o.terms)}, rule set ${o.ruleSet}`;
    },
    summary: (view) => {
      const o = view as unknown as OrderView;
      return {
        ruleSet: o.ruleSet,
        program: o.program,
        terms: o.terms && { version: o.terms.version, eventId: o.terms.eventId, effectiveFrom: o.terms.effectiveFrom },
        stateShare: o.stateShare,
        districtShare: o.districtShare,
        earnedStateShare: o.earnedStateShare,
        earnedReason: o.earnedReason,
      };
    },
  },
  program: {
    model: 'program-dashboard',
    noun: 'program',
    headline: (root, position, view) => {
      const p = view as unknown as ProgramDashboard;
      return `Program ${root} as of position ${position}: committed ${formatUsd(p.funds.committed)}, remaining ${formatUsd(p.funds.remaining)} of ${formatUsd(p.funds.total)}, rule set ${p.ruleSet}`;
    },
    summary: (view) => {
      const p = view as unknown as ProgramDashboard;
      return {
        ruleSet: p.ruleSet,
        funds: p.funds,
        terms: p.terms && { version: p.terms.version, eventId: p.terms.eventId, effectiveFrom: p.terms.effectiveFrom },
      };
    },
  },
};

const subjectOf = (arg: string): { subject: Subject; root: string; json: string } => {
  if (arg.startsWith('order-')) return { subject: SUBJECTS.order, root: arg, json: 'order' };
  if (arg.startsWith('program-')) return { subject: SUBJECTS.program, root: arg, json: 'program' };
  return { subject: SUBJECTS.frn, root: arg.startsWith('frn-') ? arg : `frn-${arg}`, json: 'frn' };
};

/**
 * Keys of counts (students, square feet, points, years, versions), which read as plain numbers even when they say
 * "total" or "eligible".
 */
const COUNT_KEY = /(students|nslp|(?<!dis)count|feet|points|year|version|position)/i;
/** Keys of amounts in cents. */
const MONEY_KEY =
  /(cost|amount|price|commitment|share|total|value|budget|deduction|discount|pays|cents|grants|eligible|funding|funds|tradeIns|option|request|remaining|committed|claimed|room)/i;

/** Amount-like values are cents; rates are basis points: show both the way a program officer reads them. */
export const showValue = (key: string, value: unknown): string => {
  if (typeof value !== 'number') return String(value);
  if (/BasisPoints$|Bp$|rate$/i.test(key)) return `${(value / 100).toFixed(2)}%`;
  if (/percent/i.test(key)) return `${value}%`;
  if (COUNT_KEY.test(key)) return String(value);
  if (MONEY_KEY.test(key)) return formatUsd(value);
  return String(value);
};

const showSources = (sources: SourceEvent[]): string =>
  sources.length === 0
    ? ''
    : `\n      events: ${sources.map((s) => `${s.type} ${s.stream}@${s.revision} (position ${s.position})`).join('; ')}`;

/** The decision trace as text an auditor can read aloud: each step, its rule and the events behind it. */
export function renderExplanation(
  root: string,
  position: number,
  view: FrnExplained,
  sources: ReadonlyMap<string, SourceEvent>,
  headline = SUBJECTS.frn.headline,
): string {
  const lines = [headline(root, position, view), ''];
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

/**
 * `ledger explain <frn | order-… | program-…>`: why a funding request's, an order's or a program's figures are what
 * they are.
 */
export function registerExplainCommand(program: Command, io: CliIo): void {
  program
    .command('explain')
    .description(
      "Explain a funding request, a state-program order's shares or a program's committed and remaining totals: each step, the rule and terms behind it and the events that fed it",
    )
    .argument('<subject>', 'funding request id (frn-<id> or <id>), order-<id> or program-<id>')
    .option('--as-of <positionOrInstant>', 'global position or ISO-8601 instant (default: now)')
    .option('--json', 'print the trace as JSON')
    .option('--data-dir <dir>', 'data directory holding events.sqlite')
    .action(async (arg: string, options: { asOf?: string; json?: boolean; dataDir?: string }) => {
      const { subject, root, json } = subjectOf(arg);
      const model = productionCatalog().readModel(subject.model);
      if (!model) throw new CliError(`This build has no ${subject.model} read model`);
      await withStore(resolveDataDir(options.dataDir, io), async (store) => {
        const { facts, position } = await foldLedger(store, parseAsOf(options.asOf));
        const recording = new RecordingFacts(facts);
        const view = model.render(root, recording) as Explained | undefined;
        if (!view) throw new CliError(`No ${subject.noun} ${root}${options.asOf ? ` as of ${options.asOf}` : ''}`);
        const sources = await sourceEvents(store, recording.touched, idsOf(view.trace, view.findings), position);
        if (options.json) {
          io.stdout.write(
            `${JSON.stringify({ [json]: root, position, ...subject.summary(view), steps: withSources(view.trace, sources), findings: withSources(view.findings, sources) }, null, 2)}\n`,
          );
          return;
        }
        io.stdout.write(renderExplanation(root, position, view as FrnExplained, sources, subject.headline));
      });
    });
}
