import { AppendRecorder } from '../append-recorder';
import { districtWideStory, districtWideStreams } from '../district-wide-story';
import { erateStory, frnStreamOf, applicantStreamOf, spinOf } from '../erate-story';
import { type ScenarioAppend, type ScenarioDefinition, type ScenarioOptions } from '../scenario-append';
import { runTag } from '../scaling';
import { stateProgramStory } from '../state-program-story';
import { mississippiStory } from './mississippi';
import { texasStory } from './texas';

/**
 * A small tour that loads in seconds: a Texas-style program with a handful of LEAs (one late and one
 * missing agreement among them when the seed allows), a Mississippi-style program with SLA breaches,
 * and ten E-Rate funding requests: the first clean with every kind of discount, then one of each
 * violation; and a district of four schools and a library that take its district-wide discount, with a
 * committed request through its Form 486 and invoice, a provider's gift, and a FY2026 request. Streams are named
 * `…-demo-…` so a demo never collides with a seeded scenario.
 */
function* demoStory({ seed, scale }: ScenarioOptions): Generator<ScenarioAppend> {
  // Texas at 1/200 of its size, with the LEA count and need set so six LEAs still climb the volume tiers.
  const tx = texasStory({ seed, scale: scale / 200 }, { leas: 1_200, devices: 800_000, hotspots: 300_000, minLeas: 3 });
  yield* stateProgramStory({
    ...tx,
    scenario: 'demo-texas',
    program: { ...tx.program, stream: demoStreams(seed).texasProgram },
    contracts: tx.contracts.map((c) => ({
      ...c,
      stream: c.stream.replace(`contract-tx${seed}`, `contract-demo-tx${seed}`),
    })),
    leas: { ...tx.leas, streamPrefix: `applicant-demo-tx${seed}-lea` },
    interlocalAgreement: tx.interlocalAgreement && { ...tx.interlocalAgreement, lateShare: 0.2, missingShare: 0.2 },
  });
  const ms = mississippiStory({ seed, scale: scale / 100 }, { districts: 400, devices: 300_000, minDistricts: 2 });
  yield* stateProgramStory({
    ...ms,
    scenario: 'demo-mississippi',
    program: { ...ms.program, stream: demoStreams(seed).mississippiProgram },
    contracts: ms.contracts.map((c) => ({
      ...c,
      stream: c.stream.replace(`contract-ms${seed}`, `contract-demo-ms${seed}`),
    })),
    leas: { ...ms.leas, streamPrefix: `applicant-demo-ms${seed}-district` },
    // Every demo order has an SLA breach: about half still open, a quarter remedied late, a quarter in time.
    sla: { ...ms.sla, breachShare: 1, openShare: 0.5, lateRemedyShare: 0.25 },
    costShareBreachShare: 0.34,
  });
  yield* erateStory({
    scenario: 'demo-erate',
    seed,
    scale,
    tag: demoStreams(seed).erateTag,
    spinSeries: '149',
    counts: { districts: 8, libraries: 2, providers: 4, min: 2 },
    violationShare: 0.22,
    procurementFlawShare: 0.1,
    pinned: [
      'clean',
      'provider-donation-earmarked',
      'ineligible-share-30-percent',
      'free-item-not-deducted',
      'early-trade-in',
      'inflated-eligible-cost',
      'unseparated-bundle',
      'ineligible-line-unidentified',
      'grant-not-independent',
      'subcontractor-donation-tied-to-bid',
    ],
  });
  yield* districtWideStory('demo-district-wide', seed, demoStreams(seed).districtWideTag, spinOf('149', seed, 0));
  yield* mississippiBelowMinimum(seed);
}

/**
 * One Mississippi Connects order where the district pays 15%, less than its 20%: it earns no state share
 * ("Play 5 – Leverage Bulk Purchasing to Optimize Use of Funds": the state covers up to 80% "if the
 * district covers at least 20%"), and the program's findings say so.
 */
function* mississippiBelowMinimum(seed: number): Generator<ScenarioAppend> {
  const rec = new AppendRecorder('demo-mississippi-below-minimum', seed);
  const s = demoStreams(seed);
  const contract = `contract-demo-ms${seed}-mde-devices`;
  const lines = [{ itemId: 'security-suite', kind: 'service', quantity: 200, unitPrice: 2_500 }];
  yield rec.fact(
    s.mississippiBelowMinimumOrder,
    'QuoteReceived',
    { contract, quotedOn: '2021-02-22', lines },
    '2021-02-22',
  );
  yield rec.fact(
    s.mississippiBelowMinimumOrder,
    'OrderPlaced',
    {
      program: s.mississippiProgram,
      contract,
      applicant: `applicant-demo-ms${seed}-district-0001`,
      placedOn: '2021-03-01',
      lines,
      stateShare: 425_000,
      districtShare: 75_000,
    },
    '2021-03-01',
  );
}

/** The demo's stream names, known without generating it (for the printed dashboard URL and the walkthrough). */
export const demoStreams = (seed: number) => ({
  texasProgram: `program-demo-tx${seed}-operation-connectivity`,
  mississippiProgram: `program-demo-ms${seed}-mississippi-connects`,
  mississippiBelowMinimumOrder: `order-demo-ms${seed}-district-0001-security-top-up`,
  erateTag: runTag('demo-er', seed),
  cleanFundingRequest: frnStreamOf(runTag('demo-er', seed), 0),
  deniedFundingRequest: frnStreamOf(runTag('demo-er', seed), 2),
  donationFundingRequest: frnStreamOf(runTag('demo-er', seed), 1),
  applicantWithFindings: applicantStreamOf(runTag('demo-er', seed), 1, false),
  districtWideTag: runTag('demo-dw', seed),
  specialConstructionFundingRequest: districtWideStreams(runTag('demo-dw', seed)).specialConstruction,
  fy2026FundingRequest: districtWideStreams(runTag('demo-dw', seed)).fy2026AccessPoints,
  districtWideDistrict: districtWideStreams(runTag('demo-dw', seed)).district,
});

export const demoScenario: ScenarioDefinition = {
  name: 'demo',
  description:
    'A small tour of everything (loads in seconds): a Texas-style and a Mississippi-style program with a few LEAs, and ten E-Rate requests, one clean and one of each violation',
  generate: demoStory,
  highlights: ({ seed }) => {
    const s = demoStreams(seed);
    return {
      programs: [s.texasProgram, s.mississippiProgram],
      fundingRequests: [
        s.cleanFundingRequest,
        s.donationFundingRequest,
        s.deniedFundingRequest,
        s.specialConstructionFundingRequest,
        s.fy2026FundingRequest,
      ],
      applicants: [s.applicantWithFindings, s.districtWideDistrict],
    };
  },
};
