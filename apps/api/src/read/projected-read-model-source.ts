import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { concat, defer, EMPTY, filter, map, of, share, type Observable } from 'rxjs';
import { type ReadModel } from '@ledger/domain';
import { type EventStore } from '@ledger/event-store';
import {
  AsOfBeyondProjection,
  InvalidAsOf,
  Projector,
  ReadModels,
  RecordingFacts,
  renderAsOf,
  resolveAsOf,
  StreamStopped,
  type AsOf,
} from '@ledger/projections';
import { badRequest, notFound } from '../http/problem';
import { LedgerCatalog } from '@ledger/ledger';
import { EVENT_STORE } from '../ledger/tokens';
import { ReadModelSource, type LedgerChange, type RenderedModel } from './read-model-source';

/** How long a read waits for the projector to reach a position it was asked about. */
const CATCH_UP_WAIT_MS = 5_000;

const etagOf = (body: unknown): string =>
  `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;

const parseAsOf = (raw: string): AsOf => {
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  if (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) &&
    !Number.isNaN(Date.parse(raw))
  )
    return raw;
  throw badRequest('asOf must be a global position (an integer) or an ISO-8601 instant with a time zone.', [
    { field: 'asOf', message: 'must be a position or an ISO-8601 instant' },
  ]);
};

/** Read models rendered over the projector's store, or as of a past point from the event store. */
@Injectable()
export class ProjectedReadModelSource extends ReadModelSource {
  private readonly watched = new Map<string, Observable<RenderedModel>>();
  readonly changes$: Observable<LedgerChange>;

  constructor(
    @Inject(ReadModels) private readonly models: ReadModels,
    @Inject(Projector) private readonly projector: Projector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LedgerCatalog) private readonly catalog: LedgerCatalog,
  ) {
    super();
    this.changes$ = models.changes$.pipe(
      map((c) => ({ position: c.position, streams: [...c.streams, ...c.linkedTo] })),
    );
  }

  readModelOf(name: string): ReadModel<unknown> {
    const model = this.catalog.readModel(name);
    if (!model) throw notFound(`No read model ${name}.`);
    return model;
  }

  /**
   * Resolves once the projector has folded `position`: as-of folds need the live store to name the streams they read.
   */
  caughtUpTo(position: number): Promise<void> {
    return this.projector.waitFor(position, { timeoutMs: CATCH_UP_WAIT_MS });
  }

  async render(
    model: string,
    rootStream: string,
    options: { asOf?: string; minPosition?: number } = {},
  ): Promise<RenderedModel | undefined> {
    const readModel = this.readModelOf(model);
    if (options.minPosition !== undefined) await this.caughtUpTo(options.minPosition);
    if (options.asOf !== undefined) return this.renderAsOf(readModel, rootStream, parseAsOf(options.asOf));
    return this.renderLive(readModel, rootStream).rendered;
  }

  /** The streams a live render read, for explain (positions of source events) and for watch. */
  renderLive(
    readModel: ReadModel<unknown>,
    rootStream: string,
  ): { rendered: RenderedModel | undefined; touched: Set<string> } {
    const facts = new RecordingFacts(this.models);
    const position = this.models.position;
    const body = readModel.render(rootStream, facts);
    // A stream stopped at a malformed event holds a state from before it: serving figures built on it would mislead.
    for (const stream of facts.touched) {
      const stop = this.models.stopped(stream);
      if (stop) throw new StreamStopped(stop.stream, stop.position, stop.eventType, stop.reason);
    }
    const rendered =
      body === undefined ? undefined : { model: readModel.name, rootStream, position, etag: etagOf(body), body };
    return { rendered, touched: facts.touched };
  }

  private async renderAsOf(
    readModel: ReadModel<unknown>,
    rootStream: string,
    asOf: AsOf,
  ): Promise<RenderedModel | undefined> {
    try {
      const head = await this.store.headPosition();
      if (typeof asOf === 'number' && asOf > head)
        throw badRequest(`asOf ${asOf} is beyond the newest position ${head}.`, [
          { field: 'asOf', message: `must be at most ${head}` },
        ]);
      // An instant is translated with the projected event times: everything recorded so far must be projected first.
      await this.projector.waitFor(typeof asOf === 'number' ? asOf : head, { timeoutMs: CATCH_UP_WAIT_MS });
      const { model, position } = await renderAsOf(readModel, rootStream, asOf, {
        eventStore: this.store,
        live: this.models,
      });
      return model === undefined
        ? undefined
        : { model: readModel.name, rootStream, position, etag: etagOf(model), body: model };
    } catch (error) {
      if (error instanceof InvalidAsOf || error instanceof AsOfBeyondProjection)
        throw badRequest(error.message, [{ field: 'asOf', message: error.message }]);
      throw error;
    }
  }

  /** The position a timestamp or position asOf resolves to (for explain's event positions). */
  resolve(asOf: string): number {
    return resolveAsOf(this.models, parseAsOf(asOf));
  }

  watch(model: string, rootStream: string): Observable<RenderedModel> {
    const key = `${model}\n${rootStream}`;
    const existing = this.watched.get(key);
    if (existing)
      return concat(
        defer(() => this.current(model, rootStream)),
        existing,
      );
    const readModel = this.readModelOf(model);
    let touched = new Set<string>([rootStream]);
    let lastEtag: string | undefined;
    const updates = this.models.changes$.pipe(
      filter((c) => c.rebuilt || [...c.streams, ...c.linkedTo].some((s) => touched.has(s))),
      map(() => {
        const { rendered, touched: now } = this.renderOwn(readModel, rootStream);
        touched = now;
        return rendered;
      }),
      filter((r): r is RenderedModel => r !== undefined && r.etag !== lastEtag),
      map((r) => {
        lastEtag = r.etag;
        return r;
      }),
      share({
        resetOnRefCountZero: () => {
          this.watched.delete(key);
          return of(true);
        },
      }),
    );
    this.watched.set(key, updates);
    return concat(
      defer(() => {
        const { rendered, touched: now } = this.renderOwn(readModel, rootStream);
        touched = now;
        lastEtag = rendered?.etag;
        return rendered ? of(rendered) : EMPTY;
      }),
      updates,
    );
  }

  /**
   * A live render positioned at the model's own last change (the newest event among the streams it read)
   * rather than the ledger's checkpoint, so a subscriber resuming with Last-Event-ID is not sent a model
   * that did not change while other facts moved the ledger on.
   */
  private renderOwn(
    readModel: ReadModel<unknown>,
    rootStream: string,
  ): { rendered: RenderedModel | undefined; touched: Set<string> } {
    const { rendered, touched } = this.renderLive(readModel, rootStream);
    if (!rendered) return { rendered, touched };
    const store = this.models.current;
    const position = Math.max(0, ...[...touched].map((stream) => store.streamInfo(stream)?.lastPosition ?? 0));
    return { rendered: { ...rendered, position }, touched };
  }

  private current(model: string, rootStream: string): Observable<RenderedModel> {
    const rendered = this.renderOwn(this.readModelOf(model), rootStream).rendered;
    return rendered ? of(rendered) : EMPTY;
  }
}
