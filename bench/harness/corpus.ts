import { closeSync, existsSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { type JsonObject } from '@ledger/event-store';
import { generateScenario, SCENARIO_NAMES, type ScenarioAppend } from '@ledger/scenarios';
import { benchDir } from './workspace';

/**
 * The events every bench appends, reads or replays: the demo-data generators' own appends, so payload
 * sizes, stream mix and links are those of real procurement histories. Rounds of every scenario at
 * scale 10 with seeds 1, 2, … (distinct seeds never share streams) until `events` is reached; each
 * round is a causally valid history, and so is any prefix of it.
 */
const SCALE = 10;
const VERSION = 1;

export const corpusFile = (events: number): string => join(benchDir(), `corpus-v${VERSION}-${events}.jsonl`);

/** Writes the corpus once (it is deterministic) and returns its path; later runs reuse the file. */
export function ensureCorpus(events: number): string {
  const file = corpusFile(events);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  try {
    let written = 0;
    let pending: string[] = [];
    const drain = (): void => {
      writeSync(fd, pending.join(''));
      pending = [];
    };
    for (let seed = 1; written < events; seed += 1) {
      for (const name of SCENARIO_NAMES) {
        for (const append of generateScenario(name, { seed, scale: SCALE })) {
          const room = events - written;
          const kept = append.events.length <= room ? append : { ...append, events: append.events.slice(0, room) };
          pending.push(`${JSON.stringify(kept)}\n`);
          written += kept.events.length;
          if (pending.length >= 5000) drain();
          if (written >= events) break;
        }
        if (written >= events) break;
      }
    }
    drain();
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
  return file;
}

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
