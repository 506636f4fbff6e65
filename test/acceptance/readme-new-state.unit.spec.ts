import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerStreams, orderViewReadModel, usd } from '@ledger/domain';
import { Scenario } from '@ledger/domain/testing';

// The README's "A new state sets up its own program" is what a new user runs first: every curl in it
// must record through the deciders on an empty ledger, in order, and give the figure the README says.

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('### A new state sets up its own program'),
  readme.indexOf('## What it shows'),
);
const posts = [...section.matchAll(/\/v1\/streams\/(\S+)\/events "\$\{H\[@\]\}" -d '([\s\S]*?)'\n/g)].map(
  ([, stream, body]) => ({
    stream: stream!,
    events: (JSON.parse(body!) as { events: { type: string; data: unknown }[] }).events,
  }),
);

describe('README: a new state sets up its own program with curl', () => {
  it('posts the program, its amendment, the district, the contract, an allocation and an order, in that order', () => {
    expect(posts.flatMap((p) => p.events.map((e) => `${p.stream} ${e.type}`))).toEqual([
      'program-ohio-devices ProgramEstablished',
      'program-ohio-devices ProgramTermsAmended',
      'applicant-columbus ApplicantRegistered',
      'contract-oh-devices-2021 CooperativeContractAwarded',
      'program-ohio-devices ProgramFundsAllocated',
      'order-oh-1 OrderPlaced',
    ]);
  });

  it('every post records on an empty ledger, and the order earns its 70% of $30,000 under terms version 1 with no finding', () => {
    const ledger = new Scenario(ledgerStreams);
    for (const p of posts) for (const e of p.events) ledger.record({ stream: p.stream, type: e.type, data: e.data });
    expect(orderViewReadModel.render('order-oh-1', ledger.facts)).toEqual(
      expect.objectContaining({
        earnedStateShare: usd(21_000),
        earnedReason: 'terms-met',
        terms: expect.objectContaining({ version: 1, effectiveFrom: '2021-01-04' }),
        findings: [],
      }),
    );
  });
});
