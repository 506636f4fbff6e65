import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type ExportScope } from '@ledger/audit';
import { type EventStore } from '@ledger/event-store';
import { factsAsOf, ReadModels } from '@ledger/projections';
import { Allow } from '../auth/allow.decorator';
import { badRequest, notFound, ProblemException, problem } from '../http/problem';
import { AuditTrail, LedgerCatalog, storedEvents, writeAuditPackage } from '@ledger/ledger';
import { streamOf } from '../read/stream-of';
import { EVENT_STORE } from '../ledger/tokens';
import { ProjectedReadModelSource } from '../read/projected-read-model-source';

const integer = (raw: string | undefined, field: string): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw))
    throw badRequest(`${field} must be a non-negative integer.`, [
      { field, message: 'must be a non-negative integer' },
    ]);
  return Number(raw);
};

/** Tamper evidence for auditors: signed tree heads, inclusion and consistency proofs, export packages. */
@ApiTags('audit')
@ApiSecurity('api-key')
@Controller('v1/audit')
@Allow('auditor')
export class AuditController {
  constructor(
    @Inject(AuditTrail) private readonly trail: AuditTrail,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadModels) private readonly models: ReadModels,
    @Inject(LedgerCatalog) private readonly catalog: LedgerCatalog,
    @Inject(ProjectedReadModelSource) private readonly source: ProjectedReadModelSource,
  ) {}

  @Get('checkpoint')
  @ApiOperation({
    summary: 'The latest signed checkpoint (RFC 9162 tree head, Ed25519) and the public key to check it',
  })
  checkpoint(): unknown {
    this.assertVerified();
    const checkpoint =
      this.trail.log.latestCheckpoint() ??
      (this.trail.log.head().treeSize > 0 ? this.trail.checkpointNow() : undefined);
    if (!checkpoint) throw notFound('The ledger has no events yet, so there is no checkpoint.');
    return { checkpoint, publicKeyPem: this.trail.key.publicKeyPem, keyId: this.trail.key.keyId };
  }

  @Get('proof/:position')
  @ApiOperation({
    summary: "Inclusion proof of the event at a position, against the latest checkpoint's tree (or ?treeSize=)",
  })
  @ApiQuery({ name: 'treeSize', required: false })
  async proof(
    @Param('position') rawPosition: string,
    @Query('treeSize') rawTreeSize: string | undefined,
  ): Promise<unknown> {
    this.assertVerified();
    const position = integer(rawPosition, 'position') ?? 0;
    if (!this.trail.log.leafAt(position)) {
      if (position <= (await this.store.headPosition()))
        await this.trail.waitFor(position, 2_000).catch(() => undefined);
      if (!this.trail.log.leafAt(position)) throw notFound(`No event at position ${position} in the audit log.`);
    }
    const latest = this.trail.log.latestCheckpoint();
    const treeSize =
      integer(rawTreeSize, 'treeSize') ??
      (latest && latest.lastPosition >= position ? latest.treeSize : this.trail.checkpointNow().treeSize);
    const checkpoint = this.trail.log.checkpoints().find((c) => c.treeSize === treeSize);
    return { ...this.trail.log.inclusionProof(position, treeSize), ...(checkpoint ? { checkpoint } : {}) };
  }

  @Get('consistency')
  @ApiOperation({ summary: 'Consistency proof between two tree sizes (the older checkpoint is a prefix of the newer)' })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: false })
  consistency(@Query('from') rawFrom: string | undefined, @Query('to') rawTo: string | undefined): unknown {
    this.assertVerified();
    const from = integer(rawFrom, 'from');
    if (from === undefined) throw badRequest('from is required.', [{ field: 'from', message: 'is required' }]);
    const to = integer(rawTo, 'to') ?? this.trail.log.head().treeSize;
    if (from > to || to > this.trail.log.head().treeSize)
      throw badRequest(`Tree sizes must satisfy from ≤ to ≤ ${this.trail.log.head().treeSize}.`, [
        { field: 'to', message: 'out of range' },
      ]);
    return {
      from,
      to,
      proof: this.trail.log.consistencyProof(from, to),
      rootFrom: this.trail.log.rootAt(from),
      rootTo: this.trail.log.rootAt(to),
    };
  }

  @Get('export')
  @ApiOperation({
    summary: 'Audit package (one file): events with proofs, checkpoint, read models as of a point, rule sets, manifest',
  })
  @ApiQuery({ name: 'scope', required: true, enum: ['all', 'applicant', 'program', 'frn'] })
  @ApiQuery({ name: 'id', required: false })
  @ApiQuery({ name: 'asOf', required: false, description: 'Global position or ISO-8601 instant; defaults to now' })
  async export(
    @Query('scope') kind: string | undefined,
    @Query('id') id: string | undefined,
    @Query('asOf') asOf: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.assertVerified();
    const scope = this.scopeOf(kind, id);
    const head = await this.store.headPosition();
    if (head === 0) throw notFound('The ledger has no events yet.');
    await this.trail.waitFor(head);
    const position = asOf === undefined ? head : this.source.resolve(asOf);
    if (position > head || position === 0)
      throw badRequest(`asOf must resolve to a position from 1 to ${head}.`, [
        { field: 'asOf', message: 'out of range' },
      ]);
    // The package's read models and rule sets are folded as of the position, which the live store must have reached.
    await this.source.caughtUpTo(position);
    const checkpoint = this.trail.checkpointNow();
    const dir = mkdtempSync(join(tmpdir(), 'ledger-export-'));
    const file = join(dir, 'audit-package.jsonl.gz');
    const sources = {
      store: this.store,
      log: this.trail.log,
      publicKeyPem: this.trail.key.publicKeyPem,
      catalog: this.catalog,
      factsAsOf: (model: Parameters<typeof factsAsOf>[0], root: string) =>
        factsAsOf(model, root, position, { eventStore: this.store, live: this.models }),
      allEvents: () => storedEvents(this.store),
    };
    try {
      const summary = await writeAuditPackage(file, sources, scope, position, checkpoint);
      const name = `audit-${scope.kind}${scope.kind === 'all' ? '' : `-${scope.id}`}-at-${position}.jsonl.gz`;
      const stream = createReadStream(file);
      stream.on('close', () => rmSync(dir, { recursive: true, force: true }));
      await reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-ledger-position', String(position))
        .header('x-package-sha256', summary.sha256)
        .send(stream);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private scopeOf(kind: string | undefined, id: string | undefined): ExportScope {
    if (kind === 'all') return { kind: 'all' };
    if (kind !== 'applicant' && kind !== 'program' && kind !== 'frn')
      throw badRequest('scope must be all, applicant, program or frn.', [
        { field: 'scope', message: 'must be all, applicant, program or frn' },
      ]);
    if (!id) throw badRequest(`scope=${kind} needs an id.`, [{ field: 'id', message: 'is required' }]);
    streamOf(kind, id);
    return { kind, id };
  }

  private assertVerified(): void {
    const state = this.trail.verification;
    if (state.status === 'verified') return;
    if (state.status === 'verifying')
      throw new ProblemException(
        problem(
          503,
          'audit-verifying',
          'The ledger is being verified',
          'Checkpoints are served once the start-up verification of the whole ledger passes; retry shortly.',
        ),
      );
    throw new ProblemException(
      problem(
        503,
        'audit-verification-failed',
        'The ledger failed verification',
        `Start-up verification found ${state.report.problemCount} problem(s); first bad position ${state.report.firstBadPosition ?? 'unknown'}. Checkpoints are withheld until an operator investigates (ledger verify).`,
        {
          firstBadPosition: state.report.firstBadPosition ?? null,
          problems: state.report.problems.slice(0, 5),
        },
      ),
    );
  }
}
