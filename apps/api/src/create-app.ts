import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { type AppParts } from './core/core.module';
import { createPino, PinoNestLogger } from './http/pino-logger';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { setupOpenApi } from './openapi';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Builds the Nest app on Fastify with everything a request meets before a controller: body limit,
 * JSON only, request ids, problem+json for errors Fastify raises itself (bad JSON, 413, 415),
 * metrics. main.ts listens on it; e2e tests inject into it.
 */
export async function createApp(parts: AppParts): Promise<NestFastifyApplication> {
  const pino = createPino(parts.config.LOG_LEVEL);
  const adapter = new FastifyAdapter({
    loggerInstance: pino,
    // One log line per request is for debugging; at info the access log is /metrics, and errors are logged by the
    // filter.
    logController: new LogController({
      requestIdLogLabel: 'reqId',
      disableRequestLogging: !['debug', 'trace'].includes(parts.config.LOG_LEVEL),
    }),
    bodyLimit: parts.config.BODY_LIMIT_BYTES,
    // A path parameter can be a whole stream name, up to MAX_STREAM_NAME (200) characters: Fastify's
    // default of 100 answered longer valid names with 414 before any route saw them.
    routerOptions: { maxParamLength: 256 },
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  // abortOnError off: a start-up failure (corrupt store, unwritable data directory) reaches main's one clear message.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(parts), adapter, {
    logger: new PinoNestLogger(pino),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Only JSON is a ledger payload; anything else is 415 rather than a body the validators misread.
  fastify.removeContentTypeParser(['text/plain']);
  const metrics = app.get(LedgerMetrics);
  // Callback hooks, not async ones: they run on every request, and an async hook costs a promise each.
  fastify.addHook(
    'onSend',
    (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
      void reply.header('x-request-id', request.id);
      done(null, payload);
    },
  );
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 400) metrics.httpErrors.inc({ status: String(reply.statusCode) });
    done();
  });
  setupOpenApi(app, parts.catalog);
  app.enableShutdownHooks();
  return app;
}
