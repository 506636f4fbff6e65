import Fastify from 'fastify';
import { join } from 'node:path';
import { type EventToAppend, SqliteEventStore } from '@ledger/event-store';

/**
 * The durable-append limit over HTTP on this machine: the bare Fastify route, plus the ledger's own
 * event store appending the posted event with the API's durability (group commit, synchronous=FULL),
 * and nothing else — no key check, no validation, no decision, no read models, no audit trail.
 */
async function main(): Promise<void> {
  const dataDir = process.env['DATA_DIR'];
  if (!dataDir) throw new Error('DATA_DIR is required');
  const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite'), synchronous: 'FULL' });
  const app = Fastify({ logger: false });
  app.post<{ Params: { stream: string }; Body: EventToAppend }>(
    '/v1/streams/:stream/events',
    async (request, reply) => {
      const { type, data, metadata } = request.body;
      const result = await store.append(request.params.stream, [{ type, data, metadata }], {
        expectedRevision: 'no_stream',
      });
      return reply.code(201).send({
        stream: request.params.stream,
        revision: result.nextExpectedRevision,
        positions: result.positions,
        eventIds: [null],
      });
    },
  );
  app.get('/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
