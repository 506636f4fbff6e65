import {
  writeExportPackage,
  type AuditableEvent,
  type AuditLog,
  type ExportPackageSummary,
  type ExportScope,
  type SignedCheckpoint,
} from '@ledger/audit';
import {
  ERATE_RULE_SET_STREAM,
  ledgerRuleSetsAsOf,
  ruleSetsReadModel,
  type FactsLookup,
  type ReadModel,
} from '@ledger/domain';
import { StreamNotFound, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { type LedgerCatalog } from '../catalog/ledger-catalog';
import { RecordingFacts } from '@ledger/projections';

/** The read models that describe each kind of export subject. */
const MODELS_BY_SCOPE: Record<Exclude<ExportScope['kind'], 'all'>, { prefix: string; models: string[] }> = {
  applicant: { prefix: 'applicant', models: ['compliance'] },
  program: { prefix: 'program', models: ['program-dashboard', 'program-compliance'] },
  frn: { prefix: 'frn', models: ['funding-request', 'asset-register', 'frn-compliance'] },
};

export interface AuditPackageSources {
  store: EventStore;
  log: AuditLog;
  publicKeyPem: string;
  catalog: LedgerCatalog;
  /** Stream states as of the export's position, for rendering one model at one root. */
  factsAsOf: (model: ReadModel<unknown>, rootStream: string) => Promise<FactsLookup>;
  /** Every stored event up to the position (raw rows on the embedded store), for scope "all". */
  allEvents: () => AsyncIterable<AuditableEvent>;
}

/** Rule-set ids named anywhere in the rendered models (figures and findings carry them). */
function ruleSetIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) ruleSetIds(v, into);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'ruleSet' && typeof v === 'string') into.add(v);
      else ruleSetIds(v, into);
    }
  return into;
}

async function* upTo(events: AsyncIterable<AuditableEvent>, position: number): AsyncGenerator<AuditableEvent> {
  for await (const e of events) {
    if (e.position > position) return;
    yield e;
  }
}

async function streamEvents(store: EventStore, streams: Iterable<string>, position: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (const stream of streams) {
    try {
      events.push(...(await store.readStream(stream)).filter((e) => e.position <= position));
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
  }
  return events.sort((a, b) => a.position - b.position);
}

/**
 * Writes an audit package (libs/audit export format) for one applicant, program or FRN, or for the
 * whole ledger, as of a position covered by a signed checkpoint: the events behind the subject's read
 * models with inclusion proofs, the models as they stood then, and the rule sets they were computed by.
 * A subject's events are those its read models read, so the package holds what an auditor needs to
 * recompute every figure in it.
 */
export async function writeAuditPackage(
  path: string,
  sources: AuditPackageSources,
  scope: ExportScope,
  asOfPosition: number,
  checkpoint: SignedCheckpoint,
): Promise<ExportPackageSummary> {
  // A whole-ledger package carries every event and every rule set; its read models are rebuilt from them.
  const roots: { model: string; root: string }[] =
    scope.kind === 'all'
      ? []
      : MODELS_BY_SCOPE[scope.kind].models.map((model) => ({
          model,
          root: `${MODELS_BY_SCOPE[scope.kind].prefix}-${scope.id}`,
        }));
  const readModels: Record<string, unknown> = {};
  const touched = new Set<string>();
  for (const { model, root } of roots) {
    const readModel = sources.catalog.readModel(model);
    if (!readModel) continue;
    const facts = new RecordingFacts(await sources.factsAsOf(readModel, root));
    const body = readModel.render(root, facts);
    for (const s of facts.touched) touched.add(s);
    if (body !== undefined) readModels[`${model}/${root}`] = body;
  }
  const referenced = ruleSetIds(readModels);
  // The rule sets as of the export's position: built in, and adopted on the rule-set stream by then.
  const known = ledgerRuleSetsAsOf(await sources.factsAsOf(ruleSetsReadModel, ERATE_RULE_SET_STREAM));
  const ruleSets = scope.kind === 'all' ? known : known.filter((r) => referenced.has(r.id));
  const events =
    scope.kind === 'all'
      ? upTo(sources.allEvents(), asOfPosition)
      : await streamEvents(sources.store, touched, asOfPosition);
  return writeExportPackage(path, {
    events,
    auditLog: sources.log,
    checkpoint,
    publicKeyPem: sources.publicKeyPem,
    readModels,
    ruleSets,
    scope,
    asOfPosition,
  });
}
