import autocannon from 'autocannon';
import { join } from 'node:path';
import { API_LABEL, BENCH_API_ENV, issueKey, startApi } from '../harness/api-process';
import { corpusAppends, ensureCorpus } from '../harness/corpus';
import { type Bench, type Measurement, rssBar, toMiB } from '../harness/report';
import { formatRatio } from '../harness/verdicts';
import { type ServerProcess, startServer } from '../harness/server-process';
import { freshDir } from '../harness/workspace';

const CONNECTIONS = 64;

interface LoadResult {
  perSecond: number;
  result: autocannon.Result;
}

/**
 * Single-event appends over HTTP, 64 connections: each request registers a new applicant (a realistic
 * first fact of a stream, body taken from the generators), so every one of them is decided and stored.
 * The bare Fastify server and the durable-append limit (Fastify + the ledger's SQLite store alone) get
 * the very same requests. Each server gets a warm-up run first.
 */
export const httpBench: Bench = async ({ events, quick }) => {
  const body = JSON.stringify(sampleEvent(ensureCorpus(events), 'ApplicantRegistered'));
  const duration = quick ? 5 : 15;
  const bare = await withServer(startServer(join(__dirname, '..', 'servers', 'bare-fastify.js'), [], {}), (server) =>
    load(server, body, undefined, duration),
  );
  const storeDir = freshDir('http-store');
  const stored = await withServer(
    startServer(join(__dirname, '..', 'servers', 'store-fastify.js'), [], { DATA_DIR: storeDir }),
    (server) => load(server, body, undefined, duration),
  );
  const dataDir = freshDir('http-api');
  const key = await issueKey(dataDir, 'integration');
  const api = await withServer(startApi(dataDir), (server) => load(server, body, key, duration));
  const figure = (subject: string, run: LoadResult & { peakRssBytes: number }): Measurement => ({
    subject,
    metric: `appends, ${CONNECTIONS} connections`,
    value: run.perSecond,
    unit: 'req/s (2xx)',
    peakRssMiB: toMiB(run.peakRssBytes),
    details: {
      latencyMs: {
        p50: run.result.latency.p50,
        p90: run.result.latency.p90,
        p99: run.result.latency.p99,
        max: run.result.latency.max,
      },
      ok: run.result['2xx'],
      non2xx: run.result.non2xx,
      errors: run.result.errors,
      timeouts: run.result.timeouts,
      seconds: run.result.duration,
    },
  });
  const latency = (subject: string, run: LoadResult): Measurement => ({
    subject,
    metric: 'latency p99',
    value: run.result.latency.p99,
    unit: 'ms',
  });
  return {
    name: 'http',
    title: `Single-event appends over HTTP, ${CONNECTIONS} concurrent connections, ${duration} s after a warm-up`,
    measurements: [
      figure(API_LABEL, api),
      latency(API_LABEL, api),
      figure('bare Fastify POST handler', bare),
      latency('bare Fastify POST handler', bare),
      figure("Fastify + the ledger's SQLite append, nothing else", stored),
      latency("Fastify + the ledger's SQLite append, nothing else", stored),
    ],
    bars: [
      {
        kind: 'at-least-ratio',
        label: 'HTTP appends vs bare Fastify',
        measured: api.perSecond,
        baseline: bare.perSecond,
        minimum: 0.5,
      },
      {
        kind: 'at-least',
        label: 'HTTP appends, single-event, 64 connections',
        measured: api.perSecond,
        minimum: 10_000,
        unit: 'events/s',
      },
      rssBar('HTTP appends (API process)', toMiB(api.peakRssBytes)),
    ],
    notes: [
      `API non-2xx responses: ${api.result.non2xx}, errors: ${api.result.errors}; only 2xx count.`,
      `API settings: ${Object.entries(BENCH_API_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} (the rate limit raised so 64 clients on one key measure the write path).`,
      `The durable-append limit — the bare route plus the ledger's SQLite append at the API's durability, nothing else — reaches ${formatRatio(stored.perSecond / bare.perSecond)} of bare Fastify; the ledger API reaches ${formatRatio(api.perSecond / stored.perSecond)} of that limit (the rest is keys, validation, decisions, read models and the audit trail).`,
      'autocannon runs in the bench process on the same 2 cores as the servers, for every server alike.',
    ],
  };
};

async function withServer<T>(
  starting: Promise<ServerProcess>,
  work: (server: ServerProcess) => Promise<T>,
): Promise<T & { peakRssBytes: number }> {
  const server = await starting;
  try {
    const out = await work(server);
    return { ...out, peakRssBytes: server.peakRssBytes() };
  } finally {
    await server.stop();
  }
}

async function load(
  server: ServerProcess,
  body: string,
  key: string | undefined,
  duration: number,
): Promise<LoadResult> {
  const run = `${process.pid}${Date.now().toString(36)}`;
  let n = 0;
  const options = (seconds: number, phase: string): autocannon.Options => ({
    url: server.baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    requests: [
      {
        method: 'POST',
        body,
        setupRequest: (request) => ({
          ...request,
          path: `/v1/streams/applicant-bench-${run}-${phase}-${(n += 1)}/events`,
        }),
      },
    ],
  });
  await autocannon(options(Math.min(3, duration), 'warm'));
  const result = await autocannon(options(duration, 'load'));
  return { perSecond: result['2xx'] / result.duration, result };
}

/** The first generated event of a type, posted bare (the ledger assigns its id). */
function sampleEvent(corpus: string, type: string): { type: string; data: unknown; metadata: unknown } {
  for (const append of corpusAppends(corpus)) {
    const event = append.events.find((e) => e.type === type);
    if (event) return { type: event.type, data: event.data, metadata: event.metadata };
  }
  throw new Error(`The corpus has no ${type} event`);
}
