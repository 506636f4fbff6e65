import {
  addDays,
  erateStreams,
  FoldedFacts,
  renderFundingRequest,
  stateProgramStreams,
  type BidLine,
  type CalendarDate,
  type FrnLine,
  type Envelope,
  type FundingRequestView,
} from '@ledger/domain';
import { AppendRecorder } from './append-recorder';
import { PLACE_NAMES } from './place-names';
import { type ScenarioAppend } from './scenario-append';
import { padded, scaled } from './scaling';
import { SeededRandom } from './seeded-random';

/**
 * What a funding request gets wrong, if anything. Each breaks one rule of the Free Services Advisory
 * (USAC, September 2015) or the wider E-Rate rules, so compliance dashboards have findings to show.
 */
export const ERATE_VIOLATIONS = [
  'free-item-not-deducted',
  'grant-not-independent',
  'provider-donation-earmarked',
  'subcontractor-donation-tied-to-bid',
  'ineligible-line-unidentified',
  'inflated-eligible-cost',
  'ineligible-share-30-percent',
  'unseparated-bundle',
  'early-trade-in',
] as const;
export type ErateViolation = (typeof ERATE_VIOLATIONS)[number];
export type ErateVariant = 'clean' | ErateViolation;

/** Flaws of the competitive bidding itself: findings on the bid record and the applicant, not the FRN. */
export type ProcurementFlaw =
  'none' | 'price-not-heaviest' | 'not-cheapest-selected' | 'contract-before-allowable-date';

export interface ErateStory {
  scenario: string;
  seed: number;
  scale: number;
  tag: string;
  /** First digits of every SPIN the story gives its providers (provider streams are named by SPIN, not by tag). */
  spinSeries: string;
  counts: { districts: number; libraries: number; providers: number; min: number };
  /** Share of funding requests with a violation (split evenly over ERATE_VIOLATIONS). */
  violationShare: number;
  procurementFlawShare: number;
  /** Forces the variant of the first applicants (the demo picks a clean request and a few violations). */
  pinned?: readonly ErateVariant[];
}

const OFFER_KINDS = [
  'price-reduction-amount',
  'price-reduction-rate',
  'bundle-discount',
  'free-item',
  'prompt-payment',
  'donation',
  'grant',
  'cost-allocation',
  'state-match',
  'trade-in',
] as const;
type OfferKind = (typeof OFFER_KINDS)[number];

interface Applicant {
  index: number;
  stream: string;
  name: string;
  library: boolean;
  students: number;
  nslp: number;
  locale: 'urban' | 'rural';
  cep: boolean;
  squareFeet: number;
  category: 1 | 2;
  variant: ErateVariant;
  flaw: ProcurementFlaw;
  offers: OfferKind[];
}

const ALL_DEFINITIONS = [...stateProgramStreams, ...erateStreams];

/**
 * Service provider ids: the story's SPIN series, the seed, the provider; stories with other series never share a
 * provider.
 */
export const spinOf = (series: string, seed: number, provider: number): string =>
  `${series}${String(seed).padStart(3, '0')}${padded(provider + 1)}`;
export const frnStreamOf = (tag: string, applicant: number): string => `frn-${tag}-${padded(applicant + 1, 5)}`;
export const applicantStreamOf = (tag: string, applicant: number, library: boolean): string =>
  `applicant-${tag}-${library ? 'library' : 'district'}-${padded(applicant + 1, 5)}`;

/**
 * The E-Rate story: providers register; each applicant posts a Form 470, receives bids, evaluates and
 * selects one, signs, drafts an FRN from the winning bid, records the offers around it, submits, and is
 * committed or denied on what the ledger's own rules compute. Each applicant's story is folded in a
 * small local view (to learn the commitment), then dropped: nothing accumulates across applicants.
 */
export function* erateStory(story: ErateStory): Generator<ScenarioAppend> {
  const rec = new AppendRecorder(story.scenario, story.seed);
  const providerCount = scaled(story.counts.providers, story.scale, Math.max(3, story.counts.min));
  const districts = scaled(story.counts.districts, story.scale, story.counts.min);
  const libraries = scaled(story.counts.libraries, story.scale, 1);
  const providers = Array.from({ length: providerCount }, (_, i) => spinOf(story.spinSeries, story.seed, i));

  for (const [i, spin] of providers.entries()) {
    yield rec.fact(
      `provider-${spin}`,
      'ServiceProviderRegistered',
      { spin, name: providerName(i), registeredOn: '2018-09-04' },
      '2018-09-04',
    );
  }
  for (const [i, spin] of providers.entries()) {
    const rnd = new SeededRandom(`${story.scenario}/${story.seed}/provider/${i}`);
    if (providers.length > 1 && rnd.chance(0.15)) {
      const sub = providers[(i + 1) % providers.length]!;
      yield rec.fact(
        `provider-${spin}`,
        'SubcontractorEngaged',
        { subcontractorSpin: sub, engagedOn: '2024-10-01' },
        '2024-10-01',
      );
    }
    if (rnd.chance(0.1)) {
      // A bona fide gift to a community foundation, earmarked for no one and tied to no bid: no finding.
      yield rec.fact(
        `provider-${spin}`,
        'ProviderDonationMade',
        {
          donationId: `gift-${i + 1}`,
          recipientOrganization: 'Community Technology Foundation',
          amount: rnd.int(5, 50) * 100_000,
          madeOn: '2024-12-10',
          earmarkedForApplicant: false,
          bonaFideIndependentGrant: true,
        },
        '2024-12-10',
      );
    }
  }

  for (let i = 0; i < districts + libraries; i++) {
    const applicant = applicantProfile(story, i, i >= districts);
    yield* applicantStory(rec, story, applicant, providers);
  }
}

function providerName(i: number): string {
  const names = [
    'Lone Star Fiber',
    'Bayou Broadband',
    'Pine Tree Networks',
    'Desert Sky Telecom',
    'Great Plains Connect',
    'Harbor Light Networks',
    'Summit Wireless',
    'Riverbend Data',
  ];
  return `${names[i % names.length]!}${i >= names.length ? ` ${Math.floor(i / names.length) + 1}` : ''}`;
}

function applicantProfile(story: ErateStory, i: number, library: boolean): Applicant {
  const rnd = new SeededRandom(`${story.scenario}/${story.seed}/applicant/${i}`);
  const students = library ? rnd.logNormal(4_000, 0.8, 300, 60_000) : rnd.logNormal(2_500, 1.1, 120, 150_000);
  const nslp = Math.round((students * rnd.int(0, 95)) / 100);
  const pinned = story.pinned?.[i];
  const variant: ErateVariant = pinned ?? (rnd.chance(story.violationShare) ? rnd.pick(ERATE_VIOLATIONS) : 'clean');
  const flawRoll = rnd.next();
  const flaw: ProcurementFlaw =
    pinned !== undefined || flawRoll >= story.procurementFlawShare
      ? 'none'
      : rnd.pick(['price-not-heaviest', 'not-cheapest-selected', 'contract-before-allowable-date'] as const);
  const offers = OFFER_KINDS.filter(() => rnd.chance(0.18));
  const place = PLACE_NAMES[i % PLACE_NAMES.length]!;
  const round = i >= PLACE_NAMES.length ? ` ${Math.floor(i / PLACE_NAMES.length) + 1}` : '';
  return {
    index: i,
    stream: applicantStreamOf(story.tag, i, library),
    name: library ? `${place} Public Library${round}` : `${place} Unified School District${round}`,
    library,
    students,
    nslp,
    locale: rnd.chance(0.45) ? 'rural' : 'urban',
    cep: !library && nslp * 100 >= students * 40 && rnd.chance(0.5),
    squareFeet: library ? rnd.int(6, 80) * 1_000 : 0,
    category: library || rnd.chance(0.6) ? 1 : 2,
    variant,
    flaw,
    // The first applicant shows every kind of discount at once, so a small run explains them all.
    offers:
      i === 0 && pinned === 'clean'
        ? ['price-reduction-amount', 'bundle-discount', 'free-item', 'prompt-payment', 'grant', 'trade-in']
        : offers,
  };
}

/** The applicant's bid lines: what its Form 470 asked for, priced by one provider. */
function bidLines(a: Applicant, priceFactor: number): BidLine[] {
  const price = (cents: number) => Math.round((cents * priceFactor) / 10_000) * 100;
  if (a.category === 1) {
    const mbps = a.students > 10_000 ? 10_000 : a.students > 2_000 ? 2_000 : 1_000;
    return [
      {
        product: `Internet access ${mbps >= 1_000 ? `${mbps / 1_000} Gbps` : `${mbps} Mbps`}`,
        model: `IA-${mbps}`,
        eligible: true,
        ancillary: false,
        quantity: 12,
        usualUnitPrice: price(60_000 + mbps * 90),
      },
      {
        product: 'E-mail service',
        model: 'EM-STD',
        eligible: false,
        ancillary: true,
        quantity: 12,
        usualUnitPrice: price(1_500),
      },
      {
        product: 'Web hosting',
        model: 'WH-S',
        eligible: false,
        ancillary: false,
        quantity: 12,
        usualUnitPrice: price(4_000),
      },
    ];
  }
  // Category 2 stays well inside the five-year budget ($167 a student, $25,000 floor).
  const budget = Math.max(2_500_000, a.students * 16_700);
  const accessPoints = Math.max(2, Math.min(Math.ceil(a.students / 80), Math.floor((budget * 0.2) / 65_000)));
  return [
    {
      product: 'Wireless access point',
      model: 'AP-515',
      eligible: true,
      ancillary: false,
      quantity: accessPoints,
      usualUnitPrice: price(65_000),
    },
    {
      product: 'Network switch 48-port',
      model: 'SW-48P',
      eligible: true,
      ancillary: false,
      quantity: Math.max(1, Math.ceil(accessPoints / 24)),
      usualUnitPrice: price(320_000),
    },
    {
      product: 'Installation and configuration',
      model: 'INST-AP',
      eligible: true,
      ancillary: false,
      quantity: accessPoints,
      usualUnitPrice: price(9_000),
    },
    {
      product: 'Classroom projector',
      model: 'PJ-200',
      eligible: false,
      ancillary: false,
      quantity: Math.max(1, Math.ceil(accessPoints / 10)),
      usualUnitPrice: price(45_000),
    },
  ];
}

const bidEligibleCost = (lines: readonly BidLine[]): number =>
  lines.filter((l) => l.eligible).reduce((t, l) => t + l.quantity * l.usualUnitPrice, 0);

interface Local {
  facts: FoldedFacts;
  position: number;
}

/**
 * Folds an append into the applicant's local view, as the ledger would, so the generator can read the rules' verdict.
 */
function folded(local: Local, append: ScenarioAppend): ScenarioAppend {
  for (const e of append.events) {
    local.position += 1;
    const envelope: Envelope = {
      id: e.id,
      stream: append.stream,
      revision: 0,
      position: local.position,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: e.metadata.occurredAt,
    };
    local.facts.apply(envelope);
  }
  return append;
}

interface Procured {
  procurement: string;
  winner: { spin: string; bidId: string; lines: BidLine[] };
  contractNumber: string;
  signedOn: CalendarDate;
}

function* procurementStory(
  rec: AppendRecorder,
  local: Local,
  a: Applicant,
  providers: readonly string[],
  rnd: SeededRandom,
  o: {
    stream: string;
    form470: string;
    certifyDate: CalendarDate;
    flaw: ProcurementFlaw;
  },
): Generator<ScenarioAppend, Procured> {
  const fact = (stream: string, type: string, data: object, on: CalendarDate) =>
    folded(local, rec.fact(stream, type, data, on));
  yield fact(
    o.stream,
    'BidRequestPosted',
    {
      form470Number: o.form470,
      applicant: a.stream,
      category: a.category,
      servicesRequested:
        a.category === 1
          ? ['Internet access', 'Web hosting']
          : ['Wireless access points', 'Network switches', 'Installation'],
      certifyDate: o.certifyDate,
    },
    o.certifyDate,
  );
  const bidderCount = Math.min(providers.length, rnd.int(2, 4));
  const first = rnd.int(0, providers.length - 1);
  const bids = Array.from({ length: bidderCount }, (_, k) => ({
    bidId: `B${k + 1}`,
    spin: providers[(first + k) % providers.length]!,
    lines: bidLines(a, rnd.int(85, 115)),
  }));
  for (const [k, bid] of bids.entries()) {
    const receivedOn = addDays(o.certifyDate, 7 + k * 3 + rnd.int(0, 3));
    yield fact(o.stream, 'BidReceived', { bidId: bid.bidId, spin: bid.spin, receivedOn, lines: bid.lines }, receivedOn);
  }
  const costs = bids.map((b) => bidEligibleCost(b.lines));
  const cheapest = costs.indexOf(Math.min(...costs));
  const priciest = costs.indexOf(Math.max(...costs));
  const evaluatedOn = addDays(o.certifyDate, 24);
  const factors =
    o.flaw === 'price-not-heaviest'
      ? [
          { name: 'Price', weightPercent: 30, isPrice: true },
          { name: 'Prior experience', weightPercent: 40, isPrice: false },
          { name: 'Service plan', weightPercent: 30, isPrice: false },
        ]
      : [
          { name: 'Price', weightPercent: 40, isPrice: true },
          { name: 'Prior experience', weightPercent: 30, isPrice: false },
          { name: 'Service plan', weightPercent: 30, isPrice: false },
        ];
  const minCost = Math.min(...costs);
  const scores = bids.flatMap((b, k) => [
    { bidId: b.bidId, factor: 'Price', points: Math.round((100 * minCost) / Math.max(1, costs[k]!)) },
    { bidId: b.bidId, factor: 'Prior experience', points: rnd.int(60, 100) },
    { bidId: b.bidId, factor: 'Service plan', points: rnd.int(60, 100) },
  ]);
  yield fact(o.stream, 'BidEvaluationRecorded', { factors, scores, evaluatedOn }, evaluatedOn);
  const chosen = o.flaw === 'not-cheapest-selected' && priciest !== cheapest ? priciest : cheapest;
  const winner = bids[chosen]!;
  // The 28-day wait bars vendor selection too: a clean competition selects on the allowable contract date.
  const selectedOn = addDays(o.certifyDate, o.flaw === 'contract-before-allowable-date' ? 26 : 28);
  yield fact(
    o.stream,
    'VendorSelected',
    {
      bidId: winner.bidId,
      selectedOn,
      ...(chosen === cheapest ? { reason: 'Lowest eligible cost with price weighted most' } : {}),
    },
    selectedOn,
  );
  // The allowable contract date is the certify date + 28 days; a flawed competition signs early.
  const signedOn =
    o.flaw === 'contract-before-allowable-date'
      ? addDays(o.certifyDate, 27)
      : addDays(o.certifyDate, 28 + rnd.int(2, 30));
  const contractNumber = `C-${o.form470}`;
  yield fact(o.stream, 'ContractSigned', { bidId: winner.bidId, contractNumber, signedOn }, signedOn);
  return { procurement: o.stream, winner, contractNumber, signedOn };
}

/** A funding request built from the winning bid, line for line. */
const frnLines = (bid: readonly BidLine[], location: string): FrnLine[] =>
  bid.map((l, k) => ({
    lineId: `L${k + 1}`,
    product: l.product,
    ...(l.model ? { model: l.model } : {}),
    location,
    eligible: l.eligible,
    ancillary: l.ancillary,
    specificallyRequested: !l.ancillary,
    quantity: l.quantity,
    usualUnitPrice: l.usualUnitPrice,
  }));

function* applicantStory(
  rec: AppendRecorder,
  story: ErateStory,
  a: Applicant,
  providers: readonly string[],
): Generator<ScenarioAppend> {
  const local: Local = { facts: new FoldedFacts(ALL_DEFINITIONS), position: 0 };
  const fact = (stream: string, type: string, data: object, on: CalendarDate) =>
    folded(local, rec.fact(stream, type, data, on));
  const rnd = new SeededRandom(`${story.scenario}/${story.seed}/story/${a.index}`);
  const location = a.library ? `${a.name}, main branch` : `${a.name}, district office`;
  const n = padded(a.index + 1, 5);

  yield fact(
    a.stream,
    'ApplicantRegistered',
    {
      name: a.name,
      kind: a.library ? 'library' : 'school-district',
      usState: rnd.pick(['TX', 'MS', 'ME', 'NV', 'VT']),
      students: a.students,
      nslpEligibleStudents: a.nslp,
      economicallyDisadvantagedStudents: a.nslp,
      locale: a.locale,
      cep: a.cep,
      ...(a.library ? { librarySquareFeet: a.squareFeet } : {}),
      memberApplicantIds: [],
    },
    '2018-10-01',
  );

  // Equipment funded years ago, traded in this year: after five years (allowed) or, as a violation, before.
  const tradesIn = a.variant === 'early-trade-in' || a.offers.includes('trade-in');
  let oldAsset: { stream: string; installedOn: CalendarDate } | undefined;
  if (tradesIn) {
    const early = a.variant === 'early-trade-in';
    const year = early ? 2021 : 2019;
    const old = yield* procurementStory(rec, local, { ...a, category: 2 }, providers, rnd, {
      stream: `procurement-${story.tag}-470-${String(year).slice(2)}${n}`,
      form470: `${String(year).slice(2)}${n}`,
      certifyDate: `${year - 1}-12-03`,
      flaw: 'none',
    });
    const oldFrn = `${frnStreamOf(story.tag, a.index)}-fy${year}`;
    const draftedOn = addDays(old.signedOn, 5);
    yield fact(
      oldFrn,
      'FundingRequestDrafted',
      {
        applicant: a.stream,
        category: 2,
        spin: old.winner.spin,
        procurement: old.procurement,
        contractNumber: old.contractNumber,
        fundingYear: year,
        serviceStartDate: `${year}-07-01`,
        lines: frnLines(old.winner.lines, location),
      },
      draftedOn,
    );
    yield fact(
      oldFrn,
      'FundingRequestSubmitted',
      { form471Number: `${String(year).slice(2)}1${n}`, submittedOn: addDays(draftedOn, 10) },
      addDays(draftedOn, 10),
    );
    yield* decision(fact, local, oldFrn, `${year}-06-15`);
    const installedOn = `${year}-08-${padded(rnd.int(2, 27), 2)}`;
    oldAsset = { stream: `asset-${story.tag}-${n}-ap-fy${year}`, installedOn };
    yield fact(
      oldAsset.stream,
      'AssetInstalled',
      {
        frn: oldFrn,
        lineId: 'L1',
        installedOn,
        product: 'Wireless access point',
        model: 'AP-515',
        location,
        eligible: true,
        quantity: old.winner.lines[0]!.quantity,
      },
      installedOn,
    );
  }

  const certifyDate = addDays('2024-11-01', rnd.int(0, 70));
  const procured = yield* procurementStory(rec, local, a, providers, rnd, {
    stream: `procurement-${story.tag}-470-25${n}`,
    form470: `25${n}`,
    certifyDate,
    flaw: a.flaw,
  });
  const frn = frnStreamOf(story.tag, a.index);
  let lines = frnLines(procured.winner.lines, location);
  switch (a.variant) {
    case 'ineligible-line-unidentified':
      lines = [
        ...lines,
        {
          lineId: `L${lines.length + 1}`,
          product: 'Staff laptops',
          eligible: false,
          ancillary: false,
          specificallyRequested: true,
          quantity: 2,
          usualUnitPrice: 60_000,
        },
      ];
      break;
    case 'inflated-eligible-cost':
      lines = lines.map((l, k) => (k === 0 ? { ...l, usualUnitPrice: Math.round(l.usualUnitPrice * 1.25) } : l));
      break;
    case 'ineligible-share-30-percent': {
      const eligible = lines.filter((l) => l.eligible).reduce((t, l) => t + l.quantity * l.usualUnitPrice, 0);
      lines = [
        ...lines,
        {
          lineId: `L${lines.length + 1}`,
          product: 'Staff laptops',
          model: 'LT-14',
          location,
          eligible: false,
          ancillary: false,
          specificallyRequested: true,
          quantity: 10,
          usualUnitPrice: Math.ceil(eligible / 10 / 100) * 100,
        },
      ];
      break;
    }
    case 'clean':
    case 'free-item-not-deducted':
    case 'grant-not-independent':
    case 'provider-donation-earmarked':
    case 'subcontractor-donation-tied-to-bid':
    case 'unseparated-bundle':
    case 'early-trade-in':
      break;
    default: {
      const unknown: never = a.variant;
      throw new Error(`Unknown variant ${String(unknown)}`);
    }
  }
  // A state match raises the discount only on Category 1 special construction: the first line carries it.
  if (a.category === 1 && a.offers.includes('state-match'))
    lines = lines.map((l, k) => (k === 0 ? { ...l, specialConstruction: true } : l));
  const usual = lines.reduce((t, l) => t + l.quantity * l.usualUnitPrice, 0);
  const draftedOn = addDays(procured.signedOn, rnd.int(2, 10));
  yield fact(
    frn,
    'FundingRequestDrafted',
    {
      applicant: a.stream,
      category: a.category,
      spin: procured.winner.spin,
      procurement: procured.procurement,
      contractNumber: procured.contractNumber,
      fundingYear: 2025,
      serviceStartDate: '2025-07-01',
      lines,
      ...(a.variant === 'unseparated-bundle' ? { singleBundlePrice: Math.round((usual * 0.95) / 100) * 100 } : {}),
    },
    draftedOn,
  );

  let on = draftedOn;
  const next = () => (on = addDays(on, rnd.int(1, 4)));
  const offer = (type: string, data: object) => fact(frn, type, data, next());
  for (const kind of a.offers) {
    switch (kind) {
      case 'price-reduction-amount':
        yield offer('PriceReductionOffered', {
          description: 'Negotiated price reduction (Ex. 1)',
          lineIds: ['L1'],
          amount: Math.round(lines[0]!.quantity * lines[0]!.usualUnitPrice * 0.08),
        });
        break;
      case 'price-reduction-rate':
        yield offer('PriceReductionOffered', {
          description: 'New-customer promotional reduction',
          rateBasisPoints: 500,
        });
        break;
      case 'bundle-discount': {
        const bundled = lines.slice(0, 2);
        const total = bundled.reduce((t, l) => t + l.quantity * l.usualUnitPrice, 0);
        yield offer('BundleDiscountOffered', {
          description: 'Bundle price for the first two lines (Ex. 2)',
          lineIds: bundled.map((l) => l.lineId),
          quotedTotal: Math.round((total * 0.9) / 100) * 100,
        });
        break;
      }
      case 'free-item':
        yield offer('FreeItemOffered', {
          description: 'Five cell phones for staff (Ex. 3)',
          quantity: 5,
          fairMarketValue: 70_000,
          tiedToPurchase: true,
          treatment: rnd.chance(0.5) ? 'subtract' : 'cost-allocate',
        });
        break;
      case 'prompt-payment':
        yield offer('PromptPaymentDiscountOffered', { rateBasisPoints: 200, withinDays: 30 });
        break;
      case 'donation':
        yield offer('DonationRecorded', {
          donor: 'Parent-teacher association',
          description: 'Charging carts',
          value: 120_000,
          fromServiceProvider: false,
          tiedToBid: false,
        });
        break;
      case 'grant':
        yield offer('GrantReceived', {
          grantor: 'State Library Foundation',
          amount: Math.max(10_000, Math.round((usual * 0.05) / 100) * 100),
          receivedOn: next(),
          independentOfServiceProvider: true,
        });
        break;
      case 'cost-allocation':
        yield offer('CostAllocationDeclared', {
          lineId: 'L1',
          eligibleBasisPoints: 9_000,
          method: 'Share of capacity serving classrooms and library patrons',
        });
        break;
      case 'state-match':
        yield offer('StateMatchCommitted', { statePercent: rnd.int(3, 10), source: 'State broadband matching fund' });
        break;
      case 'trade-in':
        break;
      default: {
        const unknown: never = kind;
        throw new Error(`Unknown offer ${String(unknown)}`);
      }
    }
  }
  switch (a.variant) {
    case 'free-item-not-deducted':
      yield offer('FreeItemOffered', {
        description: 'Free tablets for the board room',
        quantity: 4,
        fairMarketValue: 160_000,
        tiedToPurchase: true,
        treatment: 'not-deducted',
      });
      break;
    case 'grant-not-independent':
      yield offer('GrantReceived', {
        grantor: `${providerName(providers.indexOf(procured.winner.spin))} Education Fund`,
        amount: 250_000,
        receivedOn: on,
        independentOfServiceProvider: false,
      });
      break;
    case 'subcontractor-donation-tied-to-bid': {
      // Subcontractors are held to the same rules (Free Services Advisory, "Additional Requirements and Restrictions").
      const prime = procured.winner.spin;
      const sub = providers.find((p) => p !== prime);
      if (!sub) throw new Error('Story bug: a subcontractor donation needs at least two providers');
      const engagedOn = next();
      yield fact(
        `provider-${prime}`,
        'SubcontractorEngaged',
        { subcontractorSpin: sub, engagedOn, procurement: procured.procurement },
        engagedOn,
      );
      const madeOn = next();
      yield fact(
        `provider-${sub}`,
        'ProviderDonationMade',
        {
          donationId: `D-${story.tag}-${n}-sub`,
          recipientOrganization: `${a.name} Technology Booster Club`,
          amount: 300_000,
          madeOn,
          earmarkedForApplicant: false,
          tiedToProcurement: procured.procurement,
          bonaFideIndependentGrant: false,
        },
        madeOn,
      );
      break;
    }
    case 'provider-donation-earmarked': {
      const madeOn = next();
      yield fact(
        `provider-${procured.winner.spin}`,
        'ProviderDonationMade',
        {
          donationId: `D-${story.tag}-${n}`,
          recipientOrganization: `${a.name} Education Foundation`,
          beneficiaryApplicant: a.stream,
          amount: 500_000,
          madeOn,
          earmarkedForApplicant: true,
          bonaFideIndependentGrant: false,
        },
        madeOn,
      );
      break;
    }
    case 'clean':
    case 'ineligible-line-unidentified':
    case 'inflated-eligible-cost':
    case 'ineligible-share-30-percent':
    case 'unseparated-bundle':
    case 'early-trade-in':
      break;
    default: {
      const unknown: never = a.variant;
      throw new Error(`Unknown variant ${String(unknown)}`);
    }
  }
  if (oldAsset) {
    const tradedInOn = next();
    yield fact(
      oldAsset.stream,
      'AssetTradedIn',
      { tradedInOn, value: rnd.int(10, 60) * 10_000, appliedToFrn: frn },
      tradedInOn,
    );
  }

  const submittedOn = addDays(on > '2025-01-15' ? on : '2025-01-15', rnd.int(1, 40));
  yield fact(frn, 'FundingRequestSubmitted', { form471Number: `251${n}`, submittedOn }, submittedOn);
  // One in ten requests is still waiting for USAC, so dashboards show pending requests too.
  if (a.index > 3 && rnd.chance(0.1)) return;
  const decidedOn = addDays(submittedOn, rnd.int(60, 120));
  const committed = yield* decision(fact, local, frn, decidedOn);
  if (committed === 0) return;
  const filing = rnd.next();
  if (filing < 0.85) {
    const filedOn = addDays(decidedOn, rnd.int(10, 100));
    yield fact(frn, 'Form486Filed', { filedOn, cipa: 'compliant' }, filedOn);
  } else if (filing < 0.9) {
    const filedOn = addDays(decidedOn > '2025-07-01' ? decidedOn : '2025-07-01', rnd.int(125, 160));
    yield fact(frn, 'Form486Filed', { filedOn, cipa: 'compliant' }, filedOn);
  }
  const paidOn = addDays(decidedOn, rnd.int(90, 150));
  yield fact(frn, 'InvoicePaid', { invoiceNumber: `INV-${n}-1`, amount: Math.floor(committed / 2), paidOn }, paidOn);
}

/** USAC's decision follows the ledger's own computation: denied when the rules deny, else the fundable commitment. */
function* decision(
  fact: (stream: string, type: string, data: object, on: CalendarDate) => ScenarioAppend,
  local: Local,
  frn: string,
  on: CalendarDate,
): Generator<ScenarioAppend, number> {
  const view: FundingRequestView | undefined = renderFundingRequest(frn, local.facts);
  if (!view) throw new Error(`Story bug: ${frn} was not drafted`);
  if (view.fundableCommitment === null || view.thirtyPercentRule?.outcome === 'deny' || view.fundableCommitment === 0) {
    const reason =
      view.findings.find((f) => f.severity === 'serious' || f.severity === 'violation')?.message ??
      'No eligible cost to fund';
    yield fact(frn, 'FundingDenied', { deniedOn: on, reason }, on);
    return 0;
  }
  yield fact(frn, 'FundingCommitted', { amount: view.fundableCommitment, committedOn: on }, on);
  return view.fundableCommitment;
}
