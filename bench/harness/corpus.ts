import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { type JsonObject } from '@ledger/event-store';
import { generateScenario, SCENARIO_NAMES, type ScenarioAppend } from '@ledger/scenarios';
import { benchDir } from './workspace';

/**
 * The events every bench appends, reads or replays: the demo-data generators' own appends, so payload
 * sizes, stream mix and links are those of real procurement histories. Rounds of every scenario at
 * scale 1 (the size of the real programs in the seed material: 800+ Texas LEAs) with seeds 1, 2, …
 * (distinct seeds never share streams) until `events` is reached; each round is a causally valid
 * history, and so is any prefix of it. A million events is then many programs and funding years, not
 * one program ten times the size of Texas.
 */
const SCALE = 1;
const VERSION = 2;

export const corpusFile = (events: number): string => join(benchDir(), `corpus-v${VERSION}-${events}.jsonl`);

/** One scenario run of the corpus, in corpus order: its first `facts` events are in the corpus. */
export interface CorpusHistory {
  scenario: string;
  seed: number;
  scale: number;
  facts: number;
}

/** The appends of one history, cut at its planned number of facts. */
export function* historyAppends(history: CorpusHistory): Generator<ScenarioAppend> {
  let left = history.facts;
  for (const append of generateScenario(history.scenario, { seed: history.seed, scale: history.scale })) {
    if (left <= 0) return;
    const kept = append.events.length <= left ? append : { ...append, events: append.events.slice(0, left) };
    left -= kept.events.length;
    yield kept;
  }
}

/**
 * Writes the corpus (and its plan beside it) once — it is deterministic — and returns its path; later runs reuse the
 * file.
 */
export function ensureCorpus(events: number): string {
  const file = corpusFile(events);
  if (existsSync(file) && existsSync(`${file}.plan.json`)) return file;
  const plan: CorpusHistory[] = [];
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  try {
    let written = 0;
    let pending: string[] = [];
    for (let seed = 1; written < events; seed += 1) {
      for (const scenario of SCENARIO_NAMES) {
        const history: CorpusHistory = { scenario, seed, scale: SCALE, facts: events - written };
        let facts = 0;
        for (const append of historyAppends(history)) {
          pending.push(`${JSON.stringify(append)}\n`);
          facts += append.events.length;
          if (pending.length >= 5000) {
            writeSync(fd, pending.join(''));
            pending = [];
          }
        }
        plan.push({ ...history, facts });
        written += facts;
        if (written >= events) break;
      }
    }
    writeSync(fd, pending.join(''));
  } finally {
    closeSync(fd);
  }
  writeFileSync(`${file}.plan.json`, JSON.stringify(plan, null, 2));
  renameSync(partial, file);
  return file;
}

export const readCorpusPlan = (file: string): CorpusHistory[] =>
  JSON.parse(readFileSync(`${file}.plan.json`, 'utf8')) as CorpusHistory[];

/** The corpus appends in order, read synchronously in large chunks so reading never interleaves with a timed await. */
export function* corpusAppends(file: string): Generator<ScenarioAppend> {
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      // The decoder holds back a character split across two chunks.
      const text = carry + decoder.write(chunk.subarray(0, read));
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) if (line.length > 0) yield JSON.parse(line) as ScenarioAppend;
    }
    if (carry.length > 0) yield JSON.parse(carry) as ScenarioAppend;
  } finally {
    closeSync(fd);
  }
}

export interface CorpusEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/**
 * The corpus events regrouped `size` at a time, for batch-append benches: the payloads are the
 * generators', the stream of each batch is the bench's own (generated streams hold a handful of events).
 */
export function* corpusBatches(file: string, size: number): Generator<CorpusEvent[]> {
  let batch: CorpusEvent[] = [];
  for (const append of corpusAppends(file)) {
    for (const event of append.events) {
      batch.push(event as unknown as CorpusEvent);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
