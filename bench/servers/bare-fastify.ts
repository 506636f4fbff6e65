import Fastify from 'fastify';

/**
 * The HTTP limit on this machine: Fastify (the ledger's HTTP layer) parsing the same JSON body on the
 * same route and answering 201 with a body of the ledger's shape, doing no other work.
 */
async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  let position = 0;
  app.post<{ Params: { stream: string } }>('/v1/streams/:stream/events', async (request, reply) => {
    position += 1;
    return reply
      .code(201)
      .send({ stream: request.params.stream, revision: 0, positions: [position], eventIds: [null] });
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
