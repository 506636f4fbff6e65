import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { Projector, ReadModels, ReadModelStore, READ_MODELS_FILE, renderAsOf } from '@ledger/projections';
import { productionCatalog } from '@ledger/ledger';
import { caseMain } from '../harness/case-process';
import { nowMs } from '../harness/timer';
import { type AsOfInput, type AsOfOutcome, type AsOfPoint } from './inputs';

/**
 * `GET /v1/funding-requests/:id?asOf=…` without HTTP: the funding request with the most events,
 * replayed as of the head and as of the middle of its own history, over the loaded ledger and the
 * read models rebuild left (caught up first when they are behind, untimed).
 */
caseMain<AsOfInput, AsOfOutcome>(async ({ dir, repeats }) => {
  const catalog = productionCatalog();
  const readModel = catalog.readModel('funding-request');
  if (!readModel) throw new Error('The catalog has no funding-request read model');
  const eventFile = join(dir, 'events.sqlite');
  const scan = new Database(eventFile, { readonly: true, fileMustExist: true });
  const busiest = scan
    .prepare(
      "SELECT stream, count(*) AS n FROM events WHERE stream LIKE 'frn-%' GROUP BY stream ORDER BY n DESC, stream LIMIT 1",
    )
    .get() as { stream: string; n: number } | undefined;
  if (!busiest) throw new Error('The ledger holds no funding request');
  const positions = (
    scan.prepare('SELECT position FROM events WHERE stream = ? ORDER BY revision').all(busiest.stream) as {
      position: number;
    }[]
  ).map((r) => r.position);
  scan.close();

  const eventStore = SqliteEventStore.open({ file: eventFile, synchronous: 'FULL' });
  const models = new ReadModels(
    ReadModelStore.open({ file: join(dir, READ_MODELS_FILE), catalog: catalog.streams, upcasters: catalog.upcasters }),
  );
  const head = await eventStore.headPosition();
  const catchUpStarted = nowMs();
  const behind = models.position < head;
  if (behind) {
    const projector = new Projector(eventStore, models);
    projector.start();
    await projector.waitFor(head, { timeoutMs: Infinity });
    await projector.stop();
  }
  const catchUpSeconds = behind ? (nowMs() - catchUpStarted) / 1000 : 0;

  const targets = [
    { label: 'as of the head', position: head },
    { label: 'as of the middle of the FRN history', position: positions[Math.floor(positions.length / 2)]! },
  ];
  const points: AsOfPoint[] = [];
  for (const target of targets) {
    const timed = async (): Promise<number> => {
      const started = nowMs();
      const rendered = await renderAsOf(readModel, busiest.stream, target.position, { eventStore, live: models });
      const elapsed = nowMs() - started;
      if (rendered.model === undefined) throw new Error(`${busiest.stream} rendered nothing as of ${target.position}`);
      return elapsed;
    };
    const coldMs = await timed();
    const warmMs: number[] = [];
    for (let i = 0; i < repeats; i += 1) warmMs.push(await timed());
    points.push({ ...target, coldMs, warmMs });
  }
  models.close();
  await eventStore.close();
  return { frn: busiest.stream, frnEvents: busiest.n, catchUpSeconds, points };
});
