import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ModuleRef, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type EventStore } from '@ledger/event-store';
import { KeyRegistry, productionCatalog, type Role } from '@ledger/ledger';
import { AppModule, type AppParts } from '../src/app.module';
import { validateConfig } from '../src/config/validate-config';
import { createApp } from '../src/create-app';
import { sendProblem } from '../src/http/problem.filter';
import { EVENT_STORE } from '../src/ledger/tokens';
import { ProjectedReadModelSource } from '../src/read/projected-read-model-source';
import { ReadModelSource } from '../src/read/read-model-source';
import { LiveEventsController } from '../src/live/live-events.controller';
import { liveControllers, liveProviders } from '../src/live/live.controllers';

/** A real ledger app listening on an ephemeral loopback port, with one key per role. */
export interface LiveLedger {
  app: NestFastifyApplication;
  baseUrl: string;
  keys: Record<Role, string>;
  store: EventStore;
  close(): Promise<void>;
}

@Module({})
class LiveRoutesModule {}

/** The app's own ReadModelSource, looked up when first used (it is built after this module's providers). */
class AppReadModelSource extends ReadModelSource {
  constructor(private readonly ref: ModuleRef) {
    super();
  }
  private get source(): ReadModelSource {
    return this.ref.get(ProjectedReadModelSource, { strict: false });
  }
  get changes$(): ReadModelSource['changes$'] {
    return this.source.changes$;
  }
  render(...args: Parameters<ReadModelSource['render']>): ReturnType<ReadModelSource['render']> {
    return this.source.render(...args);
  }
  watch(...args: Parameters<ReadModelSource['watch']>): ReturnType<ReadModelSource['watch']> {
    return this.source.watch(...args);
  }
}

/**
 * Until AppModule lists the live controllers, they are mounted in a module that imports AppModule
 * (the same guards, filter, store, keys and projector) and reaches the app's own ReadModelSource,
 * which AppModule does not export; once AppModule has them, the app is exactly createApp's.
 */
async function buildApp(parts: AppParts): Promise<NestFastifyApplication> {
  const appModule = AppModule.register(parts);
  if ((appModule.controllers ?? []).includes(LiveEventsController)) return createApp(parts);
  const routes: DynamicModule = {
    module: LiveRoutesModule,
    imports: [appModule],
    controllers: liveControllers,
    providers: [...liveProviders, { provide: ReadModelSource, useFactory: (ref: ModuleRef) => new AppReadModelSource(ref), inject: [ModuleRef] }],
  };
  const app = await NestFactory.create<NestFastifyApplication>(routes, new FastifyAdapter(), { logger: false });
  const fastify = app.getHttpAdapter().getInstance();
  const logger = new Logger('http');
  fastify.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, request, error, logger));
  app.enableShutdownHooks();
  return app;
}

export async function startLiveLedger(env: Record<string, string> = {}): Promise<LiveLedger> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-live-'));
  const config = validateConfig({ LOG_LEVEL: 'silent', CHECKPOINT_INTERVAL_MS: '200', ...env, DATA_DIR: dataDir });
  const app = await buildApp({ config, catalog: productionCatalog() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('The test ledger is not listening on a TCP port');
  const registry = app.get(KeyRegistry);
  const keys = {} as Record<Role, string>;
  for (const role of ['integration', 'dashboard', 'auditor', 'admin'] as const) keys[role] = (await registry.issue(role, `live test ${role}`)).key;
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    keys,
    store: app.get<EventStore>(EVENT_STORE),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
