import Database from 'better-sqlite3';
import { join } from 'node:path';
import { caseMain } from '../harness/case-process';
import { throughput, type Throughput } from '../harness/throughput';
import { type LedgerDataInput } from './inputs';

interface Row {
  data: string;
  metadata: string;
}

/** The rebuild limit: every stored event read in position order and its JSON parsed, nothing folded or written. */
caseMain<LedgerDataInput, Throughput>(async ({ dir }) => {
  const db = new Database(join(dir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  const started = process.hrtime.bigint();
  let events = 0;
  let keys = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as IterableIterator<Row>) {
    const data = JSON.parse(row.data) as object;
    const metadata = JSON.parse(row.metadata) as object;
    // Touch the parsed values so the work cannot be optimised away.
    keys += Object.keys(data).length + Object.keys(metadata).length;
    events += 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  if (keys === 0) throw new Error('Parsed events had no fields');
  return throughput(events, seconds);
});
