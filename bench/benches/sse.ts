import { Agent } from 'node:http';
import { issueKey, startApi } from '../harness/api-process';
import { corpusAppends, ensureCorpus } from '../harness/corpus';
import { summarize } from '../harness/percentiles';
import { type Bench, rssBar, toMiB } from '../harness/report';
import { SseListener } from '../harness/sse-listener';
import { nowMs } from '../harness/timer';
import { freshDir } from '../harness/workspace';

const SUBSCRIBERS = 1000;
/** docs/architecture.md, quality bars: 1,000 SSE subscribers, p99 append-to-delivery ≤ 100 ms. */
const CEILING_MS = 100;
const PREFIX = 'applicant-sse-';

/**
 * 1,000 subscribers on the live firehose (`GET /v1/live/events?prefix=…`), then appends over HTTP at
 * a steady pace: latency = from just before the POST leaves to the moment each subscriber has the
 * event's id, all on the bench process's clock.
 */
export const sseBench: Bench = async ({ events, quick }) => {
  const sample = sampleEvent(ensureCorpus(events), 'ApplicantRegistered');
  const appends = quick ? 50 : 200;
  const paceMs = 50;
  const dataDir = freshDir('sse-api');
  const keys = { integration: await issueKey(dataDir, 'integration'), dashboard: await issueKey(dataDir, 'dashboard') };
  const server = await startApi(dataDir, { SSE_MAX_SUBSCRIBERS_PER_KEY: String(SUBSCRIBERS) });
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const listeners: SseListener[] = [];
  try {
    const { baseUrl } = server;
    const url = `${baseUrl}/v1/live/events?prefix=${PREFIX}`;
    const connectStarted = nowMs();
    for (let opened = 0; opened < SUBSCRIBERS; opened += 100) {
      listeners.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(100, SUBSCRIBERS - opened) }, () =>
            SseListener.open(url, { 'x-api-key': keys.dashboard }, agent),
          ),
        )),
      );
    }
    const connectSeconds = (nowMs() - connectStarted) / 1000;
    const run = Date.now().toString(36);
    const sentAt = new Map<number, number>();
    let failedPosts = 0;
    for (let i = 0; i < appends; i += 1) {
      const started = nowMs();
      const response = await fetch(`${baseUrl}/v1/streams/${PREFIX}${run}-${i}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': keys.integration },
        body: JSON.stringify(sample),
      });
      if (response.status !== 201) failedPosts += 1;
      else sentAt.set(((await response.json()) as { positions: number[] }).positions[0]!, started);
      const wait = paceMs - (nowMs() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await settle(listeners, [...sentAt.keys()], 10_000);
    const latencies: number[] = [];
    let missing = 0;
    for (const listener of listeners) {
      for (const [position, sent] of sentAt) {
        const arrived = listener.arrivals.get(position);
        if (arrived === undefined) missing += 1;
        else latencies.push(arrived - sent);
      }
    }
    if (latencies.length === 0) throw new Error('No subscriber received any event');
    const summary = summarize(latencies);
    const peak = toMiB(server.peakRssBytes());
    // A delivery that never came counts as too slow, so the bar cannot pass on missing deliveries.
    const p99 = missing > latencies.length / 100 ? Number.POSITIVE_INFINITY : summary.p99;
    return {
      name: 'sse',
      title: `${SUBSCRIBERS} SSE subscribers on /v1/live/events, ${appends} single-event appends over HTTP, one every ${paceMs} ms`,
      measurements: [
        {
          subject: 'append → delivery, all subscribers',
          metric: 'p50',
          value: summary.p50,
          unit: 'ms',
          peakRssMiB: peak,
        },
        { subject: 'append → delivery, all subscribers', metric: 'p90', value: summary.p90, unit: 'ms' },
        { subject: 'append → delivery, all subscribers', metric: 'p99', value: summary.p99, unit: 'ms' },
        {
          subject: 'append → delivery, all subscribers',
          metric: 'max',
          value: summary.max,
          unit: 'ms',
          details: { ...summary, missing, failedPosts, connectSeconds },
        },
      ],
      bars: [
        {
          kind: 'at-most',
          label: `SSE append → delivery p99, ${SUBSCRIBERS} subscribers`,
          measured: p99,
          maximum: CEILING_MS,
          unit: 'ms',
        },
        rssBar(`SSE, ${SUBSCRIBERS} subscribers (API process)`, peak),
      ],
      notes: [
        `${summary.count.toLocaleString('en-US')} deliveries measured, ${missing} missing, ${failedPosts} appends refused; ${SUBSCRIBERS} subscribers connected in ${connectSeconds.toFixed(1)} s.`,
        `Server settings: SSE_MAX_SUBSCRIBERS_PER_KEY=${SUBSCRIBERS} (all subscribers share one dashboard key), rate limit raised; the production server, started as the http bench starts it.`,
        'Subscribers run in the bench process on the same 2 cores as the server.',
      ],
    };
  } finally {
    for (const listener of listeners) listener.close();
    agent.destroy();
    await server.stop();
  }
};

/** Waits until every listener has every position, or the time is up. */
async function settle(
  listeners: readonly SseListener[],
  positions: readonly number[],
  timeoutMs: number,
): Promise<void> {
  const deadline = nowMs() + timeoutMs;
  while (nowMs() < deadline) {
    if (listeners.every((l) => positions.every((p) => l.arrivals.has(p)))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function sampleEvent(corpus: string, type: string): { type: string; data: unknown; metadata: unknown } {
  for (const append of corpusAppends(corpus)) {
    const event = append.events.find((e) => e.type === type);
    if (event) return { type: event.type, data: event.data, metadata: event.metadata };
  }
  throw new Error(`The corpus has no ${type} event`);
}
