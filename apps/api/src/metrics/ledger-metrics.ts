import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one ledger process; its own registry so tests and several apps never clash. */
export class LedgerMetrics {
  readonly registry = new Registry();
  readonly appends = new Counter({
    name: 'ledger_appends_total',
    help: 'Successful appends by stream kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly eventsAppended = new Counter({
    name: 'ledger_events_appended_total',
    help: 'Events appended',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly appendDuration = new Histogram({
    name: 'ledger_append_duration_seconds',
    help: 'Time from request validated to events durable',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'ledger_http_requests_total',
    help: 'HTTP responses by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly httpErrors = new Counter({
    name: 'ledger_http_errors_total',
    help: 'Error responses by status',
    labelNames: ['status'],
    registers: [this.registry],
  });
  readonly projectorLag = new Gauge({
    name: 'ledger_projector_lag_positions',
    help: 'Global positions the read models are behind the store head (events on the embedded store, log bytes on EventStoreDB)',
    registers: [this.registry],
  });
  readonly stoppedStreams = new Gauge({
    name: 'ledger_projection_stopped_streams',
    help: 'Streams stopped at a malformed stored event (their read models are withheld)',
    registers: [this.registry],
  });
  readonly skippedEvents = new Gauge({
    name: 'ledger_projection_skipped_events',
    help: 'Stored events of types this version does not know, skipped by the projection',
    registers: [this.registry],
  });
  readonly sseSubscribers = new Gauge({
    name: 'ledger_sse_subscribers',
    help: 'Open live (SSE) subscriptions',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_process_' });
  }
}
