import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import * as cluster from '@eventstore/db-client/generated/cluster_grpc_pb';
import * as gossip from '@eventstore/db-client/generated/gossip_grpc_pb';
import * as monitoring from '@eventstore/db-client/generated/monitoring_grpc_pb';
import * as operations from '@eventstore/db-client/generated/operations_grpc_pb';
import * as persistent from '@eventstore/db-client/generated/persistent_grpc_pb';
import * as projections from '@eventstore/db-client/generated/projections_grpc_pb';
import * as users from '@eventstore/db-client/generated/users_grpc_pb';
import {
  type MethodDefinition,
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type UntypedHandleCall,
  type UntypedServiceImplementation,
  status,
} from '@grpc/grpc-js';
import { InMemoryEventStore } from '../../src';
import { appendHandler, batchAppendHandler, serviceError } from './append-handlers';
import { DoubleLog, type LogRecord } from './double-log';
import { LiveSubscriptions, readHandler } from './read-handler';

export interface EsdbDoubleOptions {
  /**
   * Advertise Streams.BatchAppend from ServerFeatures (the client then appends through it); else ServerFeatures is
   * UNIMPLEMENTED.
   */
  batchAppend?: boolean;
}

export interface EsdbDouble {
  /** `esdb://127.0.0.1:PORT?tls=false` */
  url: string;
  /** gRPC paths called, in order ("/event_store.client.streams.Streams/Append", …). */
  readonly calls: readonly string[];
  /** Calls to anything the double does not implement; a test that sees one is exercising an untested path. */
  readonly unexpected: readonly string[];
  /** `$all` subscriptions currently live on the server side. */
  liveSubscriptions(): number;
  /**
   * Ends every live `$all` subscription call with UNAVAILABLE (the connection stays up), as a cluster
   * node does when it loses a client; returns how many it ended.
   */
  dropSubscriptions(): Promise<number>;
  /**
   * Stops serving (every call and connection is cut, as when the node process dies), waits `downMs`, then
   * serves the same log again on the same port: the data survives, as it does on a restarted node.
   */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Writes an EventStoreDB-style system event ($statsCollection by default) after the current head. */
  writeSystemEvent(type?: string, stream?: string): Promise<LogRecord>;
  close(): Promise<void>;
}

/**
 * An EventStoreDB stand-in at the gRPC level, built from the client's own generated service definitions
 * and message classes, backed by the in-memory adapter. See README.md for what it does and does not do.
 */
export async function startEsdbDouble(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
  const store = new InMemoryEventStore();
  const log = new DoubleLog(store);
  const live = new LiveSubscriptions();
  const calls: string[] = [];
  const unexpected: string[] = [];
  const noteUnexpected = (what: string) => {
    unexpected.push(what);
    console.warn(`esdb-double: unexpected call ${what}`);
  };

  const implemented: Record<string, UntypedHandleCall> = {
    '/event_store.client.streams.Streams/Append': appendHandler(store) as UntypedHandleCall,
    '/event_store.client.streams.Streams/BatchAppend': batchAppendHandler(store) as UntypedHandleCall,
    '/event_store.client.streams.Streams/Read': readHandler(log, live, noteUnexpected) as UntypedHandleCall,
  };
  if (options.batchAppend)
    implemented['/event_store.client.server_features.ServerFeatures/GetSupportedMethods'] =
      supportedMethods as UntypedHandleCall;
  const serve = (address: string) => listen(address, implemented, calls, noteUnexpected, options.batchAppend);

  let { server, port } = await serve('127.0.0.1:0');

  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    calls,
    unexpected,
    liveSubscriptions: () => live.open.size,
    dropSubscriptions: () => live.drop(),
    restart: async ({ downMs = 0 } = {}) => {
      server.forceShutdown();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      ({ server, port } = await serve(`127.0.0.1:${port}`));
    },
    writeSystemEvent: (type, stream) => log.writeSystemEvent(type, stream),
    close: async () => {
      await Promise.all([...live.open].map((s) => s.close()));
      server.forceShutdown();
      await store.close();
    },
  };
}

/** A gRPC server with every service of the client's protos: the implemented paths, stubs for the rest. */
async function listen(
  address: string,
  implemented: Record<string, UntypedHandleCall>,
  calls: string[],
  noteUnexpected: (what: string) => void,
  batchAppend: boolean | undefined,
): Promise<{ server: Server; port: number }> {
  const server = new Server();
  const services: ServiceDefinition[] = [
    StreamsService,
    ServerFeaturesService,
    cluster.GossipService,
    cluster.ElectionsService,
    gossip.GossipService,
    monitoring.MonitoringService,
    operations.OperationsService,
    persistent.PersistentSubscriptionsService,
    projections.ProjectionsService,
    users.UsersService,
  ] as unknown as ServiceDefinition[];
  for (const service of services) {
    const implementation: UntypedServiceImplementation = {};
    for (const [name, method] of Object.entries(service) as [string, MethodDefinition<unknown, unknown>][]) {
      const handler = implemented[method.path];
      implementation[name] = recorded(method.path, calls, handler ?? stub(method, noteUnexpected, batchAppend));
    }
    server.addService(service, implementation);
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { server, port };
}

function supportedMethods(_call: unknown, callback: (error: null, reply: SupportedMethods) => void): void {
  const reply = new SupportedMethods();
  reply.setEventStoreServerVersion('23.10.0');
  reply.setMethodsList(
    ['Append', 'BatchAppend', 'Read'].map((name) => {
      const method = new SupportedMethod();
      method.setServiceName('event_store.client.streams.Streams');
      method.setMethodName(name);
      return method;
    }),
  );
  callback(null, reply);
}

function recorded(path: string, calls: string[], handler: UntypedHandleCall): UntypedHandleCall {
  return ((...args: unknown[]) => {
    calls.push(path);
    (handler as (...a: unknown[]) => void)(...args);
  }) as UntypedHandleCall;
}

/**
 * Every RPC the double does not implement answers UNIMPLEMENTED and is logged. The one expected miss is
 * ServerFeatures without batchAppend: the client asks once and falls back to Append, as with a 20.x server.
 */
function stub(
  method: MethodDefinition<unknown, unknown>,
  noteUnexpected: (what: string) => void,
  batchAppend: boolean | undefined,
): UntypedHandleCall {
  const expectedMiss =
    method.path === '/event_store.client.server_features.ServerFeatures/GetSupportedMethods' && !batchAppend;
  const error = () => {
    if (!expectedMiss) noteUnexpected(method.path);
    return serviceError(status.UNIMPLEMENTED, `${method.path} is not implemented by the EventStoreDB test double`);
  };
  if (!method.responseStream) {
    return ((call: unknown, callback: (e: unknown) => void) => {
      if (method.requestStream) (call as NodeJS.ReadableStream).resume();
      callback(error());
    }) as UntypedHandleCall;
  }
  return ((call: NodeJS.EventEmitter) => {
    call.emit('error', error());
  }) as UntypedHandleCall;
}
