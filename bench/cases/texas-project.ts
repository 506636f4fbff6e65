import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { programDashboardReadModel, type OrderState } from '@ledger/domain';
import { SqliteEventStore } from '@ledger/event-store';
import { ReadModels, ReadModelStore, READ_MODELS_FILE, rebuild } from '@ledger/projections';
import { scenarioNamed } from '@ledger/scenarios';
import { productionCatalog } from '@ledger/ledger';
import { caseMain } from '../harness/case-process';
import { nowMs } from '../harness/timer';
import { type TexasInput, type TexasProjectOutcome } from './inputs';

/**
 * `ledger rebuild` over the loaded Texas story; then what was ordered, read from the rebuilt read
 * models: every order stream's projected state (its lines, applicant, program, cancellation). With
 * `renderDashboard`, the program dashboard's first render is timed too and must list the same orders.
 */
caseMain<TexasInput, TexasProjectOutcome>(async ({ dir, seed, scale, renderDashboard }) => {
  const file = join(dir, READ_MODELS_FILE);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const eventStore = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), synchronous: 'FULL' });
  const models = new ReadModels(
    ReadModelStore.open({ file, catalog: productionCatalog().streams, upcasters: productionCatalog().upcasters }),
  );
  try {
    const started = process.hrtime.bigint();
    const result = await rebuild({ eventStore, models });
    const rebuildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const program = scenarioNamed('texas').highlights({ seed, scale }).programs[0];
    if (!program) throw new Error('The texas scenario names no program');

    // Positions may have gaps, so the events replayed are counted (after the timed rebuild); the
    // order streams are found on the way, and what they ordered is read from their projected state.
    let events = 0;
    const orderStreams = new Set<string>();
    for await (const event of eventStore.readAll()) {
      events += 1;
      if (event.type === 'OrderPlaced') orderStreams.add(event.stream);
    }
    const orders = [...orderStreams]
      .map((stream) => {
        const state = models.state<OrderState>(stream);
        if (!state?.placed) throw new Error(`${stream} recorded OrderPlaced but its projected state is not placed`);
        return { stream, state };
      })
      .filter((o) => o.state.program === program);
    const units = (kind: 'device' | 'hotspot', which: typeof orders): number =>
      which.reduce(
        (total, o) => total + o.state.lines.filter((l) => l.kind === kind).reduce((t, l) => t + l.quantity, 0),
        0,
      );
    const notCancelled = orders.filter((o) => !o.state.cancelled);
    const leas = new Set(orders.map((o) => o.state.applicant));

    let dashboardMs: number | undefined;
    if (renderDashboard) {
      const renderStarted = nowMs();
      const dashboard = models.render(programDashboardReadModel, program).model;
      dashboardMs = nowMs() - renderStarted;
      if (!dashboard) throw new Error(`${program} has no dashboard after the rebuild`);
      const listed = new Set(dashboard.orders.map((o) => o.order));
      if (listed.size !== orders.length || orders.some((o) => !listed.has(o.stream))) {
        throw new Error(
          `The dashboard of ${program} lists ${listed.size} orders; the projected order states hold ${orders.length}`,
        );
      }
    }
    return {
      events,
      position: result.position,
      rebuildSeconds,
      ...(dashboardMs === undefined ? {} : { dashboardMs }),
      program,
      orders: orders.length,
      cancelledOrders: orders.length - notCancelled.length,
      leasWithOrders: leas.size,
      devicesOrdered: units('device', orders),
      hotspotsOrdered: units('hotspot', orders),
      devicesNotCancelled: units('device', notCancelled),
      hotspotsNotCancelled: units('hotspot', notCancelled),
    };
  } finally {
    models.close();
    await eventStore.close();
  }
});
